package dev.hermesharden.checks.users;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PasswdEntry;
import dev.hermesharden.model.StepContext;
import java.util.List;

/**
 * {@code users.no-second-root}: no account but {@code root} has uid 0. A second name for uid 0
 * ({@code toor:x:0:0:…}) is root with a password and keys of its own that no other check looks at:
 * with an empty password any account, the agent's included, becomes root with {@code su toor}
 * (PAM's {@code nullok}; EarlyStepsHostileSandbox3Test). sshd's {@code PermitRootLogin} goes by
 * uid, so step 5 closes its SSH login, but not {@code su}.
 */
public final class SecondRootCheck implements Check<List<PasswdEntry>> {
  @Override
  public List<PasswdEntry> gather(Host host, StepContext ctx) throws HostException {
    return Account.all(host);
  }

  @Override
  public Verdict evaluate(List<PasswdEntry> accounts, Params params, StepContext ctx) {
    if (accounts.stream().noneMatch(e -> e.isRoot() && e.name().equals("root"))) {
      // no user database lacks root: this listing was not understood
      return Verdict.error("reason.users.passwd-unreadable");
    }
    List<String> others =
        accounts.stream()
            .filter(e -> e.isRoot() && !e.name().equals("root"))
            .map(PasswdEntry::name)
            .toList();
    return others.isEmpty()
        ? Verdict.pass("reason.users.no-second-root")
        : Verdict.fail("reason.users.second-root", String.join(", ", others))
            .with("uid 0", String.join(" ", others));
  }
}
