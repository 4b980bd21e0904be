package dev.hermesharden.checks.sshd;

import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.sshd.SshdAuthMethods;
import dev.hermesharden.system.sshd.SshdEffectiveConfig;
import dev.hermesharden.system.sshd.SshdUserAccess;
import java.util.Locale;

/**
 * Kind {@code sshd-secret-login}, param {@code method}: {@code sshd.password-authentication}
 * ({@code password}) and {@code sshd.kbd-interactive} ({@code keyboard-interactive}): nobody can
 * log in with that method alone, on any connection asked (the admin's, root's, every Match
 * block's), the running daemon does not offer it where the files say it is off, and no other SSH
 * server of root's (a second {@code sshd -p 2200} with settings of its own) offers it at all.
 *
 * <p>The keyword alone is not the question: {@code AuthenticationMethods publickey} (or a chain
 * that needs a key first) makes a "yes" unusable, {@code keyboard-interactive} has no device
 * without {@code UsePAM yes}, a user refused by AllowUsers/DenyUsers cannot use it, and root needs
 * {@code PermitRootLogin yes} for a password. Those PASS, naming why and recommending the keyword
 * off.
 */
public final class SshdSecretLoginCheck extends SshdCheck {
  private static final ParamSchema SCHEMA =
      ParamSchema.of(Param.oneOf("method", "password", "keyboard-interactive"));

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Verdict evaluate(SshdFacts f, Params params, StepContext ctx) {
    String method = params.string("method");
    if (f.effective().isEmpty()) {
      return unavailable(f);
    }
    String keyword = method.equals("password") ? "passwordauthentication" : f.kbdKeyword();
    String unusable = "";
    for (SshdFacts.Asked a : f.connections()) {
      if (a.effective().isEmpty()) {
        continue;
      }
      SshdEffectiveConfig e = a.effective().get();
      String user = a.connection().spec().user();
      boolean on = e.first(keyword).map("yes"::equalsIgnoreCase).orElse(false);
      if (!on) {
        continue;
      }
      if (!SshdAuthMethods.secretOnly(e).contains(method)) {
        unusable = why(e, method);
        continue;
      }
      var refused = SshdUserAccess.refusedBy(e, user, f.accounts().groupsOf(user));
      boolean rootBlocked =
          user.equals("root")
              && !e.first("permitrootlogin").orElse("").toLowerCase(Locale.ROOT).equals("yes");
      if (refused.isPresent() || rootBlocked) {
        continue; // this user cannot use it here; other connections decide for other users
      }
      String source = f.source(keyword, a.connection().spec());
      return withLive(
          Verdict.fail("reason.sshd.secret-login-open", method, a.connection().label(), source)
              .with("keyword", keyword)
              .with("value", "yes")
              .with("connection", a.connection().label())
              .with("source", source),
          f);
    }
    for (SshdLive.Offer o : f.live().offers()) {
      if (o.other() && o.offers(method)) {
        // not the files' sshd: nothing on disk turns it off
        return withLive(
            Verdict.fail("reason.sshd.other-server-offers", method, o.label())
                .with("keyword", keyword),
            f);
      }
      boolean expected = o.expected().map(l -> l.contains(method)).orElse(false);
      if (o.offers(method) && !expected) {
        return withLive(
            Verdict.fail("reason.sshd.live-offers", method, o.label())
                .with("keyword", keyword)
                .with("value", "no")
                .with("source", f.source(keyword)),
            f);
      }
    }
    String value = f.effective().get().first(keyword).orElse("?").toLowerCase(Locale.ROOT);
    Verdict v =
        unusable.isEmpty()
            ? Verdict.pass("reason.sshd.secret-login-off", method, keyword, value)
            : Verdict.pass("reason.sshd.secret-login-unusable", method, keyword, unusable);
    v = v.with("keyword", keyword).with("value", value).with("source", f.source(keyword));
    if (method.equals("keyboard-interactive") && f.version().isPresent()) {
      v = v.with("openssh", f.version().get().text());
    }
    return inEffect(v, f);
  }

  /** Why a method that is on cannot be used alone. */
  private static String why(SshdEffectiveConfig e, String method) {
    if (method.equals("keyboard-interactive")
        && !e.first("usepam").orElse("no").equalsIgnoreCase("yes")) {
      return "UsePAM no";
    }
    return "AuthenticationMethods " + e.first("authenticationmethods").orElse("any");
  }
}
