package dev.hermesharden.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.host.ExecResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Attack pass on confirm-or-revert (steps 4–6): can applying a fix lock the admin out? Each case
 * sets the VPS up, applies the real fix through the CLI inside the VPS, answers the wizard's proof
 * as an admin would, and then establishes the truth with a NEW key-only login from the workstation
 * (never reusing a connection) over the path the admin uses afterwards.
 *
 * <p>Caveat: one VPS for the class, methods in order.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LockoutHostileSandboxTest {
  private static final String CONFIRM = SandboxVps.WRAPPER;
  private static final String REVERT_DIR = "/var/lib/hermes-harden/revert";
  private static final Duration WINDOW = Duration.ofSeconds(15);

  /**
   * The admin's password is locked ({@code passwd -l}; {@code adduser --disabled-password} leaves
   * it so too) while sudo asks for it: the admin types the right password and sudo says "Sorry".
   * The sshd step closes root's SSH login, so after it nobody could reach root. {@code
   * users.admin-sudo} passed on sudo's listing alone and the sshd step applied once the key login
   * was proven. Now the check fails, and the sshd plan is refused, changing nothing, until the
   * admin can answer sudo.
   */
  @Test
  @Order(0)
  void theSshdStepWaitsWhileTheAdminCannotBecomeRootWithSudo(SandboxVps vps) throws Exception {
    skipEarlierSteps(vps);
    ExecResult lock =
        vps.inVps(
            List.of("sh", "-c", "printf 'admin:Hh-Sudo-Truth-7\\n' | chpasswd && passwd -l admin"));
    assertEquals(0, lock.exitCode(), lock.stdout() + lock.stderr());
    String[] files = {"/etc/ssh/sshd_config", "/etc/ssh/sshd_config.d/00-hermes-harden.conf"};
    try {
      // the truth: the right password, and sudo still refuses
      ExecResult denied = adminSudo(vps);
      assertTrue(denied.exitCode() != 0, "sudo let a locked admin in: " + denied.stdout());
      var sudo = Cli.audit(vps, "users").get("users.admin-sudo");
      assertEquals("FAIL", sudo.get("status").asText(), sudo.toString());
      assertEquals("reason.users.admin-sudo-locked-password", sudo.get("reason_key").asText());

      String proved = Proofs.prove(vps, "key-login", Optional.empty());
      assertTrue(proved.contains("logged in with key SHA256:"), proved);
      var before = Cli.sha(vps, files);
      String refused = Cli.run(vps, 3, "apply", "--step", "sshd", "--yes");
      assertTrue(refused.contains("passwd admin"), refused);
      assertEquals(before, Cli.sha(vps, files), "sshd's files changed although refused");
    } finally {
      vps.inVps(List.of("passwd", "-u", "admin"));
    }
    // unlocked: sudo takes the password, and the check passes
    ExecResult id = adminSudo(vps);
    assertEquals(0, id.exitCode(), id.stdout() + id.stderr());
    assertEquals("0", id.stdout().strip());
    var sudo = Cli.audit(vps, "users").get("users.admin-sudo");
    assertEquals("PASS", sudo.get("status").asText(), sudo.toString());
  }

  /** {@code sudo -S -k id -u} as the admin with the admin's password on its input. */
  private static ExecResult adminSudo(SandboxVps vps) throws IOException {
    return vps.inVps(
        SandboxVps.asUser("admin", "printf 'Hh-Sudo-Truth-7\\n' | sudo -S -k -p '' id -u"));
  }

  /**
   * The admin's {@code ~/.ssh/config} says {@code ControlMaster auto}, {@code ControlPersist} (a
   * common speed-up): the proof command after the change runs over the connection the admin opened
   * before it, which the reload (or ufw, which keeps established connections) does not touch. Here
   * the change does lock new logins out: {@code StrictModes no} was the admin's answer to a home
   * directory open to others (0777), and the drop-in turns StrictModes on, so sshd refuses the key.
   * The proof over the old connection disarmed the revert and the admin was shut out as soon as the
   * shared connection closed.
   */
  @Test
  @Order(1)
  void aProofOverAConnectionOpenedBeforeTheChangeDoesNotDisarmTheRevert(SandboxVps vps)
      throws Exception {
    skipEarlierSteps(vps);
    vps.inVps(List.of("chmod", "0777", "/home/admin"));
    Path main = vps.vpsPath("/etc/ssh/sshd_config");
    Files.writeString(main, Files.readString(main) + "\nStrictModes no\n");
    assertEquals(0, vps.reloadSshd().exitCode());
    assertEquals(0, freshLogin(vps, SandboxVps.VPS_PUBLIC).exitCode(), "key login before");
    // step 2 sees the home StrictModes would refuse before any change (StrictModesPath); an admin
    // who skips it anyway (below, once the proof re-checked it) still has the revert: this case
    var mode = Cli.audit(vps, "ssh-keys").get("ssh-keys.file-mode");
    assertEquals("FAIL", mode.get("status").asText(), mode.toString());

    Path cm = Files.createTempDirectory(Path.of("/tmp"), "hhcm");
    List<String> mux =
        List.of(
            "-o",
            "ControlMaster=auto",
            "-o",
            "ControlPath=" + cm + "/%C",
            "-o",
            "ControlPersist=300");
    try {
      try (WizardProcess w = wizard(vps, "prove", "key-login")) {
        ExecResult c = confirm(vps, mux, SandboxVps.VPS_PUBLIC, w.token());
        assertEquals(0, w.awaitExit(Duration.ofSeconds(60)), w.output() + c.stderr());
      }
      Proofs.skip(vps, "ssh-keys"); // the proof counts; the step's checks fail (above)
      Thread.sleep(3000); // the shared connection is older than the next token
      String out;
      int exit;
      try (WizardProcess w =
          wizard(
              vps,
              "apply",
              "--step",
              "sshd",
              "--yes",
              "--revert-window",
              String.valueOf(WINDOW.toSeconds()))) {
        String id = w.await(Pattern.compile("Auto-revert (\\S+) armed"), Duration.ofSeconds(90));
        ExecResult c = confirm(vps, mux, SandboxVps.VPS_PUBLIC, w.token());
        exit = w.awaitExit(WINDOW.plusSeconds(60));
        out = w.output() + "\nconfirm: " + c.stdout() + c.stderr();
        if (exit != 0) {
          awaitRevertDone(vps, id);
        }
      }
      // the truth: a new login, as the admin makes once the shared connection is gone
      ExecResult after = awaitFreshLogin(vps, SandboxVps.VPS_PUBLIC);
      assertEquals(
          0,
          after.exitCode(),
          "locked out: a new key login fails and no revert is coming ("
              + after.stderr().strip()
              + "); the wizard said:\n"
              + out);
      assertEquals(3, exit, out);
      assertTrue(out.contains("ControlPath=none"), out);
    } finally {
      vps.fromWorkstation(
          List.of(
              "ssh",
              "-o",
              "ControlPath=" + cm + "/%C",
              "-O",
              "exit",
              "admin@" + SandboxVps.VPS_PUBLIC));
      try (var s = Files.list(cm)) {
        for (Path p : s.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(cm);
      vps.inVps(List.of("chmod", "0755", "/home/admin"));
    }
  }

  /**
   * ufw already active with {@code default allow incoming} (IPV6=yes, as stock Ubuntu ships): SSH
   * reaches the server over its public address through the default policy. {@code firewall.enable}
   * sets {@code default deny incoming} and adds the tailnet rule, and the admin's tailnet drops for
   * the whole window (what the revert is for). The revert must give back the public way in that
   * worked before the change.
   */
  @Test
  @Order(2)
  void theRevertOfFirewallEnableOnAnActiveUfwGivesBackTheDefaultPolicy(SandboxVps vps)
      throws Exception {
    skipEarlierSteps(vps);
    assertEquals(0, vps.inVps(List.of("ufw", "default", "allow", "incoming")).exitCode());
    assertEquals(0, vps.inVps(List.of("ufw", "--force", "enable")).exitCode());
    try {
      assertEquals(0, freshLogin(vps, SandboxVps.VPS_PUBLIC).exitCode(), "public login before");
      Proofs.prove(vps, "private-path", java.util.Optional.empty());
      String out;
      int exit;
      try (WizardProcess w =
          wizard(
              vps,
              "apply",
              "--step",
              "firewall",
              "--fix",
              "firewall.enable",
              "--yes",
              "--revert-window",
              String.valueOf(WINDOW.toSeconds()))) {
        String id = w.await(Pattern.compile("Auto-revert (\\S+) armed"), Duration.ofSeconds(90));
        w.token();
        ExecResult down = vps.fromWorkstation(List.of("ip", "link", "set", "tnet", "down"));
        assertEquals(0, down.exitCode(), down.stderr());
        exit = w.awaitExit(WINDOW.plusSeconds(60));
        out = w.output();
        awaitRevertDone(vps, id);
        out += "\nrevert log:\n" + Files.readString(vps.vpsPath(REVERT_DIR + "/" + id + ".log"));
      }
      // the truth: the admin's public way in, which worked before the change
      ExecResult after = awaitFreshLogin(vps, SandboxVps.VPS_PUBLIC);
      assertEquals(
          0,
          after.exitCode(),
          "locked out after the revert: public SSH worked before the change and does not now ("
              + after.stderr().strip()
              + "); ufw:\n"
              + vps.inVps(List.of("ufw", "status", "verbose")).stdout()
              + "\nthe wizard said:\n"
              + out);
      assertEquals(3, exit, out);
    } finally {
      vps.fromWorkstation(List.of("ip", "link", "set", "tnet", "up"));
      vps.inVps(List.of("ufw", "--force", "disable"));
      vps.inVps(List.of("ufw", "default", "deny", "incoming"));
    }
  }

  /**
   * ufw inactive with a rule from earlier days that denies the tailnet range ({@code ufw deny from
   * 100.64.0.0/10}, added while inactive, so {@code ufw status} hides it). {@code firewall.enable}
   * appends its tailnet rule after it; the guard sees only the rule the plan adds. Found right: the
   * new proof over the tailnet cannot come, and the revert turns ufw off again, so both ways in
   * work as before.
   */
  @Test
  @Order(3)
  void aHiddenDenyOfTheTailnetOnAnInactiveUfwIsPutBackByTheRevert(SandboxVps vps) throws Exception {
    skipEarlierSteps(vps);
    vps.inVps(List.of("ufw", "--force", "reset")); // no rule of an earlier case before the deny
    assertEquals(0, vps.inVps(List.of("ufw", "deny", "from", "100.64.0.0/10")).exitCode());
    try {
      Proofs.prove(vps, "private-path", java.util.Optional.empty());
      String out;
      int exit;
      try (WizardProcess w =
          wizard(
              vps,
              "apply",
              "--step",
              "firewall",
              "--fix",
              "firewall.enable",
              "--yes",
              "--revert-window",
              String.valueOf(WINDOW.toSeconds()))) {
        String id = w.await(Pattern.compile("Auto-revert (\\S+) armed"), Duration.ofSeconds(90));
        ExecResult c = confirm(vps, List.of(), SandboxVps.VPS_TAILNET, w.token());
        assertTrue(c.exitCode() != 0, "the tailnet is denied while the change stands");
        exit = w.awaitExit(WINDOW.plusSeconds(60));
        out = w.output();
        awaitRevertDone(vps, id);
      }
      assertEquals(3, exit, out);
      assertEquals(0, awaitFreshLogin(vps, SandboxVps.VPS_TAILNET).exitCode(), out);
      assertEquals(0, awaitFreshLogin(vps, SandboxVps.VPS_PUBLIC).exitCode(), out);
    } finally {
      vps.inVps(List.of("ufw", "--force", "disable"));
      vps.inVps(List.of("ufw", "--force", "reset"));
    }
  }

  // ---------------------------------------------------------------- helpers

  private static boolean skipped;

  /**
   * Steps 1–4 skipped once for the class (proven elsewhere), so steps 4–6 can run on their own; the
   * admin is put in group sudo by hand (its password is the VPS's random one), as an admin who
   * skips step 1 must, or the sshd step waits (see the first case).
   */
  private static void skipEarlierSteps(SandboxVps vps) throws IOException {
    if (!skipped) {
      ExecResult sudo = vps.inVps(List.of("usermod", "-aG", "sudo", "admin"));
      assertEquals(0, sudo.exitCode(), sudo.stderr());
      for (String step : List.of("users", "ssh-keys", "private-path", "firewall")) {
        Proofs.skip(vps, step);
      }
      skipped = true;
    }
  }

  private static WizardProcess wizard(SandboxVps vps, String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of("--confirm-program", CONFIRM));
    all.addAll(List.of(args));
    return WizardProcess.start(vps, all.toArray(String[]::new));
  }

  /** The admin's second terminal with the admin's own ssh options ({@code extra}). */
  private static ExecResult confirm(
      SandboxVps vps, List<String> extra, String address, String token) throws IOException {
    List<String> argv = sshAdmin(vps, address, CONFIRM, "confirm");
    argv.addAll(1, extra);
    return vps.fromWorkstation(argv, token + "\n");
  }

  private static List<String> sshAdmin(SandboxVps vps, String address, String... remote) {
    List<String> argv = new ArrayList<>(vps.ssh("admin@" + address));
    argv.addAll(
        1, List.of("-o", "PreferredAuthentications=publickey", "-o", "PasswordAuthentication=no"));
    argv.addAll(List.of(remote));
    return argv;
  }

  /** A key-only login over a new connection. */
  private static ExecResult freshLogin(SandboxVps vps, String address) throws IOException {
    List<String> argv = sshAdmin(vps, address, "true");
    argv.addAll(1, List.of("-o", "ControlPath=none"));
    return vps.fromWorkstation(argv);
  }

  private static ExecResult awaitFreshLogin(SandboxVps vps, String address) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    ExecResult last = freshLogin(vps, address);
    while (last.exitCode() != 0 && System.nanoTime() < end) {
      Thread.sleep(500);
      last = freshLogin(vps, address);
    }
    return last;
  }

  private static void awaitRevertDone(SandboxVps vps, String id) throws Exception {
    Path log = vps.vpsPath(REVERT_DIR + "/" + id + ".log");
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < end) {
      if (Files.exists(log) && Files.readString(log).contains("done: reverted")) {
        return;
      }
      Thread.sleep(200);
    }
  }
}
