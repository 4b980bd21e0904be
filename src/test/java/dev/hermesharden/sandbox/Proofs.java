package dev.hermesharden.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.host.ExecResult;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Login proofs in the sandbox through the real flow: {@code hermes-harden prove KIND} waits inside
 * the VPS and shows a command with a token; the workstation runs it ({@code ssh ... admin@ADDR
 * hermes-harden confirm TOKEN}, key only) against the real sshd; the proof is recorded.
 *
 * <p>Caveat: the sandbox has no journald; the {@code journalctl} stand-in serves sshd's lines from
 * the VPS's auth.log, which is what the proof reads before step 5 turns on ExposeAuthInfo.
 */
final class Proofs {
  private Proofs() {}

  /**
   * Proves KIND ({@code key-login} or {@code private-path}) from the workstation.
   *
   * @param via the server address to log in to instead of the one the wizard shows (the admin using
   *     the tailnet once public SSH is closed), or empty
   * @return the output of {@code prove}
   */
  static String prove(SandboxVps vps, String kind, Optional<String> via) throws Exception {
    SandboxVps.Background bg =
        vps.hermesHardenInBackground("--confirm-program", SandboxVps.WRAPPER, "prove", kind);
    String line = null;
    for (int i = 0; i < 300 && line == null; i++) {
      Thread.sleep(200);
      line =
          bg.output()
              .lines()
              .map(String::strip)
              .filter(l -> l.startsWith("ssh "))
              .findFirst()
              .orElse(null);
    }
    if (line == null) {
      ExecResult r = bg.await(Duration.ofSeconds(1));
      throw new AssertionError("prove showed no command:\n" + r.stdout());
    }
    List<String> words = List.of(line.split("\\s+"));
    int at = 0;
    while (!words.get(at).contains("@")) {
      at++;
    }
    String target = words.get(at);
    if (via.isPresent()) {
      target = target.substring(0, target.indexOf('@') + 1) + via.get();
    }
    List<String> argv =
        new ArrayList<>(
            vps.ssh(target, words.subList(at + 1, words.size()).toArray(String[]::new)));
    argv.addAll(1, words.subList(1, at)); // the wizard's own -o options (key only)
    ExecResult confirm = vps.fromWorkstation(argv);
    ExecResult proved = bg.await(Duration.ofSeconds(60));
    String all = proved.stdout() + "\nconfirm: " + confirm.stdout() + confirm.stderr();
    assertEquals(0, proved.exitCode(), all);
    assertTrue(proved.stdout().contains("Recorded proof "), all);
    return proved.stdout();
  }

  /**
   * {@code apply --step STEP --yes} under confirm-or-revert: every confirm command the wizard shows
   * (one new proof per destructive fix) is run once from the workstation over {@code via}.
   *
   * @return the wizard's output; its exit code must be 0
   */
  static String applyConfirmed(SandboxVps vps, String via, String... applyArgs) throws Exception {
    List<String> args = new ArrayList<>(List.of("--confirm-program", SandboxVps.WRAPPER, "apply"));
    args.addAll(List.of(applyArgs));
    SandboxVps.Background bg = vps.hermesHardenInBackground(args.toArray(String[]::new));
    java.util.Set<String> done = new java.util.HashSet<>();
    java.util.regex.Pattern token = java.util.regex.Pattern.compile(" confirm ([A-Z2-7]{26})\\b");
    long end = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    StringBuilder confirms = new StringBuilder();
    while (bg.process().isAlive() && System.nanoTime() < end) {
      var m = token.matcher(bg.output());
      while (m.find()) {
        if (done.add(m.group(1))) {
          ExecResult c =
              vps.fromWorkstation(
                  withKeyOnly(vps.ssh("admin@" + via, SandboxVps.WRAPPER, "confirm", m.group(1))));
          confirms.append(c.stdout()).append(c.stderr());
        }
      }
      Thread.sleep(200);
    }
    ExecResult r = bg.await(Duration.ofSeconds(30));
    assertEquals(0, r.exitCode(), r.stdout() + "\nconfirms: " + confirms);
    return r.stdout();
  }

  private static List<String> withKeyOnly(List<String> ssh) {
    List<String> argv = new ArrayList<>(ssh);
    argv.addAll(
        1, List.of("-o", "PreferredAuthentications=publickey", "-o", "PasswordAuthentication=no"));
    return argv;
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
