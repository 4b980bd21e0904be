package dev.hermesharden.checks.fail2ban;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimFile;
import dev.hermesharden.practice.SimulatedHost;
import org.junit.jupiter.api.Test;

/** {@link Fail2banConfigRootOnlyCheck} on the practice VPS. */
class Fail2banConfigRootOnlyCheckTest {
  private static final StepContext CTX = StepContext.of(Answers.EMPTY);

  /** An action directory the agent owns: its .local chooses the next ban's commands (as root). */
  @Test
  void anActionOrJailFileOfAnotherAccountFails() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    Fail2banConfigRootOnlyCheck c = new Fail2banConfigRootOnlyCheck();
    assertEquals(Status.NOT_APPLICABLE, c.run(host, Params.NONE, CTX).status(), "not installed");
    host.fs().put("/etc/fail2ban", SimFile.dir("root", "root", 0755));
    host.fs().put("/etc/fail2ban/action.d", SimFile.dir("root", "root", 0755));
    host.fs().put("/etc/fail2ban/jail.conf", SimFile.file("[DEFAULT]\n", "root", "root", 0644));
    assertEquals(Status.PASS, c.run(host, Params.NONE, CTX).status());
    host.fs().put("/etc/fail2ban/action.d", SimFile.dir("admin", "admin", 0755));
    Verdict v = c.run(host, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertTrue(v.details().containsKey("/etc/fail2ban/action.d"), v.details().toString());
    host.fs().put("/etc/fail2ban/action.d", SimFile.dir("root", "root", 0755));
    host.fs().put("/etc/fail2ban/jail.conf", SimFile.file("[DEFAULT]\n", "root", "admin", 0664));
    assertEquals(Status.FAIL, c.run(host, Params.NONE, CTX).status(), "group-writable");
  }
}
