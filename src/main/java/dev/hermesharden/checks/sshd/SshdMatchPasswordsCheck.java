package dev.hermesharden.checks.sshd;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.sshd.SshdAuthMethods;
import dev.hermesharden.system.sshd.SshdEffectiveConfig;
import dev.hermesharden.system.sshd.SshdUserAccess;
import java.util.Locale;
import java.util.Set;

/**
 * {@code sshd.no-match-reenables-passwords}: no Match block lets anyone in with a password or a
 * keyboard-interactive prompt. A Match block overrides every earlier "first value", so {@code Match
 * Address 10.0.0.0/8} with {@code PasswordAuthentication yes} re-opens passwords for that range
 * even though {@code sshd -T} for the admin's own address looks clean. Every block is judged by
 * sshd's own answer for a connection it matches ({@link
 * dev.hermesharden.system.sshd.SshdConnections}): a "yes" the block cannot make usable ({@code
 * AuthenticationMethods publickey}, a refused user) is not a reopening.
 */
public final class SshdMatchPasswordsCheck extends SshdCheck {
  @Override
  public Verdict evaluate(SshdFacts f, Params params, StepContext ctx) {
    if (f.effective().isEmpty()) {
      // the files alone miss Match blocks sshd would apply: no PASS without sshd's own answer
      return SshdCheck.unavailable(f);
    }
    for (SshdFacts.Asked a : f.connections()) {
      if (!a.connection().fromMatchBlock() || a.effective().isEmpty()) {
        continue;
      }
      SshdEffectiveConfig e = a.effective().get();
      String user = a.connection().spec().user();
      Set<String> secret = SshdAuthMethods.secretOnly(e);
      boolean rootBlocked =
          user.equals("root")
              && !e.first("permitrootlogin").orElse("").toLowerCase(Locale.ROOT).equals("yes");
      if (secret.isEmpty()
          || rootBlocked
          || SshdUserAccess.refusedBy(e, user, f.accounts().groupsOf(user)).isPresent()) {
        continue;
      }
      String kw = secret.contains("password") ? "passwordauthentication" : f.kbdKeyword();
      String source = f.source(kw, a.connection().spec());
      return withLive(
          Verdict.fail("reason.sshd.match-reenables-passwords", source, a.connection().label())
              .with("source", source)
              .with("match", a.connection().origin())
              .with("connection", a.connection().label())
              .with(
                  "applies-to-admin",
                  String.valueOf(
                      f.files().matchBlocks().stream()
                          .anyMatch(
                              b ->
                                  a.connection().origin().contains(b.source())
                                      && f.files().blockMatches(b, f.spec())))),
          f);
    }
    return inEffect(
        Verdict.pass("reason.sshd.no-match-reenables")
            .with("match-blocks", String.valueOf(f.files().matchBlocks().size()))
            .with("connections", String.valueOf(f.connections().size())),
        f);
  }
}
