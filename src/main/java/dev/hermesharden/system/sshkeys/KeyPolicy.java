package dev.hermesharden.system.sshkeys;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
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

  /**
   * {@link #rejection(AuthorizedKey)}, and a key whose {@code expiry-time} has passed: sshd refused
   * the admin's key with {@code expiry-time="20000101"} while {@code ssh-keys.acceptable-key}
   * counted it (EarlyStepsHostileSandbox3Test). sshd reads a time without {@code Z} in the server's
   * zone, which is not known here: such a time counts as passed only a day later, when it has in
   * every zone.
   */
  public static Optional<String> rejection(AuthorizedKey k, Instant now) {
    Optional<String> why = rejection(k);
    if (why.isPresent()) {
      return why;
    }
    Optional<String> expiry = optionValue(k.options(), "expiry-time");
    if (expiry.isEmpty()) {
      return Optional.empty();
    }
    Optional<Instant> at = expiryInstant(expiry.get());
    if (at.isEmpty()) {
      // sshd refuses the whole line when it cannot read the time
      return Optional.of("expiry-time=\"" + expiry.get() + "\" is no time sshd reads");
    }
    boolean utc = expiry.get().toUpperCase(java.util.Locale.ROOT).endsWith("Z");
    Instant surely = utc ? at.get() : at.get().plus(Duration.ofDays(1));
    return now.isAfter(surely)
        ? Optional.of("expiry-time=\"" + expiry.get() + "\" has passed")
        : Optional.empty();
  }

  /**
   * sshd's {@code YYYYMMDD[Z]} or {@code YYYYMMDDHHMM[SS][Z]} (sshd(8)), read as UTC; empty when it
   * is neither.
   */
  static Optional<Instant> expiryInstant(String spec) {
    String t = spec.strip();
    if (t.toUpperCase(java.util.Locale.ROOT).endsWith("Z")) {
      t = t.substring(0, t.length() - 1);
    }
    if (!t.matches("\\d{8}|\\d{12}|\\d{14}")) {
      return Optional.empty();
    }
    String full = (t + "000000").substring(0, 14);
    try {
      return Optional.of(
          LocalDateTime.parse(full, DateTimeFormatter.ofPattern("uuuuMMddHHmmss"))
              .toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
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
    return option(options, name).isPresent();
  }

  /** The value of option {@code name} without its quotes, empty when it is not there. */
  static Optional<String> optionValue(String options, String name) {
    return option(options, name)
        .filter(o -> o.indexOf('=') >= 0)
        .map(o -> o.substring(o.indexOf('=') + 1).strip())
        .map(
            v ->
                v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")
                    ? v.substring(1, v.length() - 1)
                    : v);
  }

  /** The option {@code name} as written ({@code name} or {@code name=value}), if present. */
  private static Optional<String> option(String options, String name) {
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
          return Optional.of(opt);
        }
        start = i + 1;
      }
    }
    return Optional.empty();
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
