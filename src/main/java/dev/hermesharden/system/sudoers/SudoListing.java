package dev.hermesharden.system.sudoers;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * @param auth whose password sudo asks for before it runs every command as root (for {@link
 *     State#ROOT}; {@link Auth#OWN} otherwise)
 */
public record SudoListing(State state, String text, Auth auth) {
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

  /**
   * Whose password stands between the account and root: NONE (a {@code NOPASSWD:} line runs ALL as
   * root, or {@code Defaults !authenticate}); OWN (the account's own, sudo's default); ROOT ({@code
   * rootpw}, {@code targetpw} or {@code runaspw}: root's, the target of {@code sudo -i}). Caveat:
   * only the "Matching Defaults entries" are read, not the runas- or command-specific ones, and a
   * PAM stack that asks for something other than the password is not seen.
   */
  public enum Auth {
    NONE,
    OWN,
    ROOT
  }

  public SudoListing(State state, String text) {
    this(state, text, Auth.OWN);
  }

  private static final String DEFAULTS = "Matching Defaults entries for";

  /** A comma that separates two defaults (a value escapes its own commas with a backslash). */
  private static final Pattern DEFAULTS_COMMA = Pattern.compile("(?<!\\\\),\\s*");

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
    List<String> defaults = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.contains(DEFAULTS)) {
        for (String d : lines.subList(i + 1, lines.size())) {
          if (d.isBlank()) {
            break;
          }
          defaults.addAll(List.of(DEFAULTS_COMMA.split(d.strip())));
        }
      }
      if (line.contains(DENIED)) {
        return new SudoListing(State.NONE, line.strip());
      }
      if (line.contains(ALLOWED)) {
        String first = null;
        Tag tag = Tag.UNSET;
        for (String p : lines.subList(i + 1, lines.size())) {
          Optional<Tag> root = root(p.strip());
          if (root.isPresent()) {
            first = first == null ? p.strip() : first;
            tag = root.get(); // sudo applies the last entry that matches
          }
        }
        return first == null
            ? new SudoListing(State.LIMITED, line.strip())
            : new SudoListing(State.ROOT, first, auth(tag, defaults));
      }
    }
    return new SudoListing(State.UNKNOWN, firstLine(out));
  }

  /** The password tag in force for a command of a privilege line (UNSET: the defaults decide). */
  private enum Tag {
    NOPASSWD,
    PASSWD,
    UNSET
  }

  /**
   * Whose password the last root line asks for (sudo applies the last entry that matches, and every
   * root line matches any command): its tag decides; without one, {@code authenticate} does, and
   * {@code rootpw}/{@code targetpw}/{@code runaspw} say whose.
   */
  private static Auth auth(Tag tag, List<String> defaults) {
    boolean none = tag == Tag.UNSET ? defaults.contains("!authenticate") : tag == Tag.NOPASSWD;
    if (none) {
      return Auth.NONE;
    }
    return defaults.contains("rootpw")
            || defaults.contains("targetpw")
            || defaults.contains("runaspw")
        ? Auth.ROOT
        : Auth.OWN;
  }

  /**
   * Empty when one privilege line does not run every command as root; else the password tag in
   * force for its ALL. A tag holds for the commands after it on the same line, until another one.
   */
  private static Optional<Tag> root(String privilege) {
    Matcher m = PRIVILEGE.matcher(privilege);
    if (privilege.isEmpty() || !m.matches()) {
      return Optional.empty();
    }
    String runas = m.group(1) == null ? "root" : m.group(1).split(":", 2)[0];
    boolean asRoot = false;
    for (String u : runas.split(",")) {
      asRoot |= u.strip().equals("ALL") || u.strip().equals("root");
    }
    Tag tag = Tag.UNSET;
    Optional<Tag> all = Optional.empty();
    for (String c : m.group(2).split(",")) {
      Matcher tags = TAGS.matcher(c.strip());
      if (tags.lookingAt()) {
        for (String t : tags.group().split(":")) {
          tag =
              switch (t.strip()) {
                case "NOPASSWD" -> Tag.NOPASSWD;
                case "PASSWD" -> Tag.PASSWD;
                default -> tag;
              };
        }
      }
      if (tags.replaceFirst("").strip().equals("ALL")) {
        all = Optional.of(tag);
      }
    }
    return asRoot ? all : Optional.empty();
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }
}
