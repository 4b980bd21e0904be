package dev.hermesharden.checks.sshd;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.sshd.SshdEffectiveConfig;

/**
 * {@code sshd.allow-users}: an AllowUsers list is set and lets the admin in. Unset means every
 * account with a key or password may log in; a list without the admin would lock them out.
 */
public final class SshdAllowUsersCheck extends SshdCheck {
  @Override
  public Verdict evaluate(SshdFacts f, Params params, StepContext ctx) {
    if (f.effective().isEmpty()) {
      return unavailable(f);
    }
    SshdEffectiveConfig e = f.effective().get();
    String list = String.join(" ", e.words("allowusers"));
    Verdict v;
    if (list.isEmpty()) {
      v = Verdict.fail("reason.sshd.allow-users-unset", f.adminUser());
    } else if (!e.allowUsersPermits(f.adminUser())) {
      v = Verdict.fail("reason.sshd.allow-users-excludes", f.adminUser(), list);
    } else {
      v = Verdict.pass("reason.sshd.allow-users-ok", f.adminUser(), list);
    }
    return v.with("allowusers", list).with("source", f.source("allowusers"));
  }
}
