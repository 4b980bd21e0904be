package dev.hermesharden.system.sshkeys;

import java.util.Optional;

/**
 * Which keys a hardened server accepts: ed25519, sk-ed25519, ECDSA on a NIST curve (also
 * security-key ECDSA), RSA of at least 3072 bits. DSA never (OpenSSH dropped it; 1024 bits).
 *
 * <p>Caveat: the rejection texts are short technical facts ({@code rsa 2048 bits < 3072}), shown as
 * arguments inside a translated sentence, not sentences themselves.
 */
public final class KeyPolicy {
  public static final int MIN_RSA_BITS = 3072;

  private KeyPolicy() {}

  public static Optional<String> rejection(AuthorizedKey k) {
    if (hasOption(k.options(), "cert-authority")) {
      // sshd takes the line as a CA that signs certificates: the key itself is refused
      return Optional.of("cert-authority: a CA for certificates, not a login key");
    }
    String type = k.key().type();
    if (!type.equals(k.declaredType())) {
      return Optional.of(
          "type " + k.declaredType() + " does not match its key data (" + type + ")");
    }
    return rejection(k.key());
  }

  public static Optional<String> rejection(PublicKey key) {
    String type = key.type();
    if (type.equals("ssh-dss")) {
      return Optional.of("dsa");
    }
    if (type.equals("ssh-rsa")) {
      return key.bits() >= MIN_RSA_BITS
          ? Optional.empty()
          : Optional.of("rsa " + key.bits() + " bits < " + MIN_RSA_BITS);
    }
    if (type.equals("ssh-ed25519") || type.equals("sk-ssh-ed25519@openssh.com")) {
      return Optional.empty();
    }
    if (type.startsWith("ecdsa-sha2-") || type.startsWith("sk-ecdsa-sha2-")) {
      return key.bits() > 0 ? Optional.empty() : Optional.of("ecdsa curve " + key.curve());
    }
    return Optional.of("unsupported type " + type);
  }

  /** Whether the options field names {@code name} as an option of its own (outside quotes). */
  static boolean hasOption(String options, String name) {
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i <= options.length(); i++) {
      char c = i < options.length() ? options.charAt(i) : ',';
      if (c == '\\' && quoted) {
        i++; // sshd's \" inside a quoted value
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        String opt = options.substring(start, i).strip();
        int eq = opt.indexOf('=');
        if ((eq < 0 ? opt : opt.substring(0, eq)).equalsIgnoreCase(name)) {
          return true;
        }
        start = i + 1;
      }
    }
    return false;
  }

  /** {@code rsa 2048}, {@code ed25519}, {@code ecdsa nistp384}, {@code dsa}. */
  public static String shortType(String type) {
    return switch (type) {
      case "ssh-ed25519" -> "ed25519";
      case "sk-ssh-ed25519@openssh.com" -> "sk-ed25519";
      case "ssh-dss" -> "dsa";
      case "ssh-rsa" -> "rsa";
      default ->
          type.startsWith("ecdsa-sha2-")
              ? "ecdsa"
              : type.startsWith("sk-ecdsa") ? "sk-ecdsa" : type;
    };
  }
}
