package dev.hermesharden.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermesharden.cli.Main;
import dev.hermesharden.host.ExecResult;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Remote mode end to end (issue 12 part B): the real {@code hermes-harden} command line runs on the
 * workstation ({@link SandboxVps#startOnWorkstation}: this machine's files, the workstation's
 * network, a home of its own) with {@code --remote}, and drives the sandbox VPS over SSH. The VPS
 * runs no Java: a trap on every {@code java} there ({@link RemoteVpsSetup}) logs any attempt, and
 * its log must stay empty.
 *
 * <p>One VPS, in order: host keys (unknown: asked, declined and accepted; changed: refused), sudo
 * with a password, the remote audit against the local one check by check, and every step applied
 * from the fresh VPS with an answers file and {@code --yes} through the one apply flow (its proofs
 * are the wizard's own new key-only logins) to a clean audit over the private path; then the faults
 * of issue 12 (the wizard killed in the sshd window, sshd restarted under the wizard's own session,
 * the public veth cut in the firewall window) and the header of both front ends in a
 * pseudo-terminal. The fault table with the measured durations is in docs/remote-ssh.md.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteModeSandboxTest {
  private static final String PUBLIC = "admin@" + SandboxVps.VPS_PUBLIC;
  private static final String PRIVATE = "admin@" + SandboxVps.VPS_TAILNET;
  private static final String NOPASSWD = "/etc/sudoers.d/hh-nopasswd";
  private static final RemoteVpsSetup SETUP = new RemoteVpsSetup();

  private static Path home;
  private static SandboxVps vps;
  private static Map<String, String> localAudit;
  private static long localAuditMs;

  @BeforeAll
  static void prepare(SandboxVps theVps) throws Exception {
    vps = theVps;
    // the admin as a cloud image has it (in group sudo, NOPASSWD), and the local audit of that
    // fresh VPS as the comparison, before the Java trap goes in
    ok(vps, "usermod", "-aG", "sudo", "admin");
    allowSudoWithoutPassword(vps, true);
    long t0 = System.nanoTime();
    ExecResult local = vps.hermesHarden("audit", "--json");
    localAuditMs = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(3, local.exitCode(), "a fresh VPS fails its audit: " + local.stderr());
    localAudit = SandboxAnswersReplayTest.statuses(local.stdout());
    SETUP.prepare(vps);
    home = Files.createTempDirectory("hh-remote-home-");
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    Path ssh = Files.createDirectory(home.resolve(".ssh"));
    for (String suffix : List.of("", ".pub")) {
      Files.copy(Path.of(vps.workstationKey() + suffix), ssh.resolve("id_ed25519" + suffix));
    }
  }

  @AfterAll
  static void cleanUp() throws Exception {
    SETUP.cleanUp();
    if (home != null) {
      try (var s = Files.walk(home)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @Test
  @Order(1)
  void anUnknownHostKeyIsAskedAndAChangedOneRefused(SandboxVps vps) throws Exception {
    String fp =
        vps.inVps(
                List.of(
                    "ssh-keygen", "-l", "-E", "sha256", "-f", "/etc/ssh/ssh_host_ed25519_key.pub"))
            .stdout()
            .split(" ")[1];
    Path kh = home.resolve(".ssh/known_hosts");
    ExecResult no = hermesHarden("no\n", "facts", "--remote", PUBLIC);
    assertEquals(4, no.exitCode(), no.stdout() + no.stderr());
    assertTrue(no.stderr().contains(fp), "the SHA256 is shown: " + no.stderr());
    assertTrue(no.stderr().contains("was not accepted, so nothing was sent"), no.stderr());
    assertFalse(Files.exists(kh), "a declined key is not written");

    ExecResult yes = hermesHarden("yes\n", "facts", "--remote", PUBLIC);
    assertEquals(0, yes.exitCode(), yes.stdout() + yes.stderr());
    assertTrue(Files.readString(kh).startsWith("|1|"), "remembered, hashed");

    // another key for the same name: refused loudly, nothing asked, German on request
    String known = Files.readString(kh);
    Path fake = home.resolve("fake");
    Commands.run(
        List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", fake.toString()),
        null,
        java.time.Duration.ofSeconds(10),
        home);
    String[] f = Files.readString(Path.of(fake + ".pub")).split(" ");
    Files.writeString(kh, SandboxVps.VPS_PUBLIC + " " + f[0] + " " + f[1] + "\n");
    try {
      ExecResult changed = hermesHarden("yes\n", "--lang", "de", "facts", "--remote", PUBLIC);
      assertEquals(4, changed.exitCode(), changed.stderr());
      assertTrue(changed.stderr().contains("WARNUNG"), changed.stderr());
      assertFalse(changed.stderr().contains("yes"), "nothing asked: " + changed.stderr());
    } finally {
      Files.writeString(kh, known);
      Files.deleteIfExists(fake);
      Files.deleteIfExists(Path.of(fake + ".pub"));
    }
  }

  @Test
  @Order(2)
  void sudoWithAPasswordAskedOnceNeverShown(SandboxVps vps) throws Exception {
    allowSudoWithoutPassword(vps, false);
    try {
      ExecResult none = hermesHarden("", "facts", "--remote", PUBLIC);
      assertEquals(4, none.exitCode(), none.stderr());
      assertTrue(none.stderr().contains("asks for the password of admin"), none.stderr());
      ExecResult r =
          hermesHarden(
              "wrong\n" + RemoteVpsSetup.ADMIN_PASSWORD + "\n", "facts", "--remote", PUBLIC);
      assertEquals(0, r.exitCode(), r.stderr());
      assertTrue(r.stderr().contains("That was not accepted"), "asked again: " + r.stderr());
      assertFalse((r.stdout() + r.stderr()).contains(RemoteVpsSetup.ADMIN_PASSWORD));
    } finally {
      allowSudoWithoutPassword(vps, true);
    }
  }

  @Test
  @Order(3)
  void theRemoteAuditIsTheLocalOne() throws Exception {
    long t0 = System.nanoTime();
    ExecResult remote = hermesHarden("", "audit", "--json", "--remote", PUBLIC);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(3, remote.exitCode(), remote.stderr());
    assertEquals(localAudit.keySet(), SandboxAnswersReplayTest.statuses(remote.stdout()).keySet());
    assertEquals(
        Map.of(),
        SandboxAnswersReplayTest.differences(
            localAudit, SandboxAnswersReplayTest.statuses(remote.stdout())),
        "check by check");
    System.out.printf(
        "remote audit %d ms, local audit %d ms (each with its JVM start)%n", ms, localAuditMs);
  }

  @Test
  @Order(4)
  void allStepsRemotelyFromAFreshVpsToACleanAudit(SandboxVps vps) throws Exception {
    Path answers = home.resolve("answers.yaml");
    Files.writeString(
        answers,
        "format: hermes-harden-answers\nversion: 1\nanswers:\n  admin.user: \"admin\"\n"
            // the VPS's sudoers drop-ins (hh-log: Defaults only; hh-nopasswd: the admin without a
            // password, as a cloud image's) grant nothing to anyone but the admin: watch passes
            + "  private-path.kind: \"tailscale\"\n  approvals.generate-api-key: \"yes\"\n");
    ExecResult apply =
        hermesHarden(
            "",
            "apply",
            "--answers",
            answers.toString(),
            "--yes",
            "--proof-timeout",
            "60",
            "--remote",
            PUBLIC);
    String out = apply.stdout() + apply.stderr();
    assertEquals(0, apply.exitCode(), out);
    assertTrue(out.contains("Recorded proof: key login"), out);
    assertTrue(out.contains("The wizard now logs in itself"), out);
    // public SSH is closed now: a new connection goes over the private path, to the same session
    ExecResult closed = hermesHarden("", "facts", "--remote", PUBLIC);
    assertEquals(4, closed.exitCode(), "public SSH closed: " + closed.stderr());
    ExecResult audit = hermesHarden("", "audit", "--json", "--remote", PRIVATE);
    // clean, watch included: the admin's NOPASSWD drop-in is a detail, not a finding
    List<String> open = new ArrayList<>();
    List<String> sudoers = new ArrayList<>();
    new ObjectMapper()
        .readTree(audit.stdout())
        .get("checks")
        .forEach(
            c -> {
              if (!List.of("PASS", "NOT_APPLICABLE").contains(c.get("status").asText())) {
                open.add(c.get("id").asText() + " " + c.get("status").asText());
              }
              if (c.get("id").asText().equals("watch.sudoers")) {
                sudoers.add(c.path("details").path("/etc/sudoers.d/hh-nopasswd:1").asText());
              }
            });
    assertTrue(
        open.isEmpty() && sudoers.equals(List.of("admin NOPASSWD")),
        open
            + " "
            + sudoers
            + ": a clean audit, watch included:\n"
            + audit.stdout()
            + audit.stderr()
            + "\nknown_hosts:\n"
            + Files.readString(home.resolve(".ssh/known_hosts"))
            + "\napply:\n"
            + out);
    String state;
    try (var dirs = Files.list(home.resolve(".local/state/hermes-harden/hosts"))) {
      List<Path> all = dirs.toList();
      assertEquals(1, all.size(), "one state dir for the server, by host key: " + all);
      state = Files.readString(all.get(0).resolve("state.json"));
    }
    JsonNode evidence = new ObjectMapper().readTree(state).get("evidence");
    List<String> seen = new ArrayList<>();
    evidence.forEach(
        e ->
            seen.add(
                e.path("kind").asText().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                    + " "
                    + e.path("serverAddress").asText()));
    assertTrue(seen.contains("key-login " + SandboxVps.VPS_PUBLIC), seen.toString());
    assertTrue(seen.contains("private-path-login " + SandboxVps.VPS_TAILNET), seen.toString());
    assertEquals(
        "",
        Files.readString(vps.vpsPath(RemoteVpsSetup.JAVA_TRAP_LOG)),
        "no Java ran on the server");
  }

  @Test
  @Order(5)
  void theWizardKilledInsideTheSshdWindowTheServerRevertsByItselfAndALaterStartSaysSo()
      throws Exception {
    // the sshd step undone behind the wizard's back, so there is a change to make again
    String dropIn = "/etc/ssh/sshd_config.d/00-hermes-harden.conf";
    Files.delete(vps.vpsPath(dropIn));
    ok(vps, "sh", "-c", "kill -HUP $(cat /run/sshd.pid)");
    // the proof that would disarm it goes to an address that never answers
    String job;
    try (Running wizard =
        new Running(
            "apply",
            "--step",
            "sshd",
            "--yes",
            "--revert-window",
            "20",
            "--private-address",
            "100.64.0.99",
            "--remote",
            PRIVATE)) {
      job = wizard.await(ARMED, Duration.ofMinutes(2));
      System.out.printf("armed %s seen at %s%n", job, java.time.Instant.now());
      assertTrue(wizard.process.isAlive(), "killed inside the window, not after it ended");
      // kill -9 the workstation's wizard (its JVM, by pid) inside the window
      wizard.kill9();
    }
    Path jobLog = vps.vpsPath("/var/lib/hermes-harden/revert/" + job + ".log");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    while (!Files.readString(jobLog).contains("done: ") && System.nanoTime() < deadline) {
      Thread.sleep(250);
    }
    assertFalse(Files.exists(vps.vpsPath(dropIn)), "the server put the change back by itself");
    String log = Files.readString(jobLog);
    assertTrue(log.contains("removed " + dropIn) && log.contains("done: reverted"), log);
    assertFalse(log.contains("disarmed: not reverting"), log);
    ExecResult later = hermesHarden("", "apply", "--step", "sshd", "--remote", PRIVATE);
    assertEquals(0, later.exitCode(), later.stdout() + later.stderr());
    assertTrue(
        later.stdout().contains("Auto-revert " + job + " (step "),
        "a later start reports this job:\n" + later.stdout());
    assertTrue(
        later
            .stdout()
            .matches("(?s).*Auto-revert \\S+ \\(step [^)]+\\) fired: the change was put back.*"),
        "a later start reports it:\n" + later.stdout());
    assertEquals("", Files.readString(vps.vpsPath(RemoteVpsSetup.JAVA_TRAP_LOG)), "no Java ran");
  }

  @Test
  @Order(7)
  void thePublicLinkCutInsideTheFirewallWindowTheServerRevertsAndTheWizardComesBackPrivately()
      throws Exception {
    long t0 = System.nanoTime();
    // the firewall undone behind the wizard's back: public SSH answers again, step 4 has work
    ok(vps, "ufw", "--force", "disable");
    String out;
    String job;
    long cut;
    try (Running wizard =
        new Running(
            "apply",
            "--step",
            "firewall",
            "--yes",
            "--revert-window",
            "25",
            "--private-address",
            SandboxVps.VPS_TAILNET,
            "--remote",
            PUBLIC)) {
      job = wizard.await(ARMED, Duration.ofMinutes(2));
      // the VPS's end of the public veth (in the VPS's own network namespace) goes down: the
      // wizard's packets vanish silently, as on a cut link
      ok(vps, "ip", "link", "set", "eth0", "down");
      cut = System.nanoTime();
      try {
        ExecResult probe = vps.fromWorkstation(vps.ssh(PRIVATE, "true"));
        assertEquals(0, probe.exitCode(), "the private path stays up: " + probe.stderr());
        assertFalse(
            Files.readString(jobLog(job)).contains("firing:"),
            "the link was cut inside the window, before the job fired");
        assertEquals(3, wizard.awaitExit(Duration.ofSeconds(100)), wizard.text());
        out = wizard.text();
      } finally {
        ok(vps, "ip", "link", "set", "eth0", "up");
      }
    }
    long ended = System.nanoTime();
    String log = Files.readString(jobLog(job));
    assertTrue(log.contains("done: reverted"), "the server reverted by itself: " + log);
    assertFalse(log.contains("disarmed: not reverting"), log);
    assertTrue(
        vps.inVps(List.of("ufw", "status")).stdout().contains("Status: inactive"),
        "ufw --force disable ran");
    assertTrue(
        out.contains(
            "The SSH connection to "
                + SandboxVps.VPS_PUBLIC
                + " (public path) was lost. The wizard connected again over "
                + SandboxVps.VPS_TAILNET
                + " (private path)"),
        "the wizard says it came back over the private path:\n" + out);
    assertTrue(
        out.contains("The change was put back (auto-revert fired); the step is open again."),
        "and reports the revert:\n" + out);
    assertFalse(out.contains("came in time"), out);
    // the admin still gets in, both ways, and a later audit shows the step open
    for (String to : List.of(PUBLIC, PRIVATE)) {
      ExecResult in = vps.fromWorkstation(vps.ssh(to, "true"));
      assertEquals(0, in.exitCode(), to + ": " + in.stderr());
    }
    ExecResult audit =
        hermesHarden("", "audit", "--step", "firewall", "--json", "--remote", PRIVATE);
    assertEquals(3, audit.exitCode(), audit.stdout() + audit.stderr());
    assertEquals(
        "FAIL",
        SandboxAnswersReplayTest.statuses(audit.stdout()).get("firewall.active"),
        audit.stdout());
    assertEquals("", Files.readString(vps.vpsPath(RemoteVpsSetup.JAVA_TRAP_LOG)), "no Java ran");
    fault(
        "public veth cut in the firewall window",
        t0,
        "wizard back and reported " + ms(cut, ended) + " ms after the cut");
  }

  @Test
  @Order(6)
  void sshdRestartedUnderTheWizardsOwnSessionTheWizardReconnectsAndItsVerdictIsTheServers()
      throws Exception {
    long t0 = System.nanoTime();
    String dropIn = "/etc/ssh/sshd_config.d/00-hermes-harden.conf";
    assertFalse(Files.exists(vps.vpsPath(dropIn)), "the sshd step is open (test 5 reverted it)");
    // (before the firewall test 7: a firewall step put back would lock step 5)
    String out;
    String job;
    int code;
    try (Running wizard =
        new Running(
            "apply", "--step", "sshd", "--yes", "--revert-window", "60", "--remote", PRIVATE)) {
      job = wizard.await(ARMED, Duration.ofMinutes(2));
      // a restart that takes the whole service: every session sshd serves ends (the wizard's own
      // too: the processes holding an established connection on port 22 in the VPS's network
      // namespace, by pid, listed first so that a session opened meanwhile is not hit), then the
      // listener stops and starts again through the systemctl stand-in
      ok(
          vps,
          "sh",
          "-c",
          "pids=$(ss -Htnp state established '( sport = :22 )' | grep -o 'pid=[0-9]*'"
              + " | cut -d= -f2 | sort -u); [ -n \"$pids\" ] && kill $pids;"
              + " systemctl restart ssh");
      assertFalse(
          Files.exists(vps.vpsPath("/var/lib/hermes-harden/revert/" + job + ".disarmed")),
          "restarted inside the window, before any proof disarmed the job");
      code = wizard.awaitExit(Duration.ofSeconds(90));
      out = wizard.text();
    }
    assertTrue(
        out.contains(
            "The SSH connection to "
                + SandboxVps.VPS_TAILNET
                + " (private path) was lost. The wizard connected again over "
                + SandboxVps.VPS_TAILNET),
        "the wizard's own session dropped and came back:\n" + out);
    // the verdict, then the truth: a real key login, and the methods the running sshd offers
    assertEquals(0, code, out);
    assertTrue(out.contains("came in time: the auto-revert is disarmed, the change stays"), out);
    ExecResult key = vps.fromWorkstation(vps.ssh(PRIVATE, "true"));
    assertEquals(0, key.exitCode(), "the admin's key still logs in: " + key.stderr());
    ExecResult none =
        vps.fromWorkstation(
            List.of(
                "ssh",
                "-o",
                "BatchMode=yes",
                "-o",
                "PreferredAuthentications=none",
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=/dev/null",
                "-o",
                "ConnectTimeout=5",
                PRIVATE,
                "true"));
    assertTrue(
        none.stderr().contains("Permission denied (publickey)."),
        "the running sshd offers keys only, as the wizard said the change stays: " + none.stderr());
    assertTrue(Files.exists(vps.vpsPath(dropIn)), "the drop-in stayed");
    String log = Files.readString(jobLog(job));
    assertTrue(log.contains("disarmed: not reverting") || !log.contains("firing:"), log);
    assertEquals("", Files.readString(vps.vpsPath(RemoteVpsSetup.JAVA_TRAP_LOG)), "no Java ran");
    fault("sshd restarted under the wizard's session", t0, "disarmed after the reconnect");
  }

  @Test
  @Order(8)
  void theHeaderOfBothFrontEndsShowsTheServerTheAddressAndThePath() throws Exception {
    long t0 = System.nanoTime();
    // the line mode over the public address: header, the current step's live checks, quit
    String plain = onTerminal("xterm-256color", "Choice [", "q\r", "--plain", "--remote", PUBLIC);
    assertTrue(
        plain.contains("Server vps1, ")
            && plain.contains("over SSH " + SandboxVps.VPS_PUBLIC + " (public path). You: admin"),
        plain);
    assertTrue(plain.contains("Stopped. Your progress is saved"), plain);
    // the full-screen wizard over the private address: the resume dialog closed (Enter), then q
    String tui = onTerminal("xterm-256color", "[1] Close", "\rq", "--remote", PRIVATE);
    String header = tui.lines().findFirst().orElse("");
    assertTrue(
        header.matches(
            "hermes-harden . vps1 . .*over SSH "
                + SandboxVps.VPS_TAILNET.replace(".", "\\.")
                + " \\(private path\\).*"),
        tui);
    assertEquals("", Files.readString(vps.vpsPath(RemoteVpsSetup.JAVA_TRAP_LOG)), "no Java ran");
    System.out.printf("headers (line mode, full screen) %d ms%n", ms(t0, System.nanoTime()));
  }

  @Test
  @Order(9)
  void theNewestBackupIsRestoredOnTheWorkstationWithAKeyTheServerNeverGets() throws Exception {
    long t0 = System.nanoTime();
    // after the walk only the private path reaches SSH; run alone, only the public one does
    String to = vps.fromWorkstation(vps.ssh(PRIVATE, "true")).exitCode() == 0 ? PRIVATE : PUBLIC;
    // the admin's age key pair is made on the workstation; the server gets the public half only
    Path key = home.resolve("age-key.txt");
    ExecResult gen = vps.fromWorkstation(List.of("age-keygen", "-o", key.toString()));
    assertEquals(0, gen.exitCode(), gen.stderr());
    String recipient =
        Files.readString(key)
            .lines()
            .filter(l -> l.startsWith("# public key: "))
            .findFirst()
            .orElseThrow()
            .substring("# public key: ".length());
    String dest = "/var/backups/hermes-harden";
    String script = "/var/lib/hh-restore/backup.sh";
    Path p = vps.vpsPath(script);
    Files.createDirectories(p.getParent());
    Files.writeString(
        p,
        dev.hermesharden.fixes.backups.BackupScript.script(
            new dev.hermesharden.fixes.backups.BackupScript.Settings(
                "/opt/hermes/data", "root", "root", recipient, 5, 64),
            dest,
            "/var/lib/hh-restore/recipients"));
    Files.writeString(p.resolveSibling("recipients"), recipient + "\n");
    Thread.sleep(1100); // a stamp of its own, newer than any archive of the steps before
    ok(vps, "bash", script);

    // "yes": the private address's host key, when no step asked for it yet
    ExecResult restored =
        hermesHarden(
            "yes\n", "--debug", "restore-test", "--identity", key.toString(), "--remote", to);
    assertEquals(0, restored.exitCode(), restored.stdout() + restored.stderr());
    assertTrue(
        restored.stdout().contains("Restore test passed: " + dest + "/hermes-"), restored.stdout());
    assertTrue(restored.stdout().contains(".tar.age"), restored.stdout());
    // the server was asked for the archive's bytes and its sum, never to decrypt: no command the
    // wizard ran there names the identity file or age
    List<String> remote = restored.stderr().lines().filter(l -> l.startsWith("# +")).toList();
    assertTrue(remote.stream().anyMatch(l -> l.contains(": od -An -v -tx1")), restored.stderr());
    assertFalse(
        remote.stream().anyMatch(l -> l.contains("age") && l.contains("decrypt")),
        restored.stderr());
    assertFalse(remote.stream().anyMatch(l -> l.contains(key.toString())), restored.stderr());

    // one byte changed in the middle of the archive: age's authentication refuses it
    String newest =
        vps.inVps(List.of("sh", "-c", "ls " + dest + " | grep '\\.tar\\.age$' | sort | tail -n 1"))
            .stdout()
            .strip();
    Path archive = vps.vpsPath(dest + "/" + newest);
    byte[] bytes = Files.readAllBytes(archive);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(archive, bytes);
    ExecResult tampered =
        hermesHarden("", "restore-test", "--identity", key.toString(), "--remote", to);
    assertEquals(3, tampered.exitCode(), tampered.stdout() + tampered.stderr());
    assertTrue(tampered.stdout().contains("Restore test FAILED: "), tampered.stdout());
    assertTrue(tampered.stdout().contains("could not be decrypted here"), tampered.stdout());

    // without the identity the age archive is not guessed at
    ExecResult noKey = hermesHarden("", "restore-test", "--remote", to);
    assertEquals(3, noKey.exitCode(), noKey.stdout() + noKey.stderr());
    assertTrue(noKey.stdout().contains("--identity FILE"), noKey.stdout());
    assertEquals("", Files.readString(vps.vpsPath(RemoteVpsSetup.JAVA_TRAP_LOG)), "no Java ran");
    System.out.printf("restore test over SSH %d ms%n", ms(t0, System.nanoTime()));
  }

  /**
   * The wizard in a pseudo-terminal of 30×120 ({@code script(1)}) on the workstation: answers the
   * terminal's size question, types {@code keys} once the screen shows {@code when}, waits for the
   * end (exit 0) and returns the screen text with the control sequences taken out.
   */
  private static String onTerminal(String term, String when, String keys, String... args)
      throws Exception {
    List<String> java = wizard(args);
    String line =
        "stty rows 30 cols 120 && exec "
            + dev.hermesharden.host.ShellQuoting.posixCommandLine(java);
    Map<String, String> env = environment();
    env.put("TERM", term);
    Path err = Files.createTempFile(home, "pty", ".err");
    Process p = vps.startOnWorkstation(List.of("script", "-qefc", line, "/dev/null"), env, err);
    java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
    Thread reader =
        new Thread(
            () -> {
              try {
                var in = p.getInputStream();
                byte[] b = new byte[8192];
                for (int n = in.read(b); n >= 0; n = in.read(b)) {
                  synchronized (seen) {
                    seen.write(b, 0, n);
                  }
                }
              } catch (IOException e) {
                // ended
              }
            });
    reader.start();
    try (OutputStream typed = p.getOutputStream()) {
      int sized = 0;
      boolean sent = false;
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (p.isAlive() && System.nanoTime() < end) {
        String raw;
        synchronized (seen) {
          raw = seen.toString(StandardCharsets.UTF_8);
        }
        for (int at = raw.indexOf("\u001b[6n", 0), n = 0;
            at >= 0;
            at = raw.indexOf("\u001b[6n", at + 1), n++) {
          if (n == sized) { // each size question answered once
            typed.write("\u001b[30;120R".getBytes(StandardCharsets.US_ASCII));
            typed.flush();
            sized++;
          }
        }
        if (!sent && screenText(raw).contains(when)) {
          Thread.sleep(300); // the rest of the frame
          typed.write(keys.getBytes(StandardCharsets.UTF_8));
          typed.flush();
          sent = true;
        }
        Thread.sleep(50);
      }
      String text;
      synchronized (seen) {
        text = screenText(seen.toString(StandardCharsets.UTF_8));
      }
      assertFalse(p.isAlive(), "the wizard did not end:\n" + text + Files.readString(err));
      reader.join(5000);
      synchronized (seen) {
        text = screenText(seen.toString(StandardCharsets.UTF_8));
      }
      assertEquals(0, p.exitValue(), text + Files.readString(err));
      return text;
    } finally {
      if (p.isAlive()) {
        p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      Files.deleteIfExists(err);
    }
  }

  /**
   * What a terminal shows after {@code raw}: characters placed where the cursor is (cursor
   * addressing, moves, carriage return, line feed and erasing followed; colours and modes ignored),
   * the lines as many as written (no scrolling), trailing blanks cut.
   */
  static String screenText(String raw) {
    List<StringBuilder> rows = new ArrayList<>();
    int r = 0;
    int c = 0;
    for (int i = 0; i < raw.length(); i++) {
      char ch = raw.charAt(i);
      if (ch == '\u001b' && i + 1 < raw.length()) {
        char kind = raw.charAt(i + 1);
        if (kind == '[') {
          int j = i + 2;
          while (j < raw.length() && (raw.charAt(j) < '@' || raw.charAt(j) > '~')) {
            j++;
          }
          if (j >= raw.length()) {
            break;
          }
          String[] p = raw.substring(i + 2, j).replaceAll("[^0-9;]", "").split(";", -1);
          int a = p.length > 0 && !p[0].isEmpty() ? Integer.parseInt(p[0]) : 0;
          int b = p.length > 1 && !p[1].isEmpty() ? Integer.parseInt(p[1]) : 0;
          switch (raw.charAt(j)) {
            case 'H', 'f' -> {
              r = Math.max(a, 1) - 1;
              c = Math.max(b, 1) - 1;
            }
            case 'A' -> r = Math.max(0, r - Math.max(a, 1));
            case 'B' -> r += Math.max(a, 1);
            case 'C' -> c += Math.max(a, 1);
            case 'D' -> c = Math.max(0, c - Math.max(a, 1));
            case 'G' -> c = Math.max(a, 1) - 1;
            case 'd' -> r = Math.max(a, 1) - 1;
            case 'J' -> {
              if (a == 2) {
                rows.clear();
              }
            }
            case 'K' -> {
              if (r < rows.size() && rows.get(r).length() > c) {
                rows.get(r).setLength(c);
              }
            }
            default -> {}
          }
          i = j;
        } else if (kind == ']') {
          int bel = raw.indexOf('\u0007', i);
          int st = raw.indexOf("\u001b\\", i);
          int end = bel < 0 ? st : st < 0 ? bel : Math.min(bel, st);
          i = end < 0 ? raw.length() : end + (end == st ? 1 : 0);
        } else {
          i += kind == '(' || kind == ')' ? 2 : 1;
        }
      } else if (ch == '\r') {
        c = 0;
      } else if (ch == '\n') {
        r++;
      } else if (ch == '\b') {
        c = Math.max(0, c - 1);
      } else if (ch >= ' ') {
        while (rows.size() <= r) {
          rows.add(new StringBuilder());
        }
        StringBuilder row = rows.get(r);
        while (row.length() <= c) {
          row.append(' ');
        }
        row.setCharAt(c++, ch);
      }
    }
    StringBuilder out = new StringBuilder();
    rows.forEach(x -> out.append(x.toString().stripTrailing()).append('\n'));
    return out.toString();
  }

  private static final java.util.regex.Pattern ARMED =
      // the resume report's lines start with "Auto-revert" too: the new job being armed
      java.util.regex.Pattern.compile("Auto-revert (\\S+) armed");

  private static Path jobLog(String job) {
    return vps.vpsPath("/var/lib/hermes-harden/revert/" + job + ".log");
  }

  private static long ms(long from, long to) {
    return (to - from) / 1_000_000;
  }

  /** One line of the fault table (docs/remote-ssh.md): the fault, what happened, how long. */
  private static void fault(String what, long t0, String result) {
    System.out.printf("FAULT %s: %s; test %d ms%n", what, result, ms(t0, System.nanoTime()));
  }

  /** The CLI running on the workstation in the background: output collected as it comes. */
  private static final class Running implements AutoCloseable {
    final Process process;
    private final Path err;
    private final StringBuilder out = new StringBuilder();
    private final Thread reader;

    Running(String... args) throws Exception {
      err = Files.createTempFile(home, "wizard", ".err");
      process = start(err, args);
      reader =
          new Thread(
              () -> {
                try {
                  var in =
                      new java.io.InputStreamReader(
                          process.getInputStream(), StandardCharsets.UTF_8);
                  for (int c = in.read(); c >= 0; c = in.read()) {
                    synchronized (out) {
                      out.append((char) c);
                    }
                  }
                } catch (IOException e) {
                  // killed
                }
              });
      reader.start();
    }

    /** Standard output so far, then standard error. */
    String text() throws IOException {
      synchronized (out) {
        return out + Files.readString(err);
      }
    }

    /** Waits until the output matches; its first group. */
    String await(java.util.regex.Pattern p, Duration timeout) throws Exception {
      long end = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < end) {
        java.util.regex.Matcher m = p.matcher(text());
        if (m.find()) {
          return m.group(1);
        }
        if (!process.isAlive()) {
          reader.join(5000);
          m = p.matcher(text());
          if (m.find()) {
            return m.group(1);
          }
          throw new AssertionError("ended without " + p + ":\n" + text());
        }
        Thread.sleep(20);
      }
      throw new AssertionError("no " + p + " within " + timeout + ":\n" + text());
    }

    int awaitExit(Duration timeout) throws Exception {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        // where it hangs: its threads (nsenter and env exec, so the pid is the JVM's)
        ExecResult threads =
            Commands.run(
                List.of("jcmd", String.valueOf(process.pid()), "Thread.print"),
                null,
                Duration.ofSeconds(30),
                home);
        throw new AssertionError(
            "did not end within " + timeout + ":\n" + text() + "\n" + threads.stdout());
      }
      reader.join(5000);
      return process.exitValue();
    }

    /** kill -9 by pid (nsenter and env exec, so this is the wizard's JVM). */
    void kill9() throws Exception {
      process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      reader.join(5000);
    }

    @Override
    public void close() throws Exception {
      if (process.isAlive()) {
        kill9();
      }
      Files.deleteIfExists(err);
    }
  }

  /** The real CLI on the workstation, {@code stdin} as typed answers; 4 minutes at most. */
  private static ExecResult hermesHarden(String stdin, String... args) throws Exception {
    Path err = Files.createTempFile(home, "cli", ".err");
    Process p = start(err, args);
    try {
      CompletableFuture<byte[]> out =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return p.getInputStream().readAllBytes();
                } catch (IOException e) {
                  return new byte[0];
                }
              });
      try (OutputStream in = p.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // it ended without reading: its output says why
      }
      if (!p.waitFor(4, TimeUnit.MINUTES)) {
        throw new AssertionError("hermes-harden " + String.join(" ", args) + " did not end");
      }
      return new ExecResult(
          List.of(args),
          p.exitValue(),
          new String(out.get(), StandardCharsets.UTF_8),
          Files.readString(err));
    } finally {
      if (p.isAlive()) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      Files.deleteIfExists(err);
    }
  }

  private static Process start(Path err, String... args) throws Exception {
    return vps.startOnWorkstation(wizard(args), environment(), err);
  }

  /** The wizard's argv on the workstation: this build's classes, the admin's home, {@code args}. */
  private static List<String> wizard(String... args) {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> argv =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Duser.home=" + home,
                "-cp",
                cp.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator),
                Main.class.getName()));
    argv.addAll(List.of(args));
    return argv;
  }

  /** The admin's laptop: no java on PATH (nothing needs it there), a home of the test's own. */
  private static Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "/usr/bin:/bin");
    env.put("HOME", home.toString());
    env.put("USER", "alice");
    env.put("LANG", "C.UTF-8");
    return env;
  }

  private static void allowSudoWithoutPassword(SandboxVps vps, boolean allow) throws Exception {
    Path rule = vps.vpsPath(NOPASSWD);
    if (!allow) {
      Files.deleteIfExists(rule);
      return;
    }
    Files.writeString(rule, "admin ALL=(ALL:ALL) NOPASSWD: ALL\n");
    Files.setPosixFilePermissions(rule, PosixFilePermissions.fromString("r--r-----"));
  }

  private static void ok(SandboxVps vps, String... argv) throws Exception {
    ExecResult r = vps.inVps(List.of(argv));
    assertEquals(0, r.exitCode(), r.stderr());
  }
}
