package dev.hermesharden.host;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The line an SSH server's login shell runs for one argv of {@link SshHost}: the argv quoted word
 * by word ({@link ShellQuoting#posixCommandLine}), bounded on the server by {@code timeout(1)}
 * (closing a session does not stop a command without a terminal; {@code timeout} kills it and its
 * process group), with {@code LC_ALL=C} and a fixed search path (and nothing else for a command
 * that runs as another account), and as root through {@code sudo} when the login is not root's.
 *
 * <p>With a sudo password, standard input carries it: {@code PASSWORD\n MARK\n} then the command's
 * own input. {@code sudo -S -p ''} reads one line, byte by byte, when it needs a password and none
 * when it does not (NOPASSWD rules, a cached timestamp); a small root {@code sh} then skips every
 * line up to the random mark and execs the command on the rest. So the password reaches sudo, is
 * never part of the command's input, and never appears in an argv; the mark does, and is worth
 * nothing.
 */
final class RemoteCommandLine {
  /** How a command gets its rights on the server. */
  enum Privilege {
    /** As the account that logged in (root itself, or an audit without sudo). */
    LOGIN,
    /** {@code sudo -n}: sudo needs no password. */
    SUDO_NOPASSWD,
    /** {@code sudo -S}: the password goes first on standard input. */
    SUDO_PASSWORD
  }

  /** Seconds between {@code timeout}'s TERM and its KILL. */
  static final int KILL_AFTER = 5;

  /** Skips standard input up to the line {@code $1}, then runs the rest of its arguments. */
  static final String SKIP_TO_MARK =
      "m=$1; shift; while IFS= read -r l; do [ \"$l\" = \"$m\" ] && exec \"$@\"; done; exit 125";

  private RemoteCommandLine() {}

  static String line(
      List<String> argv, Duration timeout, Privilege p, String mark, String searchPath) {
    List<String> w = new ArrayList<>();
    switch (p) {
      case LOGIN -> {}
      case SUDO_NOPASSWD -> w.addAll(List.of("env", "LC_ALL=C", "sudo", "-n", "--"));
      case SUDO_PASSWORD ->
          w.addAll(
              List.of(
                  "env",
                  "LC_ALL=C",
                  "sudo",
                  "-S",
                  "-p",
                  "",
                  "--",
                  "sh",
                  "-c",
                  SKIP_TO_MARK,
                  "hh-sudo",
                  mark));
    }
    w.addAll(List.of("timeout", "-k", KILL_AFTER + "s", seconds(timeout), "env"));
    if (Account.dropsRights(argv)) {
      w.add("-i"); // root's environment is not the account's to read (Account.dropsRights)
    }
    w.addAll(List.of("LC_ALL=C", "PATH=" + searchPath));
    w.addAll(argv);
    return "exec " + ShellQuoting.posixCommandLine(w);
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.3fs", Math.max(1, d.toMillis()) / 1000.0);
  }
}
