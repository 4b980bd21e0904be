package dev.hermesharden.checks.sshd;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.sshd.ConfigEntry;
import dev.hermesharden.system.sshd.MatchBlock;
import java.util.List;
import java.util.Optional;

/**
 * {@code sshd.no-match-reenables-passwords}: no Match block turns password or keyboard-interactive
 * logins back on. A Match block overrides every earlier "first value", so a block such as {@code
 * Match Address 10.0.0.0/8} with {@code PasswordAuthentication yes} re-opens passwords for that
 * range even though {@code sshd -T} for the admin's own address looks clean; both the admin's
 * effective view and every block in the files count.
 */
public final class SshdMatchPasswordsCheck extends SshdCheck {
  static final List<String> KEYWORDS =
      List.of(
          "passwordauthentication",
          "kbdinteractiveauthentication",
          "challengeresponseauthentication");

  @Override
  public Verdict evaluate(SshdFacts f, Params params, StepContext ctx) {
    List<ConfigEntry> lines = f.files().matchLinesSetting(KEYWORDS, "yes");
    if (!lines.isEmpty()) {
      ConfigEntry first = lines.get(0);
      MatchBlock block = f.files().matchBlocks().get(first.matchBlock());
      boolean applies = f.files().blockMatches(block, f.spec());
      return Verdict.fail("reason.sshd.match-reenables-passwords", first.source(), block.criteria())
          .with("source", first.source())
          .with("match", "Match " + block.criteria() + " (" + block.source() + ")")
          .with("applies-to-admin", String.valueOf(applies))
          .with("lines", String.valueOf(lines.size()));
    }
    // sshd -T for the admin: a value decided inside a Match block the file model missed.
    for (String kw : KEYWORDS) {
      Optional<ConfigEntry> d = f.files().decidingLine(kw, Optional.of(f.spec()));
      boolean on =
          f.effective().flatMap(e -> e.first(kw)).map("yes"::equalsIgnoreCase).orElse(false);
      if (on && d.isPresent() && d.get().inMatch()) {
        return Verdict.fail("reason.sshd.match-reenables-passwords", d.get().source(), kw)
            .with("source", d.get().source());
      }
    }
    if (f.effective().isEmpty()) {
      // the files alone miss Match blocks sshd would apply: no PASS without sshd's own answer
      return SshdCheck.unavailable(f);
    }
    return Verdict.pass("reason.sshd.no-match-reenables")
        .with("match-blocks", String.valueOf(f.files().matchBlocks().size()));
  }
}
