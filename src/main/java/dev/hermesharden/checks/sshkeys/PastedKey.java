package dev.hermesharden.checks.sshkeys;

import dev.hermesharden.system.sshkeys.AuthorizedKey;
import dev.hermesharden.system.sshkeys.AuthorizedKeysParser;
import java.util.Optional;

/** The public key line the admin pasted: parsed and judged the same way as installed keys. */
public final class PastedKey {
  private PastedKey() {}

  /** The key when it is one well-formed, strong key line; otherwise empty. */
  public static Optional<AuthorizedKey> usable(String pasted) {
    return parse(pasted).filter(AuthorizedKey::acceptable);
  }

  /**
   * Why the pasted text cannot be used ({@code not a public key}, {@code rsa 2048 bits < 3072}).
   */
  public static Optional<String> problem(String pasted) {
    Optional<AuthorizedKey> k = parse(pasted);
    if (k.isEmpty()) {
      return Optional.of("not a public key line");
    }
    return k.get().rejection();
  }

  private static Optional<AuthorizedKey> parse(String pasted) {
    String t = pasted.strip();
    if (t.isEmpty() || t.contains("\n") || t.contains("PRIVATE KEY")) {
      return Optional.empty();
    }
    return AuthorizedKeysParser.parseLine(1, t);
  }
}
