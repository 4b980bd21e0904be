package dev.hermesharden.checks.hermesdir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.ForwardingHost;
import dev.hermesharden.host.Host;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.system.accounts.AccountLookup;
import dev.hermesharden.system.compose.YamlPlain;
import dev.hermesharden.system.hermes.HermesConfig;
import dev.hermesharden.system.hermes.HermesHomeLocator.Location;
import dev.hermesharden.system.hermes.HermesHomeLocator.Rejected;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HermesDirChecksTest {
  static final StepContext CTX = StepContext.of(Answers.EMPTY);
  static final Optional<String> HOME = Optional.of("/opt/hermes/data");

  static Optional<FileStat> stat(String line) {
    return Optional.of(FileStat.parse(line));
  }

  @Test
  void found() {
    HermesHomeFoundCheck c = new HermesHomeFoundCheck();
    assertEquals(Status.PASS, c.evaluate(new Location(HOME, List.of()), Params.NONE, CTX).status());
    assertEquals(
        Status.FAIL,
        c.evaluate(new Location(Optional.empty(), List.of()), Params.NONE, CTX).status());
  }

  @Test
  void aRefusedPlaceIsNamedWithItsReason() {
    Verdict v =
        new HermesHomeFoundCheck()
            .evaluate(
                new Location(
                    Optional.empty(),
                    List.of(
                        new Rejected(
                            "/etc", "/home/hermes/hermes-agent/compose.yaml", "system-directory"))),
                Params.NONE,
                CTX);
    assertEquals(Status.FAIL, v.status());
    assertEquals("reason.hermes-dir.not-found-refused", v.reason().key());
    assertEquals(
        "/etc (/home/hermes/hermes-agent/compose.yaml): system-directory",
        v.details().get("refused.1"));
  }

  @Test
  void directoryOwnerAndMode() {
    HermesDirModeCheck c = new HermesDirModeCheck();
    Verdict root =
        c.evaluate(
            new HermesDirModeCheck.Facts(
                HOME, stat("root\troot\t755\t4096\t1732406400\tdirectory\t/opt/hermes/data")),
            Params.NONE,
            CTX);
    assertEquals(Status.FAIL, root.status());
    assertEquals("reason.hermes-dir.wrong-owner", root.reason().key());
    assertEquals("0755", root.details().get("mode"));
    Verdict open =
        c.evaluate(
            new HermesDirModeCheck.Facts(
                HOME, stat("hermes\thermes\t750\t4096\t1732406400\tdirectory\t/opt/hermes/data")),
            Params.NONE,
            CTX);
    assertEquals("reason.hermes-dir.dir-open", open.reason().key());
    Verdict ok =
        c.evaluate(
            new HermesDirModeCheck.Facts(
                HOME, stat("hermes\thermes\t700\t4096\t1732406400\tdirectory\t/opt/hermes/data")),
            Params.NONE,
            CTX);
    assertEquals(Status.PASS, ok.status());
    StepContext custom = StepContext.of(Answers.EMPTY.with(Answers.SERVICE_USER, "agent"));
    assertEquals(
        Status.FAIL,
        c.evaluate(
                new HermesDirModeCheck.Facts(
                    HOME, stat("hermes\thermes\t700\t4096\t1\tdirectory\t/d")),
                Params.NONE,
                custom)
            .status(),
        "the answered service user counts");
    assertEquals(
        Status.SKIPPED,
        c.evaluate(
                new HermesDirModeCheck.Facts(Optional.empty(), Optional.empty()), Params.NONE, CTX)
            .status());
  }

  @Test
  void secretFiles() {
    SecretFileModeCheck c = new SecretFileModeCheck();
    Params env = new Params(Map.of("file", ".env"));
    assertEquals(
        Status.FAIL,
        c.evaluate(
                new DirectoryFacts(
                    HOME, stat("root\troot\t644\t120\t1\tregular file\t/opt/hermes/data/.env")),
                env,
                CTX)
            .status());
    assertEquals(
        Status.FAIL,
        c.evaluate(
                new DirectoryFacts(
                    HOME, stat("hermes\thermes\t640\t120\t1\tregular file\t/opt/hermes/data/.env")),
                env,
                CTX)
            .status(),
        "group-readable is still open");
    assertEquals(
        Status.PASS,
        c.evaluate(
                new DirectoryFacts(
                    HOME, stat("hermes\thermes\t600\t120\t1\tregular file\t/opt/hermes/data/.env")),
                env,
                CTX)
            .status());
    assertEquals(
        Status.PASS,
        c.evaluate(
                new DirectoryFacts(
                    HOME, stat("hermes\thermes\t400\t120\t1\tregular file\t/opt/hermes/data/.env")),
                env,
                CTX)
            .status());
    Verdict absent =
        new SecretFileModeCheck()
            .evaluate(
                new DirectoryFacts(HOME, Optional.empty()),
                new Params(Map.of("file", "auth.json")),
                CTX);
    assertEquals(Status.NOT_APPLICABLE, absent.status());
  }

  @Test
  void worldWritableIsCapped() {
    WorldWritableCheck c = new WorldWritableCheck();
    List<String> many =
        IntStream.range(0, 25).mapToObj(i -> "/opt/hermes/data/cache/f" + i).toList();
    Verdict v =
        c.evaluate(
            new WorldWritableCheck.Facts(HOME, many),
            new Params(Map.of("max-reported", "10")),
            CTX);
    assertEquals(Status.FAIL, v.status());
    assertEquals(List.of("25", "/opt/hermes/data"), v.reason().args());
    assertEquals(11, v.details().size());
    assertEquals("15", v.details().get("more"));
    assertEquals(
        Status.PASS,
        c.evaluate(new WorldWritableCheck.Facts(HOME, List.of()), Params.NONE, CTX).status());
  }

  @Test
  void literalSecretsNameKeysNeverValues() {
    LiteralSecretsCheck c = new LiteralSecretsCheck();
    String config =
        "model:\n  api_key: sk-live-SECRETVALUE\n  base_url: https://x\napprovals:\n  mode: manual\n";
    Verdict v =
        c.evaluate(new LiteralSecretsCheck.Facts(HOME, Optional.of(config)), Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status());
    assertEquals("model.api_key", v.details().get("key.1"));
    assertFalse(v.toString().contains("SECRETVALUE"), "the value never leaves the check");
    String clean = "model:\n  api_key: ${OPENROUTER_API_KEY}\n";
    assertEquals(
        Status.PASS,
        c.evaluate(new LiteralSecretsCheck.Facts(HOME, Optional.of(clean)), Params.NONE, CTX)
            .status());
    assertEquals(
        Status.NOT_APPLICABLE,
        c.evaluate(new LiteralSecretsCheck.Facts(HOME, Optional.empty()), Params.NONE, CTX)
            .status());
    assertEquals(
        Status.ERROR,
        c.evaluate(new LiteralSecretsCheck.Facts(HOME, Optional.of("a: [")), Params.NONE, CTX)
            .status());
  }

  @Test
  void literalSecretsAreJudgedOnTheRunsOneParseOfConfigYaml() throws Exception {
    // the approvals checks parse config.yaml through the host too: one parse per run for all
    Map<String, Object> theRunsParse = Map.of("model", Map.of("api_key", "kept-by-the-run"));
    List<String> asked = new ArrayList<>();
    Host host =
        new ForwardingHost(SimulatedHost.fresh()) {
          @Override
          @SuppressWarnings("unchecked")
          public <T> T parsed(String kind, String path, String text, Function<String, T> parser) {
            if (!kind.equals(HermesConfig.KIND)) {
              return super.parsed(kind, path, text, parser); // the compose files HOME is found by
            }
            asked.add(kind + " " + path);
            return (T) new YamlPlain.Loaded(theRunsParse, Optional.empty());
          }
        };
    LiteralSecretsCheck c = new LiteralSecretsCheck();
    LiteralSecretsCheck.Facts facts = c.gather(host, CTX);
    assertEquals(List.of("hermes-config /opt/hermes/data/config.yaml"), asked);
    Verdict v = c.evaluate(facts, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals("model.api_key", v.details().get("key.1"));
  }

  @Test
  void serviceShell() {
    ServiceShellCheck c = new ServiceShellCheck();
    assertEquals(
        Status.FAIL,
        c.evaluate(
                AccountLookup.parse("hermes:x:999:999::/home/hermes:/bin/bash"), Params.NONE, CTX)
            .status());
    assertEquals(
        Status.PASS,
        c.evaluate(
                AccountLookup.parse("hermes:x:999:999::/home/hermes:/usr/sbin/nologin"),
                Params.NONE,
                CTX)
            .status());
    assertEquals(
        Status.PASS,
        c.evaluate(
                AccountLookup.parse("hermes:x:999:999::/home/hermes:/bin/false"), Params.NONE, CTX)
            .status());
    assertEquals(Status.NOT_APPLICABLE, c.evaluate(Optional.empty(), Params.NONE, CTX).status());
  }
}
