package dev.hermesharden.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.host.ExecResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 9, finding 8 ("proofs can be blocked") on the sandbox VPS: the service account {@code
 * hermes}, hostile, attacks real proofs made from the workstation over SSH. It reads every command
 * line and environment it may and every file it may under {@code /run/hermes-harden}: it never sees
 * a token. It plants junk in the drop box of an older version (1733) and keeps trying to create,
 * pre-empt or replace directories, files, symlinks and FIFOs in the drop box before and during the
 * proofs: nothing it tries works once the wizard prepared the box, the proofs succeed, and the
 * confirm-or-revert proof disarms the firewall's revert.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileProofSandboxTest {
  /** 26 token characters: the spy must see this in a command line (its own positive control). */
  private static final String ARGV_CANARY = "CANARYCANARYCANARYCANARY22";

  private static final String FILE_CANARY = "QQQQQQQQQQQQQQQQQQQQQQQQ77";
  private static HostileAccount hermes;

  @BeforeAll
  static void hostileAccount(SandboxVps vps) throws Exception {
    hermes = HostileAccount.in(vps);
  }

  @Test
  @Order(1)
  void theTokenNeverAppearsInACommandLineEnvironmentOrFileHermesCanRead(SandboxVps vps)
      throws Exception {
    String spy = hermes.start("spy.pid", "spy.sh", HostileAccount.DIR, "180");
    try {
      awaitRounds(2);
      // the spy works: a root process's argv and a world-readable file there are seen
      vps.inVps(List.of("sh", "-c", "sleep 1.5", ARGV_CANARY));
      vps.inVps(
          List.of(
              "sh",
              "-c",
              "install -d -m 0755 /run/hermes-harden && echo "
                  + FILE_CANARY
                  + " >/run/hermes-harden/canary && chmod 0644 /run/hermes-harden/canary"));
      awaitRounds(3);
      vps.inVps(List.of("rm", "-f", "/run/hermes-harden/canary"));
      assertTrue(hermes.read("seen").contains(ARGV_CANARY), "spy blind to argv:\n" + seen());
      assertTrue(hermes.read("seen").contains(FILE_CANARY), "spy blind to files:\n" + seen());

      int before = rounds();
      Proofs.Proved proved = Proofs.proveAndShow(vps, "key-login", Optional.empty());
      awaitRounds(2);
      assertTrue(rounds() - before >= 10, "the spy ran all along the proof: " + rounds());
      assertFalse(
          hermes.read("seen").contains(proved.token()),
          "hermes saw the token " + proved.token() + ":\n" + seen());
      assertTrue(
          hermes.read("listed").lines().noneMatch(l -> l.endsWith(".confirm")),
          "hermes listed a record:\n" + hermes.read("listed"));
    } finally {
      hermes.stop(spy, "spy.sh");
    }
  }

  @Test
  @Order(2)
  void hermesCanNeitherPlantNorPreemptAnythingAndTheRevertIsDisarmed(SandboxVps vps)
      throws Exception {
    // what an older version left: a 1733 drop box every account could create entries in
    vps.inVps(
        List.of(
            "sh",
            "-c",
            "rm -rf /run/hermes-harden/confirm && install -d -m 1733 /run/hermes-harden/confirm"));
    String shadowBefore = vps.inVps(List.of("sha256sum", "/etc/shadow")).stdout();
    ExecResult planted = hermes.run("attack.sh", HostileAccount.DIR, "1000", "once");
    assertEquals(1, planted.exitCode(), "the old layout let hermes plant junk (the set-up)");
    assertTrue(hermes.read("attack.log").contains("mkdir /run/hermes-harden/confirm/1000"));
    for (String step : List.of("users", "ssh-keys")) {
      Proofs.skip(vps, step);
    }

    String spy = hermes.start("spy.pid", "spy.sh", HostileAccount.DIR, "300");
    String attack = hermes.start("attack.pid", "attack.sh", HostileAccount.DIR, "1000", "300");
    List<String> tokens = new ArrayList<>();
    long ready;
    String applied;
    try {
      Proofs.Proved proved = Proofs.proveAndShow(vps, "private-path", Optional.empty());
      ready = proved.shownAtMillis();
      tokens.add(proved.token());
      applied = Proofs.applyConfirmed(vps, SandboxVps.VPS_TAILNET, "--step", "firewall", "--yes");
      Matcher m = Proofs.TOKEN.matcher(applied);
      while (m.find()) {
        tokens.add(m.group(1));
      }
    } finally {
      hermes.stop(attack, "attack.sh");
      hermes.stop(spy, "spy.sh");
    }
    assertTrue(applied.contains("auto-revert is disarmed"), applied);
    assertTrue(vps.inVps(List.of("ufw", "status")).stdout().contains("Status: active"));
    assertTrue(tokens.size() >= 2, "a proof, and the proof that disarmed the revert: " + tokens);

    List<String> workedAfter =
        hermes
            .read("attack.log")
            .lines()
            .filter(l -> Long.parseLong(l.split(" ")[0]) >= ready)
            .toList();
    assertEquals(List.of(), workedAfter, "hermes got something into the prepared drop box");
    ExecResult last = hermes.run("attack.sh", HostileAccount.DIR, "1000", "once");
    assertEquals(
        0, last.exitCode(), "an attack after the proofs worked:\n" + hermes.read("attack.log"));
    ExecResult left = vps.inVps(List.of("find", "/run/hermes-harden", "-user", hermes.uid()));
    assertEquals("", left.stdout(), "hermes' junk is gone");
    ExecResult modes =
        vps.inVps(
            List.of(
                "stat",
                "-c",
                "%a %U %F",
                "/run/hermes-harden",
                "/run/hermes-harden/confirm",
                "/run/hermes-harden/confirm/1000"));
    assertEquals("755 root directory\n711 root directory\n700 admin directory\n", modes.stdout());
    assertEquals(shadowBefore, vps.inVps(List.of("sha256sum", "/etc/shadow")).stdout());
    for (String t : tokens) {
      assertFalse(hermes.read("seen").contains(t), "hermes saw a token:\n" + seen());
    }
  }

  private static int rounds() throws Exception {
    String r = hermes.read("rounds").strip();
    return r.isEmpty() ? 0 : Integer.parseInt(r);
  }

  private static void awaitRounds(int more) throws Exception {
    int start = rounds();
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (rounds() < start + more) {
      if (System.nanoTime() > end) {
        throw new AssertionError("the spy stopped at round " + rounds());
      }
      Thread.sleep(50);
    }
  }

  private static String seen() throws Exception {
    return hermes.read("seen").lines().distinct().limit(40).reduce("", (a, b) -> a + b + "\n");
  }
}
