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
 * {@code users.service-user-exists}: the unprivileged account Hermes runs as exists, is not root
 * and is an account of its own. The kernel knows accounts by uid: a service account given the
 * admin's uid ({@code hermes:x:1000:…}) runs the agent as the admin, which writes the admin's
 * {@code authorized_keys} and shell start-up files (EarlyStepsHostileSandbox3Test), and so on to
 * the admin's sudo. Any other account sharing its uid is the same.
 */
public final class ServiceUserCheck implements Check<ServiceUserCheck.Facts> {
  /** The service account and every account of the user database. */
  public record Facts(Account account, List<PasswdEntry> all) {
    public Facts {
      all = List.copyOf(all);
    }
  }

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    Account a = Account.gather(host, ctx.answers().serviceUser());
    return new Facts(a, a.exists() ? Account.all(host) : List.of());
  }

  @Override
  public Verdict evaluate(Facts f, Params params, StepContext ctx) {
    Account a = f.account();
    if (a.entry().isEmpty()) {
      return Verdict.fail("reason.users.service-missing", a.name());
    }
    PasswdEntry e = a.entry().get();
    if (e.isRoot()) {
      return Verdict.fail("reason.users.service-is-root", a.name());
    }
    List<String> same =
        f.all().stream()
            .filter(o -> o.uid() == e.uid() && !o.name().equals(a.name()))
            .map(PasswdEntry::name)
            .toList();
    if (!same.isEmpty()) {
      return Verdict.fail(
              "reason.users.service-shares-uid",
              a.name(),
              String.valueOf(e.uid()),
              String.join(", ", same))
          .with("uid", String.valueOf(e.uid()));
    }
    return Verdict.pass("reason.users.service-ok", a.name()).with("uid", String.valueOf(e.uid()));
  }
}
