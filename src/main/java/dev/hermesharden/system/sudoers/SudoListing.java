package dev.hermesharden.system.sudoers;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code sudo -n -l -U NAME} (run as root, {@code LC_ALL=C}) says one account may do: sudo's
 * own answer, after every file, alias, group and negation it reads, e.g.
 *
 * <pre>
 * User admin may run the following commands on vps1:
 *     (ALL : ALL) ALL
 * </pre>
 *
 * or {@code User admin is not allowed to run sudo on vps1.} A group membership alone says nothing:
 * a sudoers without the {@code %sudo} line, or no sudo at all, leaves a member of {@code sudo} with
 * no way to root.
 *
 * @param state what the answer amounts to
 * @param text the answer's first line (stderr when sudo did not answer), for the evidence
 */
public record SudoListing(State state, String text) {
  /** ROOT: some line runs ALL as root (or ALL); LIMITED: only some commands; NONE: nothing. */
  public enum State {
    ROOT,
    LIMITED,
    NONE,
    /** sudo is not installed (exit 127). */
    MISSING,
    /** sudo did not answer (not run as root, a password asked, an unknown format). */
    UNKNOWN
  }

  private static final String ALLOWED = "may run the following commands";
  private static final String DENIED = "is not allowed to run sudo";

  /** {@code (runas) TAGS: commands}, the parentheses optional (then the command runs as root). */
  private static final Pattern PRIVILEGE = Pattern.compile("^(?:\\(([^)]*)\\)\\s*)?(.*)$");

  private static final Pattern TAGS = Pattern.compile("^(?:[A-Z_]+:\\s*)+");

  /**
   * The argv that asks sudo about {@code user} (a name {@code UserName} accepted). No {@code --}
   * can go between {@code -U} and its value; getopt hands the next word to {@code -U} whatever it
   * starts with, so a name is never read as an option.
   */
  public static List<String> argv(String user) {
    return List.of("sudo", "-n", "-l", "-U", user);
  }

  /** What sudo says {@code user} may do: {@link #argv} run on {@code host}, read by {@link #of}. */
  public static SudoListing ask(Host host, String user) throws HostException {
    return of(host.exec(argv(user), Host.DEFAULT_TIMEOUT));
  }

  /** For an account that does not exist: nothing asked. */
  public static final SudoListing NOT_ASKED = new SudoListing(State.UNKNOWN, "");

  public static SudoListing of(ExecResult r) {
    if (r.exitCode() == 127) {
      return new SudoListing(State.MISSING, firstLine(r.stderr()));
    }
    if (!r.ok()) {
      return new SudoListing(
          State.UNKNOWN, firstLine(r.stderr().isBlank() ? "exit " + r.exitCode() : r.stderr()));
    }
    return parse(r.stdout());
  }

  static SudoListing parse(String out) {
    List<String> lines = out.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.contains(DENIED)) {
        return new SudoListing(State.NONE, line.strip());
      }
      if (line.contains(ALLOWED)) {
        for (String p : lines.subList(i + 1, lines.size())) {
          if (root(p.strip())) {
            return new SudoListing(State.ROOT, p.strip());
          }
        }
        return new SudoListing(State.LIMITED, line.strip());
      }
    }
    return new SudoListing(State.UNKNOWN, firstLine(out));
  }

  /** Whether one privilege line runs every command as root. */
  private static boolean root(String privilege) {
    Matcher m = PRIVILEGE.matcher(privilege);
    if (privilege.isEmpty() || !m.matches()) {
      return false;
    }
    String runas = m.group(1) == null ? "root" : m.group(1).split(":", 2)[0];
    boolean asRoot = false;
    for (String u : runas.split(",")) {
      asRoot |= u.strip().equals("ALL") || u.strip().equals("root");
    }
    boolean all = false;
    for (String c : m.group(2).split(",")) {
      all |= TAGS.matcher(c.strip()).replaceFirst("").strip().equals("ALL");
    }
    return asRoot && all;
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }
}
