package dev.hermesharden.system.sshkeys;

import java.util.Optional;

/**
 * One key line of an {@code authorized_keys} file: {@code [options] type base64 [comment]}.
 *
 * @param line 1-based line number in the file
 * @param options the raw options prefix ({@code from="10.0.0.0/8",no-pty}), empty when none
 * @param declaredType the type word written on the line
 * @param key the decoded blob; its own type may differ from {@code declaredType} (a broken line)
 */
public record AuthorizedKey(
    int line, String options, String declaredType, PublicKey key, String comment) {

  /** Why this key is not good enough for a hardened server, or empty when it is. */
  public Optional<String> rejection() {
    return KeyPolicy.rejection(this);
  }

  public boolean acceptable() {
    return rejection().isEmpty();
  }

  /** Short description for reasons and logs, e.g. {@code rsa 2048 admin@laptop}; never the key. */
  public String label() {
    return KeyPolicy.shortType(key.type())
        + (comment.isEmpty() ? "" : " " + comment)
        + " (line "
        + line
        + ")";
  }
}
