package dev.hermesharden.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.host.ExecResult;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Login proofs in the sandbox through the real flow: {@code hermes-harden prove KIND} waits inside
 * the VPS and shows a command and, on a line of its own, a token; the workstation runs the command
 * ({@code ssh ... admin@ADDR hermes-harden confirm}, key only) against the real sshd with the token
 * piped into its standard input, as an admin pastes it; the proof is recorded. The token is never
 * on a command line (the hostile-account test watches every {@code /proc/PID/cmdline}).
 *
 * <p>Caveat: the sandbox has no journald; the {@code journalctl} stand-in serves sshd's lines from
 * the VPS's auth.log, which is what the proof reads before step 5 turns on ExposeAuthInfo.
 */
final class Proofs {
  /** The shown command: {@code ssh [options] USER@ADDR PROGRAM [--confirm-dir DIR] confirm}. */
  static final Pattern COMMAND = Pattern.compile("(?m)^  (ssh .*? (\\S+@\\S+) (.*\\bconfirm))$");

  /** The token, alone on its line below the command. */
  static final Pattern TOKEN = Pattern.compile("(?m)^  ([A-Z2-7]{26})$");

  private Proofs() {}

  /**
   * One proof the wizard asked for, as its output showed it.
   *
   * @param options the ssh options before the target (the wizard's key-only ones)
   * @param remote the words after the target: the program and {@code confirm}
   */
  record Asked(List<String> options, String target, List<String> remote, String token) {
    /** Every proof asked for in {@code output}, in order: each token with the command above it. */
    static List<Asked> all(String output) {
      List<Asked> out = new ArrayList<>();
      Matcher t = TOKEN.matcher(output);
      while (t.find()) {
        Matcher c = COMMAND.matcher(output.substring(0, t.start()));
        Asked last = null;
        while (c.find()) {
          List<String> words = List.of(c.group(1).split("\\s+"));
          int at = words.indexOf(c.group(2));
          last =
              new Asked(
                  words.subList(1, at), c.group(2), List.of(c.group(3).split("\\s+")), t.group(1));
        }
        if (last != null) {
          out.add(last);
        }
      }
      return out;
    }

    /**
     * Runs it from the workstation with its key, the token piped in.
     *
     * @param via the server address to log in to instead of the shown one, or empty
     */
    ExecResult runFromWorkstation(SandboxVps vps, Optional<String> via) throws IOException {
      String to = target;
      if (via.isPresent()) {
        to = target.substring(0, target.indexOf('@') + 1) + via.get();
      }
      List<String> argv = new ArrayList<>(vps.ssh(to, remote.toArray(String[]::new)));
      argv.addAll(1, options); // the wizard's own -o options (key only)
      assertTrue(argv.stream().noneMatch(w -> w.contains(token)), "token on a command line");
      return vps.fromWorkstation(argv, token + "\n");
    }
  }

  /**
   * What {@link #proveAndShow} saw: the wizard's output, the token it asked for, and when the test
   * saw the command (the drop box was ready by then: the wizard prepares it first).
   */
  record Proved(String output, String token, long shownAtMillis) {}

  /**
   * Proves KIND ({@code key-login} or {@code private-path}) from the workstation.
   *
   * @param via the server address to log in to instead of the one the wizard shows (the admin using
   *     the tailnet once public SSH is closed), or empty
   * @return the output of {@code prove}
   */
  static String prove(SandboxVps vps, String kind, Optional<String> via) throws Exception {
    return proveAndShow(vps, kind, via).output();
  }

  /** The same, also returning the token the wizard showed. */
  static Proved proveAndShow(SandboxVps vps, String kind, Optional<String> via) throws Exception {
    SandboxVps.Background bg =
        vps.hermesHardenInBackground("--confirm-program", SandboxVps.WRAPPER, "prove", kind);
    List<Asked> asked = List.of();
    for (int i = 0; i < 300 && asked.isEmpty(); i++) {
      Thread.sleep(200);
      asked = Asked.all(bg.output());
    }
    if (asked.isEmpty()) {
      ExecResult r = bg.await(Duration.ofSeconds(1));
      throw new AssertionError("prove showed no command and token:\n" + r.stdout());
    }
    long shownAt = System.currentTimeMillis();
    ExecResult confirm = asked.get(0).runFromWorkstation(vps, via);
    ExecResult proved = bg.await(Duration.ofSeconds(60));
    String all = proved.stdout() + "\nconfirm: " + confirm.stdout() + confirm.stderr();
    assertEquals(0, proved.exitCode(), all);
    assertTrue(proved.stdout().contains("Recorded proof: "), all);
    return new Proved(proved.stdout(), asked.get(0).token(), shownAt);
  }

  /**
   * {@code apply --step STEP --yes} under confirm-or-revert: every confirm the wizard asks for (one
   * new proof per destructive fix) is answered once from the workstation over {@code via}.
   *
   * @return the wizard's output; its exit code must be 0
   */
  static String applyConfirmed(SandboxVps vps, String via, String... applyArgs) throws Exception {
    List<String> args = new ArrayList<>(List.of("--confirm-program", SandboxVps.WRAPPER, "apply"));
    args.addAll(List.of(applyArgs));
    SandboxVps.Background bg = vps.hermesHardenInBackground(args.toArray(String[]::new));
    Set<String> done = new HashSet<>();
    long end = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    StringBuilder confirms = new StringBuilder();
    while (bg.process().isAlive() && System.nanoTime() < end) {
      for (Asked a : Asked.all(bg.output())) {
        if (done.add(a.token())) {
          ExecResult c = a.runFromWorkstation(vps, Optional.of(via));
          confirms.append(c.stdout()).append(c.stderr());
        }
      }
      Thread.sleep(200);
    }
    ExecResult r = bg.await(Duration.ofSeconds(30));
    assertEquals(0, r.exitCode(), r.stdout() + "\nconfirms: " + confirms);
    return r.stdout();
  }

  static void skip(SandboxVps vps, String step) throws IOException {
    Cli.run(
        vps,
        0,
        "skip",
        "--step",
        step,
        "--kind",
        "LATER",
        "--reason",
        "sandbox test: this step is proven elsewhere");
  }
}
