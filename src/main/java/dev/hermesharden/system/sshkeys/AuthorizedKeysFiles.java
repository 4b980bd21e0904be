package dev.hermesharden.system.sshkeys;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where sshd looks for a user's keys: the {@code authorizedkeysfile} line of {@code sshd -T}
 * output, with {@code %h} (home), {@code %u} (user), {@code %U} (uid) and {@code %%} expanded and
 * relative paths taken relative to the home directory (sshd_config(5)).
 *
 * <p>Caveat: {@code none} yields no files. Keys an {@code AuthorizedKeysCommand} prints are in no
 * file: {@link #elsewhereFromSshdT} names the command, for a check that cannot vouch for them.
 */
public final class AuthorizedKeysFiles {
  /** OpenSSH's compiled-in default. */
  public static final List<String> DEFAULT =
      List.of(".ssh/authorized_keys", ".ssh/authorized_keys2");

  private AuthorizedKeysFiles() {}

  /** The tokens of the {@code authorizedkeysfile} line of {@code sshd -T} output, if present. */
  public static Optional<List<String>> fromSshdT(String output) {
    for (String line : output.split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length >= 2 && f[0].equalsIgnoreCase("authorizedkeysfile")) {
        return Optional.of(List.of(f).subList(1, f.length));
      }
    }
    return Optional.empty();
  }

  /**
   * What else than a file gives sshd keys for the account {@code sshd -T} was asked about, as
   * written in sshd_config: {@code AuthorizedKeysCommand /etc/ssh/keys %u (as nobody)} when both
   * the command and its user are set (sshd runs it for every key login and takes each key it
   * prints; without a user it skips the command), and {@code TrustedUserCAKeys /etc/ssh/ca.pub} (a
   * certificate a CA there signed for the account's name logs in). Empty when neither is set.
   */
  public static List<String> elsewhereFromSshdT(String output) {
    List<String> out = new ArrayList<>();
    Optional<String> command = value(output, "authorizedkeyscommand");
    Optional<String> user = value(output, "authorizedkeyscommanduser");
    if (command.isPresent() && user.isPresent()) {
      out.add("AuthorizedKeysCommand " + command.get() + " (as " + user.get() + ")");
    }
    value(output, "trustedusercakeys").ifPresent(ca -> out.add("TrustedUserCAKeys " + ca));
    return List.copyOf(out);
  }

  /** The value of one keyword's line, empty when missing or {@code none}. */
  private static Optional<String> value(String output, String keyword) {
    for (String line : output.split("\n")) {
      String[] f = line.strip().split("\\s+", 2);
      if (f.length == 2 && f[0].equalsIgnoreCase(keyword)) {
        String v = f[1].strip();
        return v.isEmpty() || v.equalsIgnoreCase("none") ? Optional.empty() : Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** Absolute paths for one user. */
  public static List<String> resolve(List<String> patterns, String user, int uid, String home) {
    List<String> out = new ArrayList<>();
    for (String p : patterns) {
      if (p.equalsIgnoreCase("none")) {
        continue;
      }
      String e = expand(p, user, uid, home);
      out.add(e.startsWith("/") ? e : (home.endsWith("/") ? home : home + "/") + e);
    }
    return List.copyOf(out);
  }

  static String expand(String p, String user, int uid, String home) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '%' && i + 1 < p.length()) {
        char n = p.charAt(++i);
        switch (n) {
          case 'h' -> sb.append(home);
          case 'u' -> sb.append(user);
          case 'U' -> sb.append(uid);
          case '%' -> sb.append('%');
          default -> sb.append('%').append(n);
        }
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
