package dev.hermesharden.proof;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long ago the SSH connection a confirm record came over was opened, asked as root of the
 * kernel, not of the record: the established TCP socket of {@code SSH_CONNECTION}'s four fields
 * ({@code ss -Htnp state established}) and the oldest process holding it ({@code ps -o etimes=}),
 * which is sshd's child for that connection, forked when it was accepted.
 *
 * <p>Why: with {@code ControlMaster auto} and {@code ControlPersist} in the admin's {@code
 * ~/.ssh/config}, the proof command runs as a new session over a connection opened earlier, which
 * neither a reload of sshd nor ufw (it keeps established connections) touches. Such a "login" does
 * not show that a new login works after a change (docs/confirm-or-revert.md).
 *
 * <p>Caveat: a connection that is closed by the time root looks (the usual {@code ssh … confirm}
 * ends right after the record is written) has no age; it was a connection of its own, so nothing is
 * refused. Without {@code ss} or {@code ps} nothing is known either (the age is empty).
 */
final class SshConnectionAge {
  private static final Pattern PID = Pattern.compile("pid=(\\d+)");

  private SshConnectionAge() {}

  /** Seconds since the connection was opened, if it is still open and its processes are seen. */
  static OptionalLong seconds(Host host, String[] sshConnection) throws HostException {
    ExecResult ss = host.exec("ss", "-Htnp", "state", "established");
    if (!ss.ok()) {
      return OptionalLong.empty();
    }
    List<String> pids = pids(ss.stdout(), sshConnection);
    if (pids.isEmpty()) {
      return OptionalLong.empty();
    }
    ExecResult ps = host.exec("ps", "-o", "etimes=", "-p", String.join(",", pids));
    long oldest = -1;
    for (String line : ps.stdout().split("\n")) {
      String s = line.strip();
      if (s.matches("\\d{1,12}")) {
        oldest = Math.max(oldest, Long.parseLong(s));
      }
    }
    return oldest < 0 ? OptionalLong.empty() : OptionalLong.of(oldest);
  }

  /**
   * The pids ss names for the socket whose local end is the server address and port and whose peer
   * is the client address and port of {@code SSH_CONNECTION}.
   */
  static List<String> pids(String ssOutput, String[] conn) {
    List<String> out = new ArrayList<>();
    for (String line : ssOutput.split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length < 5) {
        continue;
      }
      Optional<String[]> local = endpoint(f[2]);
      Optional<String[]> peer = endpoint(f[3]);
      if (local.isEmpty() || peer.isEmpty()) {
        continue;
      }
      if (same(local.get(), conn[2], conn[3]) && same(peer.get(), conn[0], conn[1])) {
        Matcher m = PID.matcher(line);
        while (m.find()) {
          if (!out.contains(m.group(1))) {
            out.add(m.group(1));
          }
        }
      }
    }
    return out;
  }

  private static boolean same(String[] endpoint, String address, String port) {
    return endpoint[1].equals(port) && endpoint[0].equals(normal(address));
  }

  /** {@code 1.2.3.4:22}, {@code [::ffff:1.2.3.4]:22}, {@code 1.2.3.4%eth0:22} → address, port. */
  private static Optional<String[]> endpoint(String s) {
    int colon = s.lastIndexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    return Optional.of(new String[] {normal(s.substring(0, colon)), s.substring(colon + 1)});
  }

  private static String normal(String address) {
    String a = address.toLowerCase(Locale.ROOT);
    if (a.startsWith("[") && a.endsWith("]")) {
      a = a.substring(1, a.length() - 1);
    }
    int scope = a.indexOf('%');
    if (scope >= 0) {
      a = a.substring(0, scope);
    }
    return a.startsWith("::ffff:") && a.indexOf('.') > 0 ? a.substring(7) : a;
  }
}
