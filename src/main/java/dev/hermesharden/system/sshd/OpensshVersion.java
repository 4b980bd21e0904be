package dev.hermesharden.system.sshd;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenSSH version from {@code sshd -V} or {@code ssh -V} (both print to stderr, e.g. {@code
 * OpenSSH_9.6p1 Ubuntu-3ubuntu13.5, OpenSSL 3.0.13 30 Jan 2024}). Older sshd has no {@code -V}: it
 * fails with "unknown option" but still prints the version above its usage, so the text is
 * searched, not matched as a whole.
 */
public record OpensshVersion(int major, int minor, String text) {
  private static final Pattern VERSION = Pattern.compile("OpenSSH_(\\d+)\\.(\\d+)\\S*");

  public static Optional<OpensshVersion> parse(String output) {
    Matcher m = VERSION.matcher(output == null ? "" : output);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(
        new OpensshVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group()));
  }

  public boolean atLeast(int wantMajor, int wantMinor) {
    return major > wantMajor || (major == wantMajor && minor >= wantMinor);
  }

  /**
   * OpenSSH 8.7 renamed ChallengeResponseAuthentication to KbdInteractiveAuthentication; before
   * that the old keyword is the one that switches keyboard-interactive logins off.
   */
  public boolean usesKbdInteractiveKeyword() {
    return atLeast(8, 7);
  }
}
