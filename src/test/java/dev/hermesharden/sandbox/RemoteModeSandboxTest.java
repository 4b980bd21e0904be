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
 * with a password, the remote audit against the local one check by check, and all nine steps
 * applied from the fresh VPS with an answers file and {@code --yes} through the one apply flow (its
 * proofs are the wizard's own new key-only logins) to a clean audit over the private path.
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
  void allNineStepsRemotelyFromAFreshVpsToACleanAudit(SandboxVps vps) throws Exception {
    Path answers = home.resolve("answers.yaml");
    Files.writeString(
        answers,
        "format: hermes-harden-answers\nversion: 1\nanswers:\n  admin.user: \"admin\"\n"
            + "  private-path.kind: \"tailscale\"\n  approvals.generate-api-key: \"yes\"\n"
            + "skip: []\n");
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
    assertEquals(
        0,
        audit.exitCode(),
        "a clean audit:\n"
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
    Path wizardErr = Files.createTempFile(home, "wizard", ".err");
    Process wizard =
        start(
            wizardErr,
            "apply",
            "--step",
            "sshd",
            "--yes",
            "--revert-window",
            "20",
            "--private-address",
            "100.64.0.99",
            "--remote",
            PRIVATE);
    StringBuilder out = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try {
                var in = wizard.getInputStream();
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
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    // the resume report's lines start with "Auto-revert" too: wait for the new job being armed
    java.util.regex.Pattern armed = java.util.regex.Pattern.compile("Auto-revert (\\S+) armed");
    while (!armed.matcher(text(out)).find() && wizard.isAlive() && System.nanoTime() < end) {
      Thread.sleep(50);
    }
    assertTrue(
        armed.matcher(text(out)).find(), "armed: " + text(out) + Files.readString(wizardErr));
    java.util.regex.Matcher id = armed.matcher(text(out));
    assertTrue(id.find());
    String job = id.group().split(" ")[1];
    System.out.printf("armed %s seen at %s%n", job, java.time.Instant.now());
    assertTrue(wizard.isAlive(), "killed inside the window, not after it ended");
    // kill -9 the workstation's wizard (its JVM, by pid) inside the window
    wizard.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    wizard.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    reader.join(5000);
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
        later
            .stdout()
            .matches("(?s).*Auto-revert \\S+ \\(step [^)]+\\) fired: the change was put back.*"),
        "a later start reports it:\n" + later.stdout());
    assertEquals("", Files.readString(vps.vpsPath(RemoteVpsSetup.JAVA_TRAP_LOG)), "no Java ran");
  }

  private static String text(StringBuilder b) {
    synchronized (b) {
      return b.toString();
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
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "/usr/bin:/bin");
    env.put("HOME", home.toString());
    env.put("USER", "alice");
    env.put("LANG", "C.UTF-8");
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
    return vps.startOnWorkstation(argv, env, err);
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
