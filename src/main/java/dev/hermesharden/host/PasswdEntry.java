package dev.hermesharden.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One line of {@code /etc/passwd} as {@code getent passwd NAME} prints it: {@code
 * name:x:uid:gid:gecos:home:shell}.
 *
 * <p>Caveat: {@code getent} exits 2 with no output for an unknown name; callers turn that into an
 * empty Optional before parsing.
 */
public record PasswdEntry(String name, int uid, int gid, String gecos, String home, String shell) {

  public boolean isRoot() {
    return uid == 0;
  }

  /** The first well-formed line of {@code getent passwd} output, if any. */
  public static Optional<PasswdEntry> parseFirst(String output) {
    for (String line : output.split("\n")) {
      Optional<PasswdEntry> e = parse(line);
      if (e.isPresent()) {
        return e;
      }
    }
    return Optional.empty();
  }

  /**
   * Every account {@code getent passwd} lists, parsed once per run of checks ({@link Host#parsed}).
   *
   * @throws HostException {@code IO} when getent fails
   */
  public static List<PasswdEntry> listed(Host host) throws HostException {
    ExecResult r = host.exec("getent", "passwd");
    if (!r.ok()) {
      throw new HostException(HostException.Kind.IO, "getent passwd: " + r.stderr());
    }
    return host.parsed(LISTED_KIND, "getent passwd", r.stdout(), PasswdEntry::parseAll);
  }

  private static final String LISTED_KIND = "getent-passwd";

  /** Every well-formed line of {@code getent passwd} output, in its order. */
  public static List<PasswdEntry> parseAll(String output) {
    List<PasswdEntry> out = new ArrayList<>();
    for (String line : output.split("\n")) {
      parse(line).ifPresent(out::add);
    }
    return List.copyOf(out);
  }

  /**
   * One line of {@code getent passwd} or {@code /etc/passwd}. The shell is everything after the
   * sixth colon, as glibc reads it: {@code toor::0:0::/root:/home/hermes/sh:x} in {@code
   * /etc/passwd} is a uid-0 account whose shell is the agent's {@code sh:x} ({@code su toor} ran it
   * as root; EarlyStepsHostileSandbox4Test).
   */
  public static Optional<PasswdEntry> parse(String line) {
    String[] f = line.strip().split(":", 7);
    if (f.length != 7 || f[0].isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new PasswdEntry(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[4], f[5], f[6]));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
