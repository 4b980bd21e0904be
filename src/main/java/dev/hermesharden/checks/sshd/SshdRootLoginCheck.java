package dev.hermesharden.checks.sshd;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.sshd.SshdEffectiveConfig;
import dev.hermesharden.system.sshd.SshdUserAccess;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code sshd.permit-root-login}: root cannot log in on any connection: root's from the admin's
 * address and root's through every Match block. {@code PermitRootLogin prohibit-password} (or
 * {@code forced-commands-only}) still lets root in with a key, so only {@code no} passes — unless
 * DenyUsers/AllowUsers/DenyGroups/AllowGroups refuse root on that connection anyway: then root is
 * out and the verdict says so while recommending {@code PermitRootLogin no}.
 */
public final class SshdRootLoginCheck extends SshdCheck {
  @Override
  public Verdict evaluate(SshdFacts f, Params params, StepContext ctx) {
    if (f.effective().isEmpty()) {
      return unavailable(f);
    }
    String refusedBy = "";
    String offValue = "no";
    int asked = 0;
    for (SshdFacts.Asked a : f.connections()) {
      if (!a.connection().spec().user().equals("root") || a.effective().isEmpty()) {
        continue;
      }
      asked++;
      SshdEffectiveConfig e = a.effective().get();
      String value = e.first("permitrootlogin").orElse("?").toLowerCase(Locale.ROOT);
      if (value.equals("no")) {
        continue;
      }
      Optional<String> refused = SshdUserAccess.refusedBy(e, "root", f.accounts().groupsOf("root"));
      if (refused.isPresent()) {
        refusedBy = refused.get();
        offValue = value;
        continue;
      }
      String source = f.source("permitrootlogin", a.connection().spec());
      return withLive(
          Verdict.fail("reason.sshd.root-login-open", value, a.connection().label(), source)
              .with("keyword", "permitrootlogin")
              .with("value", value)
              .with("connection", a.connection().label())
              .with("source", source),
          f);
    }
    Verdict v =
        refusedBy.isEmpty()
            ? Verdict.pass("reason.sshd.root-login-off", asked)
            : Verdict.pass("reason.sshd.root-login-refused", offValue, refusedBy);
    return inEffect(
        v.with("keyword", "permitrootlogin")
            .with("value", refusedBy.isEmpty() ? "no" : offValue)
            .with("connections", String.valueOf(asked))
            .with("source", f.source("permitrootlogin")),
        f);
  }
}
