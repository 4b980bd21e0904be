package dev.hermesharden.engine;

import dev.hermesharden.fixes.RevertCommand;
import java.util.List;

/**
 * Renders the self-contained POSIX sh script that puts one change back on the host, so the host can
 * revert without the wizard (killed JVM, dropped SSH link). Pure: text in, text out.
 *
 * <p>The script, run as {@code /bin/sh <script> [SECONDS]}: sends its output to {@code <id>.log};
 * given SECONDS it writes its pid to {@code <id>.pid} and sleeps (the detached sleeper; a SIGTERM
 * only cuts the sleep short), then does nothing if {@code <id>.disarmed} exists. Otherwise it logs
 * {@code firing}, restores every backed-up file ({@code cp -p} to a temp file beside the target,
 * owner and mode of the original, {@code mv} over the target — only after the backup's sha256 was
 * checked, so a damaged backup is never written), deletes the files the change created, then runs
 * the fix's revert commands in order (a failing required one stops the rest). Running it twice
 * gives the same result.
 *
 * <p>Caveat: owner and group are written as names; on a host where they no longer exist the chown
 * fails and that file is left as the change made it (logged as FAILED).
 */
public final class RevertScript {
  private RevertScript() {}

  /** One file to put back from its backup. */
  public record Restore(
      String target, String backup, String sha256, String owner, String group, int mode) {}

  /**
   * @param dir where {@code <id>.log}, {@code .pid} and {@code .disarmed} live
   */
  public static String render(
      String id,
      String dir,
      String what,
      List<Restore> restores,
      List<String> created,
      List<RevertCommand> commands) {
    StringBuilder s = new StringBuilder();
    s.append("#!/bin/sh\n")
        .append("# hermes-harden revert ")
        .append(id)
        .append(" (")
        .append(what.replace('\n', ' '))
        .append(")\n")
        .append("# Puts the files of one change back and reloads, unless disarmed in time.\n")
        .append("# Usage: sh THIS_FILE [SECONDS]   waits SECONDS first, then reverts.\n")
        .append("# Disarm: create ")
        .append(id)
        .append(".disarmed beside this file. Safe to run again.\n")
        .append("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n")
        .append("export PATH\n")
        .append("umask 077\n")
        .append("d=")
        .append(q(dir))
        .append("\n")
        .append("id=")
        .append(q(id))
        .append("\n")
        .append("exec </dev/null >>\"$d/$id.log\" 2>&1\n")
        .append("say() { echo \"$(date -u +%Y-%m-%dT%H:%M:%SZ) $*\"; }\n")
        .append("if [ -n \"${1:-}\" ]; then\n")
        .append(
            "  # SIGTERM only ends the wait: what happens next depends on the disarm file. The\n")
        .append(
            "  # trap is set before the pid is shown, and the wait is one second at a time: a\n")
        .append(
            "  # SIGTERM ends the current second at once, or (sent as a sleep was being forked,\n")
        .append("  # when a kill can be lost) the loop within a second.\n")
        .append("  stopped= sleeper=\n")
        .append("  trap 'stopped=1; [ -n \"$sleeper\" ] && kill \"$sleeper\" 2>/dev/null' TERM\n")
        .append("  # only the sleeper records its pid: that is the process a disarm stops\n")
        .append("  echo $$ >\"$d/$id.pid\"\n")
        .append("  say \"armed: reverting in $1 s unless disarmed (pid $$)\"\n")
        .append("  waited=0\n")
        .append("  while [ -z \"$stopped\" ] && [ \"$waited\" -lt \"$1\" ]; do\n")
        .append("    sleep 1 &\n")
        .append("    sleeper=$!\n")
        .append("    wait \"$sleeper\"\n")
        .append("    sleeper=\n")
        .append("    waited=$((waited + 1))\n")
        .append("  done\n")
        .append("  trap - TERM\n")
        .append("fi\n")
        .append("if [ -e \"$d/$id.disarmed\" ]; then\n")
        .append("  say \"disarmed: not reverting\"\n")
        .append("  [ \"$(cat \"$d/$id.pid\" 2>/dev/null)\" = \"$$\" ] && rm -f \"$d/$id.pid\"\n")
        .append("  exit 0\n")
        .append("fi\n")
        .append("say \"firing: putting the change back\"\n")
        .append("failed=0\n")
        .append(RESTORE_FUNCTION);
    for (Restore r : restores) {
      s.append("restore ")
          .append(q(r.backup()))
          .append(' ')
          .append(q(r.target()))
          .append(' ')
          .append(q(r.sha256()))
          .append(' ')
          .append(q(r.owner()))
          .append(' ')
          .append(q(r.group()))
          .append(' ')
          .append(q(String.format("%04o", r.mode())))
          .append('\n');
    }
    for (String c : created) {
      s.append("remove ").append(q(c)).append('\n');
    }
    s.append("stop=no\n");
    for (RevertCommand c : commands) {
      s.append(command(c));
    }
    s.append("if [ \"$failed\" = 0 ]; then say \"done: reverted\"; else ")
        .append("say \"done: reverted with errors\"; fi\n")
        .append("[ \"$(cat \"$d/$id.pid\" 2>/dev/null)\" = \"$$\" ] && rm -f \"$d/$id.pid\"\n")
        .append("exit \"$failed\"\n");
    return s.toString();
  }

  private static final String RESTORE_FUNCTION =
      """
      restore() { # BACKUP TARGET SHA256 OWNER GROUP MODE
        if [ ! -f "$1" ]; then say "FAILED: backup $1 missing, $2 left as it is"; failed=1; return; fi
        if ! printf '%s  %s\\n' "$3" "$1" | sha256sum -c --status; then
          say "FAILED: backup $1 does not match its sha256, $2 left as it is"; failed=1; return
        fi
        t="$2.hermes-harden-revert.$$"
        if cp -p "$1" "$t" && { [ -z "$4" ] || chown "$4:$5" "$t"; } && chmod "$6" "$t" \\
          && mv -f "$t" "$2"; then
          say "restored $2"
        else
          rm -f "$t"; say "FAILED: could not restore $2"; failed=1
        fi
      }
      remove() { # PATH: a file the change created
        if [ -e "$1" ] || [ -L "$1" ]; then
          if rm -f "$1"; then say "removed $1"; else say "FAILED: could not remove $1"; failed=1; fi
        fi
      }
      """;

  private static String command(RevertCommand c) {
    StringBuilder s = new StringBuilder("if [ \"$stop\" = no ]; then\n");
    String shown = String.join(" ", c.alternatives().get(0));
    for (int i = 0; i < c.alternatives().size(); i++) {
      List<String> argv = c.alternatives().get(i);
      s.append(i == 0 ? "  if " : "  elif ")
          .append(String.join(" ", argv.stream().map(RevertScript::q).toList()))
          .append("; then\n    say ")
          .append(q("ran: " + String.join(" ", argv)))
          .append('\n');
    }
    s.append("  else\n    say ").append(q("FAILED: " + shown)).append("\n    failed=1\n");
    if (c.required()) {
      s.append("    stop=yes\n");
    }
    s.append("  fi\nfi\n");
    return s.toString();
  }

  /** One shell word in single quotes ({@code '} written as {@code '\''}). */
  static String q(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
