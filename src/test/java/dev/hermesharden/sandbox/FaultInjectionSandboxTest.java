package dev.hermesharden.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.host.ExecResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault injection on the sandbox VPS (real sshd, real ufw): every fault ends with a key-only login
 * over the safe path (the tailnet) and no file lost — each file a plan touched is, byte for byte,
 * as before the change or as the change wrote it. Proofs use the real flow: {@code prove} (or
 * {@code apply}) inside the VPS prints a token, the workstation runs {@code ssh admin@…
 * hermes-harden confirm} with the token on its standard input. Revert jobs run inside the VPS's
 * namespaces (setsid sleepers: the VPS has no systemd) and each test ends with its job fired or
 * disarmed and its pid gone. The methods share one VPS and run in order; each prints how long until
 * the safe path worked again.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionSandboxTest {
  private static final String CONFIRM = SandboxVps.WRAPPER;
  private static final String REVERT_DIR = "/var/lib/hermes-harden/revert";
  private static final String DROP_IN = "/etc/ssh/sshd_config.d/00-hermes-harden.conf";
  private static final List<String> SSHD_FILES =
      List.of("/etc/ssh/sshd_config", "/etc/ssh/sshd_config.d/50-cloud-init.conf", DROP_IN);
  private static final List<String> UFW_FILES =
      List.of(
          "/etc/default/ufw", "/etc/ufw/ufw.conf", "/etc/ufw/user.rules", "/etc/ufw/user6.rules");
  private static final Duration WINDOW = Duration.ofSeconds(12);

  @BeforeAll
  static void prepare(SandboxVps vps) throws Exception {
    // No systemd in the sandbox: the revert must take the detached setsid sleeper path.
    Files.deleteIfExists(vps.vpsPath("/run/systemd/system"));
    // step 1 skipped: the admin gets sudo by hand (its password is the VPS's random one), or the
    // sshd step waits until the admin can become root (PlanGuard)
    ExecResult sudo = vps.inVps(List.of("usermod", "-aG", "sudo", "admin"));
    assertEquals(0, sudo.exitCode(), sudo.stderr());
    for (String step : List.of("users", "ssh-keys", "private-path")) {
      Proofs.skip(vps, step);
    }
  }

  // ---------------------------------------------------------------- faults, in order

  @Test
  @Order(1)
  void publicPathProofIsRejectedWhereThePrivatePathIsRequired(SandboxVps vps) throws Exception {
    try (WizardProcess w = wizard(vps, "prove", "private-path")) {
      String token = w.token();
      long t0 = System.nanoTime();
      ExecResult viaPublic = confirm(vps, SandboxVps.VPS_PUBLIC, token);
      w.await(Pattern.compile("does not count"), Duration.ofSeconds(20));
      assertTrue(w.output().contains(SandboxVps.VPS_PUBLIC), w.output() + viaPublic.stderr());
      ExecResult viaTailnet = confirm(vps, SandboxVps.VPS_TAILNET, token);
      assertEquals(0, w.awaitExit(Duration.ofSeconds(60)), w.output() + viaTailnet.stderr());
      report(
          "public-path proof offered for private-path",
          "refused it; the tailnet proof counted",
          t0);
    }
    assertSafePathWorks(vps);
  }

  @Test
  @Order(2)
  void kill9InTheUfwWindowRevertsTheFirewall(SandboxVps vps) throws Exception {
    Map<String, String> before = shas(vps, UFW_FILES);
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
      assertTrue(ufwActive(vps), "the change is applied inside the window");
      Map<String, String> after = shas(vps, UFW_FILES);
      w.kill9();
      long t0 = System.nanoTime();
      long safe = assertSafePathWorks(vps);
      long restored = awaitFired(vps, id);
      assertFalse(ufwActive(vps), "the host disabled ufw again by itself");
      assertSafePathWorks(vps);
      assertNoFileLost(vps, before, after);
      Map<String, String> now = shas(vps, UFW_FILES);
      for (String f : List.of("/etc/default/ufw", "/etc/ufw/ufw.conf")) {
        assertEquals(before.get(f), now.get(f), f + " is back (ENABLED=no)");
      }
      // Decided in docs/confirm-or-revert.md: the allow rules the change added stay, inactive.
      assertEquals(after.get("/etc/ufw/user.rules"), now.get("/etc/ufw/user.rules"));
      report("kill -9 in the ufw window", "revert fired: ufw --force disable", t0, restored, safe);
      assertJobGone(vps, id);
    }
  }

  @Test
  @Order(3)
  void aFreshProofInTheWindowKeepsTheFirewall(SandboxVps vps) throws Exception {
    for (String fix : List.of("firewall.enable", "firewall.close-public-ssh")) {
      try (WizardProcess w =
          wizard(
              vps, "apply", "--step", "firewall", "--fix", fix, "--yes", "--revert-window", "60")) {
        String id = w.await(Pattern.compile("Auto-revert (\\S+) armed"), Duration.ofSeconds(90));
        ExecResult c = confirm(vps, SandboxVps.VPS_TAILNET, w.token());
        w.await(Pattern.compile("auto-revert is disarmed"), Duration.ofSeconds(30));
        w.awaitExit(Duration.ofSeconds(60));
        assertTrue(ufwActive(vps), fix + ":\n" + w.output() + c.stderr());
        assertTrue(log(vps, id).contains("disarmed: not reverting"), log(vps, id));
        assertJobGone(vps, id);
      }
    }
    ExecResult pub =
        vps.fromWorkstation(sshAdmin(vps, SandboxVps.VPS_PUBLIC, "-o", "ConnectTimeout=2"));
    assertTrue(pub.exitCode() != 0, "the public SSH rule is closed now");
    assertSafePathWorks(vps);
  }

  @Test
  @Order(4)
  void kill9InTheSshdWindowRevertsSshd(SandboxVps vps) throws Exception {
    proveKeyLogin(vps);
    Map<String, String> before = shas(vps, SSHD_FILES);
    try (WizardProcess w = applySshd(vps, WINDOW)) {
      String id = w.await(Pattern.compile("Auto-revert (\\S+) armed"), Duration.ofSeconds(90));
      w.token();
      assertTrue(Files.exists(vps.vpsPath(DROP_IN)), "applied inside the window");
      Map<String, String> after = shas(vps, SSHD_FILES);
      w.kill9();
      long t0 = System.nanoTime();
      long safe = assertSafePathWorks(vps);
      long restored = awaitFired(vps, id);
      assertSafePathWorks(vps);
      assertEquals(before, shas(vps, SSHD_FILES), "sshd's files are back byte for byte");
      assertNoFileLost(vps, before, after);
      assertTrue(log(vps, id).contains("ran: systemctl reload ssh"), log(vps, id));
      report(
          "kill -9 in the sshd window",
          "revert fired: drop-in removed, sshd -t, reload",
          t0,
          restored,
          safe);
      assertJobGone(vps, id);
    }
  }

  @Test
  @Order(5)
  void tailnetCutDuringTheWindowThenRestored(SandboxVps vps) throws Exception {
    proveKeyLogin(vps);
    Map<String, String> before = shas(vps, SSHD_FILES);
    try (WizardProcess w = applySshd(vps, WINDOW)) {
      String id = w.await(Pattern.compile("Auto-revert (\\S+) armed"), Duration.ofSeconds(90));
      w.token();
      Map<String, String> after = shas(vps, SSHD_FILES);
      long t0 = System.nanoTime();
      long restored;
      ExecResult down = vps.fromWorkstation(List.of("ip", "link", "set", "tnet", "down"));
      assertEquals(0, down.exitCode(), down.stderr());
      try {
        assertEquals(3, w.awaitExit(WINDOW.plusSeconds(60)), w.output());
        assertTrue(w.output().contains("will put the change back by itself"), w.output());
        restored = awaitFired(vps, id);
      } finally {
        vps.fromWorkstation(List.of("ip", "link", "set", "tnet", "up"));
      }
      long up = System.nanoTime();
      long safe = assertSafePathWorks(vps);
      assertEquals(before, shas(vps, SSHD_FILES));
      assertNoFileLost(vps, before, after);
      report(
          "tailnet veth cut for the whole window, then restored",
          "no proof could come: revert fired at the deadline",
          t0,
          restored,
          safe);
      System.out.printf("  (safe path %d ms after the link came back)%n", (safe - up) / 1_000_000);
      assertJobGone(vps, id);
    }
  }

  @Test
  @Order(6)
  void aChangeThatFailsSshdTIsNeverReloaded(SandboxVps vps) throws Exception {
    proveKeyLogin(vps);
    Map<String, String> before = shas(vps, SSHD_FILES);
    String sshdPid = Files.readString(vps.vpsPath("/run/sshd.pid")).strip();
    long hups = sighups(vps);
    // A stand-in in front of sshd (first in PATH) makes `sshd -t` refuse the config while our
    // drop-in exists, once: our drop-in itself is always valid.
    Path flag = vps.vpsPath("/var/lib/hh-systemctl/fail-next-sshd-t");
    Path stand = vps.vpsPath("/usr/local/sbin/sshd");
    Files.writeString(
        stand,
        "#!/bin/sh\n"
            + "if [ \"$1\" = -t ] && [ -e "
            + DROP_IN
            + " ] && [ -e /var/lib/hh-systemctl/fail-next-sshd-t ]; then\n"
            + "  rm -f /var/lib/hh-systemctl/fail-next-sshd-t\n"
            + "  echo '"
            + DROP_IN
            + " line 4: Bad configuration option: PermitRootLogin' >&2\n"
            + "  exit 255\nfi\nexec /usr/sbin/sshd \"$@\"\n");
    Files.setPosixFilePermissions(stand, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(flag, "");
    try (WizardProcess w = applySshd(vps, WINDOW)) {
      long t0 = System.nanoTime();
      assertEquals(3, w.awaitExit(Duration.ofSeconds(90)), w.output());
      assertTrue(w.output().contains("restored from their backups"), w.output());
      String id = revertIds(vps).get(revertIds(vps).size() - 1);
      assertTrue(log(vps, id).contains("disarmed"), log(vps, id));
      assertEquals(before, shas(vps, SSHD_FILES), "config restored");
      assertEquals(sshdPid, Files.readString(vps.vpsPath("/run/sshd.pid")).strip());
      assertEquals(hups, sighups(vps), "sshd was never sent SIGHUP");
      long restored = System.nanoTime();
      long safe = assertSafePathWorks(vps);
      report(
          "sshd -t fails on the change",
          "files restored at once, never reloaded",
          t0,
          restored,
          safe);
      assertJobGone(vps, id);
    } finally {
      Files.deleteIfExists(stand);
      Files.deleteIfExists(flag);
    }
  }

  @Test
  @Order(7)
  void aReloadThatFailsRevertsAtOnce(SandboxVps vps) throws Exception {
    proveKeyLogin(vps);
    Map<String, String> before = shas(vps, SSHD_FILES);
    Path flag = vps.vpsPath("/var/lib/hh-systemctl/fail-next-reload");
    Files.writeString(flag, "");
    try (WizardProcess w = applySshd(vps, WINDOW)) {
      long t0 = System.nanoTime();
      assertEquals(3, w.awaitExit(Duration.ofSeconds(90)), w.output());
      assertTrue(w.output().contains("put it back at once"), w.output());
      String id = revertIds(vps).get(revertIds(vps).size() - 1);
      assertTrue(log(vps, id).contains("firing"), log(vps, id));
      assertTrue(log(vps, id).contains("ran: systemctl reload ssh"), log(vps, id));
      assertEquals(before, shas(vps, SSHD_FILES));
      long restored = System.nanoTime();
      long safe = assertSafePathWorks(vps);
      report(
          "systemctl reload ssh fails",
          "revert ran at once: files back, reloaded",
          t0,
          restored,
          safe);
      assertJobGone(vps, id);
    } finally {
      Files.deleteIfExists(flag);
    }
  }

  @Test
  @Order(8)
  void aWriteErrorOnTheDropInLeavesTheOriginalUntouched(SandboxVps vps) throws Exception {
    proveKeyLogin(vps);
    Map<String, String> before = shas(vps, SSHD_FILES);
    String dir = "/etc/ssh/sshd_config.d";
    // read-only bind mount, inside the VPS's own mount namespace only
    assertEquals(0, vps.inVps(List.of("mount", "--bind", dir, dir)).exitCode());
    try {
      ExecResult ro = vps.inVps(List.of("mount", "-o", "remount,bind,ro", dir));
      assertEquals(0, ro.exitCode(), ro.stderr());
      try (WizardProcess w = applySshd(vps, WINDOW)) {
        long t0 = System.nanoTime();
        assertEquals(3, w.awaitExit(Duration.ofSeconds(90)), w.output());
        assertEquals(before, shas(vps, SSHD_FILES), "nothing was changed");
        String id = revertIds(vps).get(revertIds(vps).size() - 1);
        assertTrue(log(vps, id).contains("disarmed"), log(vps, id));
        long restored = System.nanoTime();
        long safe = assertSafePathWorks(vps);
        report(
            "write error on the drop-in (read-only mount)",
            "nothing written, job disarmed",
            t0,
            restored,
            safe);
        assertJobGone(vps, id);
      }
    } finally {
      vps.inVps(List.of("umount", dir));
    }
  }

  @Test
  @Order(9)
  void allowUsersExcludingTheProvenUserIsRefusedBeforeApply(SandboxVps vps) throws Exception {
    proveKeyLogin(vps);
    Map<String, String> before = shas(vps, SSHD_FILES);
    int jobs = revertIds(vps).size();
    // (a) the change would keep another admin user than the one whose login was proven
    ExecResult other =
        vps.hermesHarden("apply", "--step", "sshd", "--yes", "--set", "admin.user=deploy");
    assertEquals(3, other.exitCode(), other.stdout());
    assertTrue(other.stdout().contains("deploy"), other.stdout());
    vps.hermesHarden("apply", "--step", "sshd", "--set", "admin.user=admin"); // dry run: reset
    // (b) a site file's Match block would, next to our AllowUsers, shut the proven user out
    Path site = vps.vpsPath("/etc/ssh/sshd_config.d/10-site.conf");
    Files.writeString(site, "Match Address 100.64.0.0/10\n  AllowUsers ops\n");
    try {
      long t0 = System.nanoTime();
      ExecResult r = vps.hermesHarden("apply", "--step", "sshd", "--yes");
      assertEquals(3, r.exitCode(), r.stdout());
      assertTrue(r.stdout().contains("would not let admin in"), r.stdout());
      assertTrue(r.stdout().contains("10-site.conf:2"), r.stdout());
      assertFalse(Files.exists(vps.vpsPath(DROP_IN)), "nothing written");
      assertEquals(jobs, revertIds(vps).size(), "refused before anything was armed");
      report("AllowUsers would exclude the proven user", "refused before apply", t0);
    } finally {
      Files.deleteIfExists(site);
    }
    assertEquals(before, shas(vps, SSHD_FILES));
    assertSafePathWorks(vps);
  }

  @Test
  @Order(10)
  void corruptStateFileOnResumeWithARevertPending(SandboxVps vps) throws Exception {
    proveKeyLogin(vps);
    Map<String, String> before = shas(vps, SSHD_FILES);
    Duration window = Duration.ofSeconds(25);
    try (WizardProcess w = applySshd(vps, window)) {
      String id = w.await(Pattern.compile("Auto-revert (\\S+) armed"), Duration.ofSeconds(90));
      w.token();
      Map<String, String> after = shas(vps, SSHD_FILES);
      w.kill9();
      long t0 = System.nanoTime();
      long safe = assertSafePathWorks(vps);
      Files.writeString(vps.vpsPath("/var/lib/hermes-harden/state.json"), "{\"format\": garbage");
      ExecResult resume = vps.hermesHarden("apply", "--step", "sshd");
      assertTrue(resume.stdout().contains("not in the state file"), resume.stdout());
      assertTrue(resume.stdout().contains(id), resume.stdout());
      assertTrue(resume.stdout().contains("still waiting"), resume.stdout());
      try (Stream<Path> s = Files.list(vps.vpsPath("/var/lib/hermes-harden"))) {
        assertTrue(s.anyMatch(p -> p.getFileName().toString().startsWith("state.json.corrupt-")));
      }
      long restored = awaitFired(vps, id);
      assertSafePathWorks(vps);
      assertEquals(before, shas(vps, SSHD_FILES));
      assertNoFileLost(vps, before, after);
      ExecResult again = vps.hermesHarden("apply", "--step", "sshd");
      assertTrue(again.stdout().contains("fired"), again.stdout());
      report(
          "corrupt state file on resume, revert pending",
          "reported the job, set the file aside; the job fired",
          t0,
          restored,
          safe);
      assertJobGone(vps, id);
    }
  }

  // ---------------------------------------------------------------- helpers

  private static WizardProcess wizard(SandboxVps vps, String... args) throws IOException {
    String[] all = new String[args.length + 2];
    all[0] = "--confirm-program";
    all[1] = CONFIRM;
    System.arraycopy(args, 0, all, 2, args.length);
    return WizardProcess.start(vps, all);
  }

  private static WizardProcess applySshd(SandboxVps vps, Duration window) throws IOException {
    return wizard(
        vps,
        "apply",
        "--step",
        "sshd",
        "--yes",
        "--revert-window",
        String.valueOf(window.toSeconds()));
  }

  /** key-login over the tailnet (the safe path once public SSH is closed). */
  private static void proveKeyLogin(SandboxVps vps) throws Exception {
    try (WizardProcess w = wizard(vps, "prove", "key-login")) {
      ExecResult c = confirm(vps, SandboxVps.VPS_TAILNET, w.token());
      assertEquals(0, w.awaitExit(Duration.ofSeconds(60)), w.output() + c.stdout() + c.stderr());
    }
  }

  /** The admin's second terminal: {@code ssh ... confirm}, the token pasted (piped) when asked. */
  private static ExecResult confirm(SandboxVps vps, String address, String token)
      throws IOException {
    return vps.fromWorkstation(sshAdmin(vps, address, CONFIRM, "confirm"), token + "\n");
  }

  private static List<String> sshAdmin(SandboxVps vps, String address, String... remote) {
    List<String> argv = new java.util.ArrayList<>(vps.ssh("admin@" + address));
    argv.addAll(
        1, List.of("-o", "PreferredAuthentications=publickey", "-o", "PasswordAuthentication=no"));
    argv.addAll(List.of(remote));
    return argv;
  }

  /** Polls a key-only login over the tailnet; the time (nanoTime) it first worked. */
  private static long assertSafePathWorks(SandboxVps vps) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    ExecResult last = null;
    while (System.nanoTime() < end) {
      last = vps.fromWorkstation(sshAdmin(vps, SandboxVps.VPS_TAILNET, "true"));
      if (last.exitCode() == 0) {
        return System.nanoTime();
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no key-only login over the tailnet: " + last.stderr());
  }

  /** Waits for the job's log to say it is done; the time (nanoTime) it was seen. */
  private static long awaitFired(SandboxVps vps, String id) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < end) {
      if (log(vps, id).contains("done: reverted")) {
        return System.nanoTime();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("revert " + id + " did not fire:\n" + log(vps, id));
  }

  /** The job is fired or disarmed, and no process runs its script any more. */
  private static void assertJobGone(SandboxVps vps, String id) throws Exception {
    String l = log(vps, id);
    assertTrue(l.contains("done: reverted") || l.contains("disarmed"), l);
    String script = REVERT_DIR + "/" + id + ".sh";
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      ExecResult ps = vps.inVps(List.of("ps", "-eo", "pid,args"));
      if (!ps.stdout().contains(script)) {
        return;
      }
      if (System.nanoTime() > end) {
        throw new AssertionError("revert " + id + " still running:\n" + ps.stdout());
      }
      Thread.sleep(200);
    }
  }

  private static String log(SandboxVps vps, String id) throws IOException {
    Path p = vps.vpsPath(REVERT_DIR + "/" + id + ".log");
    return Files.exists(p) ? Files.readString(p) : "";
  }

  private static List<String> revertIds(SandboxVps vps) throws IOException {
    try (Stream<Path> s = Files.list(vps.vpsPath(REVERT_DIR))) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".sh"))
          .map(n -> n.substring(0, n.length() - 3))
          .sorted()
          .toList();
    }
  }

  private static boolean ufwActive(SandboxVps vps) throws IOException {
    return vps.inVps(List.of("ufw", "status")).stdout().contains("Status: active");
  }

  private static long sighups(SandboxVps vps) throws IOException {
    return Files.readString(vps.vpsPath("/var/log/auth.log"))
        .lines()
        .filter(l -> l.contains("Received SIGHUP"))
        .count();
  }

  private static Map<String, String> shas(SandboxVps vps, List<String> paths) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    for (String p : paths) {
      Path f = vps.vpsPath(p);
      out.put(p, Files.exists(f) ? sha(Files.readAllBytes(f)) : "absent");
    }
    return out;
  }

  /** Every file is exactly as before or exactly as the change wrote it: never anything else. */
  private static void assertNoFileLost(
      SandboxVps vps, Map<String, String> before, Map<String, String> after) throws Exception {
    Map<String, String> now = shas(vps, List.copyOf(before.keySet()));
    for (String p : before.keySet()) {
      assertTrue(
          now.get(p).equals(before.get(p)) || now.get(p).equals(after.get(p)),
          p + " is neither the old nor the new content");
    }
  }

  private static String sha(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  private static void report(String fault, String did, long t0) {
    System.out.printf(
        "FAULT %-52s | %s | %d ms%n", fault, did, (System.nanoTime() - t0) / 1_000_000);
  }

  /** One line for the closing note: times from the fault to "server back" and to a login. */
  private static void report(String fault, String did, long t0, long restored, long safe) {
    System.out.printf(
        "FAULT %-52s | %s | server restored after %d ms | key login over the tailnet after %d ms%n",
        fault, did, (restored - t0) / 1_000_000, (safe - t0) / 1_000_000);
  }
}
