package dev.hermesharden.proof;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one connection logged in, read from sshd's own messages (as {@code journalctl -o cat} prints
 * them, one message a line): the {@code Accepted} line of that client address and port, with the
 * {@code Partial} lines before it ({@code AuthenticationMethods} chains).
 *
 * <p>A message counts only when the whole of it has sshd's form: parts of it that a client chooses
 * (a user name in {@code Invalid user …}, a disconnect reason) cannot pass for an {@code Accepted}
 * line, because those messages start with other words. Where a log could hold lines written by
 * another account ({@code logger -t sshd} into a syslog file), a forged line for the same address
 * and port makes the answer {@link Ambiguous}, never a different login: more than one {@code
 * Accepted} line, a line naming another user, or any authentication line after the {@code Accepted}
 * one, and the proof is refused.
 */
final class SshdLog {
  private static final Pattern AUTH =
      Pattern.compile(
          "(Accepted|Partial|Failed) (\\S+) for (invalid user )?(\\S+) from (\\S+) port (\\d+)"
              + " ssh2(?:: (\\S+) (SHA256:[A-Za-z0-9+/]+=*))?");
  private static final Pattern INVALID =
      Pattern.compile("Invalid user (.*) from (\\S+) port (\\d+)");

  /** What the log says about one connection. */
  sealed interface Answer {}

  /** No {@code Accepted} line (yet). */
  record None() implements Answer {}

  /** Lines that do not add up to one login of the expected user. */
  record Ambiguous() implements Answer {}

  record Found(LoginMethod method) implements Answer {}

  private SshdLog() {}

  static Answer judge(String log, String user, String clientAddress, String clientPort) {
    List<String> methods = new ArrayList<>();
    String fingerprint = "";
    int accepted = 0;
    boolean conflict = false;
    for (String raw : log.split("\n")) {
      String line = raw.strip();
      Matcher a = AUTH.matcher(line);
      Matcher i = INVALID.matcher(line);
      if (a.matches() && a.group(5).equals(clientAddress) && a.group(6).equals(clientPort)) {
        boolean sameUser = a.group(3) == null && a.group(4).equals(user);
        conflict |= !sameUser || accepted > 0; // nothing authenticates after Accepted
        switch (a.group(1)) {
          case "Accepted" -> {
            accepted++;
            methods.add(a.group(2));
            fingerprint = a.group(8) == null ? "" : a.group(8);
          }
          case "Partial" -> methods.add(a.group(2));
          default -> {
            // a failed attempt before the accepted one (e.g. another key) is no method used
          }
        }
      } else if (i.matches() && i.group(2).equals(clientAddress) && i.group(3).equals(clientPort)) {
        conflict = true; // one connection, one user name: this one was not the admin
      }
    }
    if (accepted == 0) {
      return new None();
    }
    if (conflict) {
      return new Ambiguous();
    }
    return new Found(new LoginMethod(methods, fingerprint));
  }
}
