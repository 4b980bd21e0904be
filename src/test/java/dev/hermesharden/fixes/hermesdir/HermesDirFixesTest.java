package dev.hermesharden.fixes.hermesdir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.docker.UsersShim;
import dev.hermesharden.host.Host;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimFile;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.modules.HermesDirModule;
import dev.hermesharden.testing.PlanApplier;
import dev.hermesharden.testing.StepChecks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HermesDirFixesTest {
  static final StepContext CTX = StepContext.of(Answers.EMPTY);
  static final Catalog CATALOG = Catalog.of(List.of(new HermesDirModule()));
  static final String DATA = "/opt/hermes/data";
  static final List<String> CHECKS =
      List.of(
          "hermes-dir.found",
          "hermes-dir.directory",
          "hermes-dir.env-file",
          "hermes-dir.auth-file",
          "hermes-dir.no-world-writable",
          "hermes-dir.no-literal-secrets",
          "hermes-dir.service-shell");

  /** The fresh VPS's data dir as the Hermes simulator seeds it, plus a hermes account. */
  static UsersShim practiceVps() {
    SimulatedHost sim = wiped();
    sim.fs().put(DATA, SimFile.dir("root", "root", 0755));
    sim.fs()
        .put(DATA + "/.env", SimFile.file("OPENROUTER_API_KEY=sk-or-xyz\n", "root", "root", 0644));
    sim.fs().put(DATA + "/auth.json", SimFile.file("{}\n", "root", "root", 0644));
    sim.fs()
        .put(
            DATA + "/config.yaml",
            SimFile.file(
                "approvals:\n  mode: off\nmodel:\n  api_key: ${OPENROUTER_API_KEY}\n",
                "root",
                "root",
                0644));
    sim.fs().put(DATA + "/cache", SimFile.dir("root", "root", 0777));
    sim.fs().put(DATA + "/cache/tmp", SimFile.dir("root", "root", 01777));
    String passwd = sim.fs().read("/etc/passwd").orElse("root:x:0:0:root:/root:/bin/bash\n");
    sim.fs().write("/etc/passwd", passwd + "hermes:x:1001:1001::/home/hermes:/bin/bash\n");
    String group = sim.fs().read("/etc/group").orElse("root:x:0:\n");
    sim.fs().write("/etc/group", group + "hermes:x:1001:\n");
    return new UsersShim(sim);
  }

  /** A fresh practice VPS without a Hermes data directory (whatever the Hermes simulator seeds). */
  static SimulatedHost wiped() {
    SimulatedHost sim = SimulatedHost.fresh();
    sim.fs().walk(DATA).forEach(sim.fs()::delete);
    return sim;
  }

  static Map<String, Verdict> runChecks(Host host) throws Exception {
    Map<String, Verdict> out = new LinkedHashMap<>();
    for (String id : CHECKS) {
      out.put(id, StepChecks.run(CATALOG, id, host, CTX));
    }
    return out;
  }

  @Test
  void freshVpsFailsAndTheFixesMakeItPass() throws Exception {
    UsersShim host = practiceVps();
    Map<String, Verdict> before = runChecks(host);
    assertEquals(Status.PASS, before.get("hermes-dir.found").status());
    assertEquals(
        DATA,
        before.get("hermes-dir.found").details().get("path"),
        "found via the compose volume ./data");
    for (String id :
        List.of(
            "hermes-dir.directory",
            "hermes-dir.env-file",
            "hermes-dir.auth-file",
            "hermes-dir.no-world-writable",
            "hermes-dir.service-shell")) {
      assertEquals(Status.FAIL, before.get(id).status(), id);
    }
    assertEquals(
        DATA + "/cache", before.get("hermes-dir.no-world-writable").details().get("path.1"));

    Plan perms = CATALOG.fix("hermes-dir.permissions").orElseThrow().plan(host, Params.NONE, CTX);
    assertEquals(
        "$ find -P /opt/hermes/data -xdev '!' -type l '(' '!' -user hermes -o '!' -group hermes"
            + " ')' '(' -type d -o -links 1 ')' -execdir chown -h -- hermes:hermes '{}' +\n"
            + "$ setpriv --reuid=hermes --regid=1001 --clear-groups --no-new-privs -- chmod 700"
            + " /opt/hermes/data\n"
            + "$ setpriv --reuid=hermes --regid=1001 --clear-groups --no-new-privs -- chmod 600"
            + " /opt/hermes/data/.env\n"
            + "$ setpriv --reuid=hermes --regid=1001 --clear-groups --no-new-privs -- chmod 600"
            + " /opt/hermes/data/auth.json\n"
            + "$ setpriv --reuid=hermes --regid=1001 --clear-groups --no-new-privs -- find"
            + " /opt/hermes/data -xdev -perm -0002 '!' -type l -exec chmod o-w '{}' +\n",
        perms.render());
    Plan shell = CATALOG.fix("hermes-dir.nologin").orElseThrow().plan(host, Params.NONE, CTX);
    assertEquals("$ usermod -s /usr/sbin/nologin -- hermes\n", shell.render());

    PlanApplier.apply(host, perms);
    PlanApplier.apply(host, shell);
    runChecks(host).forEach((id, v) -> assertTrue(v.status().satisfied(), id + " " + v));
    assertTrue(
        CATALOG.fix("hermes-dir.permissions").orElseThrow().plan(host, Params.NONE, CTX).isEmpty());
    assertTrue(
        CATALOG.fix("hermes-dir.nologin").orElseThrow().plan(host, Params.NONE, CTX).isEmpty());
  }

  @Test
  void literalSecretHasNoFixButFails() throws Exception {
    UsersShim host = practiceVps();
    host.writeFile(
        DATA + "/config.yaml",
        "model:\n  api_key: sk-or-v1-abc\n",
        dev.hermesharden.host.FileAttrs.KEEP);
    Verdict v = runChecks(host).get("hermes-dir.no-literal-secrets");
    assertEquals(Status.FAIL, v.status());
    assertEquals("model.api_key", v.details().get("key.1"));
  }

  @Test
  void withoutHermesHomeNothingIsPlanned() throws Exception {
    SimulatedHost sim = wiped();
    assertEquals(Status.FAIL, runChecks(sim).get("hermes-dir.found").status());
    assertEquals(Status.SKIPPED, runChecks(sim).get("hermes-dir.directory").status());
    assertEquals(
        Status.NOT_APPLICABLE,
        runChecks(sim).get("hermes-dir.service-shell").status(),
        "no hermes user yet");
    assertTrue(
        CATALOG.fix("hermes-dir.permissions").orElseThrow().plan(sim, Params.NONE, CTX).isEmpty());
    assertTrue(
        CATALOG.fix("hermes-dir.nologin").orElseThrow().plan(sim, Params.NONE, CTX).isEmpty());
  }
}
