package dev.hermesharden.checks.sshd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimFile;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.system.sshd.SshdConfigReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link SshdConfigRootOnlyCheck} on the practice VPS and {@link SshdConfigReader#governing}. */
class SshdConfigRootOnlyCheckTest {
  private static final StepContext CTX = StepContext.of(Answers.EMPTY);

  @Test
  void theIncludeGlobsDirectoryAndANamedFileGovernWhatSshdReads() {
    Map<String, String> snapshot =
        Map.of(
            "/etc/ssh/sshd_config",
            "Include /etc/ssh/sshd_config.d/*.conf\nInclude extra.conf\nPort 22\n");
    assertEquals(
        List.of("/etc/ssh/sshd_config", "/etc/ssh/sshd_config.d", "/etc/ssh/extra.conf"),
        SshdConfigReader.governing(snapshot));
  }

  /** A drop-in directory the agent owns: its drop-in is read first at sshd's next start. */
  @Test
  void aDropInDirectoryOfAnotherAccountFails() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    SshdConfigRootOnlyCheck c = new SshdConfigRootOnlyCheck();
    assertEquals(Status.PASS, c.run(host, Params.NONE, CTX).status());
    host.fs().put("/etc/ssh/sshd_config.d", SimFile.dir("admin", "admin", 0755));
    Verdict v = c.run(host, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertTrue(v.details().containsKey("/etc/ssh/sshd_config.d"), v.details().toString());
    host.fs().put("/etc/ssh/sshd_config.d", SimFile.dir("root", "root", 0777));
    assertEquals(Status.FAIL, c.run(host, Params.NONE, CTX).status(), "world-writable");
  }
}
