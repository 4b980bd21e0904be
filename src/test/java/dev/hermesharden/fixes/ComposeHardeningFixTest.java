package dev.hermesharden.fixes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.fixes.containers.ComposeHardeningFix;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.system.compose.ComposeHardeningRewriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code containers.compose}: lines added after the service name, nothing else changed. */
class ComposeHardeningFixTest {
  private static final ComposeHardeningRewriter.Values V =
      new ComposeHardeningRewriter.Values("2", "4g", "10m", "3");

  @Test
  void addsOnlyWhatIsMissingInTheServicesIndent() {
    String text =
        "services:\n  hermes:\n    image: nousresearch/hermes-agent  # pinned later\n"
            + "    cap_drop: [NET_RAW]\n    volumes:\n      - ./data:/opt/data\n";
    String out = ComposeHardeningRewriter.rewrite("/opt/hermes/compose.yml", text, V);
    assertEquals(
        "services:\n  hermes:\n    security_opt:\n      - no-new-privileges:true\n"
            + "    cpus: \"2\"\n    mem_limit: 4g\n    logging:\n      driver: json-file\n"
            + "      options:\n        max-size: \"10m\"\n        max-file: \"3\"\n"
            + "    image: nousresearch/hermes-agent  # pinned later\n"
            + "    cap_drop: [NET_RAW]\n    volumes:\n      - ./data:/opt/data\n",
        out,
        "cap_drop is there (judged by the check), so it is left as the admin wrote it");
    assertEquals(out, ComposeHardeningRewriter.rewrite("/opt/hermes/compose.yml", out, V));
  }

  @Test
  void aFlowMappingServiceIsRefusedNotMangled() {
    String flow = "services:\n  hermes: {image: nousresearch/hermes-agent}\n";
    assertThrows(
        IllegalStateException.class,
        () -> ComposeHardeningRewriter.rewrite("/opt/hermes/compose.yml", flow, V));
  }

  @Test
  void onThePracticeVpsTheFileIsRewrittenAndTheContainersRecreated() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    StepContext ctx = StepContext.of(Answers.EMPTY);
    Params p = new Params(Map.of("cpus", "2", "memory", "4g", "max-size", "10m", "max-file", "3"));
    Plan plan = new ComposeHardeningFix().plan(host, p, ctx);
    assertEquals(2, plan.actions().size(), plan.toString());
    WriteFile w = (WriteFile) plan.actions().get(0);
    assertTrue(w.after().contains("  hermes:\n    security_opt:\n"), w.after());
    assertTrue(
        ((RunCommand) plan.actions().get(1)).argv().contains("up"),
        plan.actions().get(1).toString());
  }

  @Test
  void aFileAlreadyConfinedWhoseContainerIsNotIsOnlyRecreated() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    StepContext ctx = StepContext.of(Answers.EMPTY);
    Params p = new Params(Map.of("cpus", "2", "memory", "4g", "max-size", "10m", "max-file", "3"));
    String file = "/opt/hermes/docker-compose.yml";
    String text = host.readFile(file).orElseThrow();
    // the admin confined the file by hand and did not run docker compose up -d
    host.writeFile(
        file,
        ComposeHardeningRewriter.rewrite(file, text, V),
        dev.hermesharden.host.FileAttrs.KEEP);
    Plan plan = new ComposeHardeningFix().plan(host, p, ctx);
    assertEquals(1, plan.actions().size(), plan.toString());
    assertTrue(((RunCommand) plan.actions().get(0)).argv().contains("up"), plan.toString());
    RunCommand up = (RunCommand) plan.actions().get(0);
    assertEquals(0, host.exec(up.argv(), java.time.Duration.ofMinutes(1)).exitCode());
    assertEquals(0, new ComposeHardeningFix().plan(host, p, ctx).actions().size());
  }
}
