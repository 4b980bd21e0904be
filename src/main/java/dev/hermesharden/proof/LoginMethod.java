package dev.hermesharden.proof;

import dev.hermesharden.system.sshkeys.PublicKey;
import java.util.List;
import java.util.Optional;

/**
 * How a login was authenticated, as sshd itself told it: the methods used (in order) and the
 * fingerprint of the public key that was accepted.
 *
 * <p>Two sources: the {@code $SSH_USER_AUTH} file sshd writes with {@code ExposeAuthInfo yes} (one
 * line per method, {@code publickey ssh-ed25519 AAAA...}, {@code password}, {@code
 * keyboard-interactive}), or sshd's own log line {@code Accepted publickey for admin from
 * 203.0.113.5 port 51234 ssh2: ED25519 SHA256:...} for the session's client address and port
 * ({@link SshdLog}).
 *
 * @param fingerprint {@code SHA256:...} of the last accepted key, empty when no key was used
 */
public record LoginMethod(List<String> methods, String fingerprint) {
  public LoginMethod {
    methods = List.copyOf(methods);
  }

  /** Only public keys were used, and at least one. */
  public boolean keyOnly() {
    return !methods.isEmpty()
        && methods.stream().allMatch(m -> m.equals("publickey"))
        && !fingerprint.isEmpty();
  }

  /** The first method that is not a public key (e.g. {@code password}), for the reason shown. */
  public String otherMethod() {
    return methods.stream().filter(m -> !m.equals("publickey")).findFirst().orElse("none");
  }

  /** From the lines of {@code $SSH_USER_AUTH}; empty when there is no line at all. */
  public static Optional<LoginMethod> fromUserAuth(List<String> lines) {
    List<String> methods =
        lines.stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty())
            .map(l -> l.split("\\s+")[0])
            .toList();
    if (methods.isEmpty()) {
      return Optional.empty();
    }
    String fp = "";
    for (String line : lines) {
      String[] f = line.strip().split("\\s+");
      if (f.length >= 3 && f[0].equals("publickey")) {
        fp = PublicKey.decode(f[2]).map(PublicKey::fingerprint).orElse("");
      }
    }
    return Optional.of(new LoginMethod(methods, fp));
  }
}
