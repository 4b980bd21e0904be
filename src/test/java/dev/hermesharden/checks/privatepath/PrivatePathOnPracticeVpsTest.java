package dev.hermesharden.checks.privatepath;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.checks.sshkeys.LoginProof;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.testing.KeysStepRunner;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrivatePathOnPracticeVpsTest {
  private static final String KEYS = "/home/admin/.ssh/authorized_keys";

  private static StepContext proven(SimulatedHost h, Answers a, String server) throws Exception {
    Evidence e =
        new Evidence(
            EvidenceKind.PRIVATE_PATH_LOGIN,
            "admin",
            "SHA256:XTyQl91TEjGABFQilk5RNPM36wxxcBIBU5QbemFwh6M",
            server,
            "100.101.102.103",
            Instant.now(),
            Map.of(KEYS, LoginProof.sha256Hex(h.readFile(KEYS).orElseThrow())),
            true);
    return new StepContext(a, List.of(e), Clock.systemUTC(), Optional.empty());
  }

  @Test
  void tailscaleUpButNoProofYet() throws Exception {
    SimulatedHost h = SimulatedHost.fresh();
    KeysStepRunner step = new KeysStepRunner("private-path");
    Map<String, Verdict> v = step.check(h, StepContext.of(Answers.EMPTY));
    assertEquals(Status.PASS, v.get("private-path.tailscale").status());
    assertEquals(Status.NOT_APPLICABLE, v.get("private-path.cidr").status());
    assertEquals(Status.FAIL, v.get("private-path.login").status());
    assertEquals(
        Status.PASS,
        step.check(h, proven(h, Answers.EMPTY, "100.64.0.10")).get("private-path.login").status());
    assertEquals(
        Status.FAIL,
        step.check(h, proven(h, Answers.EMPTY, "203.0.113.10")).get("private-path.login").status());
    step.plan(h, StepContext.of(Answers.EMPTY))
        .forEach((id, p) -> assertEquals(true, p.isEmpty(), id));
  }

  @Test
  void cidrPathOnThePracticeVps() throws Exception {
    SimulatedHost h = SimulatedHost.fresh();
    Answers a =
        Answers.EMPTY
            .with(Answers.PRIVATE_PATH_KIND, "cidr")
            .with(Answers.PRIVATE_PATH_CIDR, "100.64.0.0/10");
    Map<String, Verdict> v =
        new KeysStepRunner("private-path").check(h, proven(h, a, "100.64.0.10"));
    assertEquals(Status.NOT_APPLICABLE, v.get("private-path.tailscale").status());
    assertEquals(Status.PASS, v.get("private-path.cidr").status());
    assertEquals(Status.PASS, v.get("private-path.login").status());
  }

  @Test
  void tailscaleDownFails() throws Exception {
    SimulatedHost h = SimulatedHost.fresh();
    h.exec("tailscale", "down");
    Verdict v =
        new KeysStepRunner("private-path")
            .check(h, StepContext.of(Answers.EMPTY))
            .get("private-path.tailscale");
    assertEquals("reason.private-path.tailscale-not-running", v.reason().key());
  }
}
