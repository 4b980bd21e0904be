package dev.hermesharden.system.accounts;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import java.util.Optional;

/**
 * One account's passwd entry, asked of {@code getent passwd NAME} (so NSS users count), read from
 * {@code /etc/passwd} when the host has no {@code getent}.
 *
 * @param shell field 7, e.g. {@code /usr/sbin/nologin}
 */
public record AccountLookup(String name, int uid, String home, String shell) {

  /** Whether the shell refuses interactive logins. */
  public boolean noLogin() {
    return shell.endsWith("/nologin")
        || shell.equals("/bin/false")
        || shell.equals("/usr/bin/false");
  }

  /** The account, or empty when it does not exist. */
  public static Optional<AccountLookup> of(Host host, String user) throws HostException {
    ExecResult r = host.exec("getent", "passwd", "--", user);
    if (r.ok()) {
      return parse(r.stdout().lines().findFirst().orElse(""));
    }
    if (r.exitCode() == 2) {
      return Optional.empty(); // getent: key not found
    }
    for (String line : host.readFile("/etc/passwd").orElse("").split("\n")) {
      if (line.startsWith(user + ":")) {
        return parse(line);
      }
    }
    return Optional.empty();
  }

  /** Parses {@code name:x:uid:gid:gecos:home:shell}. */
  public static Optional<AccountLookup> parse(String line) {
    String[] f = line.strip().split(":", -1);
    if (f.length < 7) {
      return Optional.empty();
    }
    try {
      return Optional.of(new AccountLookup(f[0], Integer.parseInt(f[2]), f[5], f[6]));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
