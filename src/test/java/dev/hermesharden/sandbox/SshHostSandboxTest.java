package dev.hermesharden.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.HostException.Kind;
import dev.hermesharden.host.HostileWords;
import dev.hermesharden.host.LocalHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Remote mode's host side against the sandbox VPS's real sshd, from the workstation namespace
 * ({@link Workstation}: an {@code SshWorker} JVM there, with a home of its own): host keys as
 * OpenSSH, keys from files, an encrypted file and {@code ssh-agent}, exec with hostile argv, input,
 * exit codes, limits and timeouts, the file traps of {@code SafeFilesAsRootTest} as root over SSH,
 * {@code sudo -n} and sudo with a password, the login prover over both paths, and round-trip
 * figures. A trap on every {@code java} inside the VPS proves the server side never runs Java.
 *
 * <p>Caveat: methods run in order on one VPS; sudo rules and sshd's {@code ExposeAuthInfo} change
 * on the way, each where its test says.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SshHostSandboxTest {
  static final String ADMIN_PUBLIC = "admin@" + SandboxVps.VPS_PUBLIC;
  static final String DATA = "/opt/hh-remote/data";
  static final String SECRET = "/opt/hh-remote/secret";
  static final String NOPASSWD = "/etc/sudoers.d/hh-nopasswd";

  private static final RemoteVpsSetup SETUP = new RemoteVpsSetup();
  private static final List<Path> HOMES = new ArrayList<>();
  private static Path home;

  @BeforeAll
  static void prepare(SandboxVps vps) throws Exception {
    SETUP.prepare(vps);
    vps.inVps(List.of("useradd", "-r", "-M", "-s", "/usr/sbin/nologin", "hermes"));
    // an account that has a password and no key: only a password login would work
    sh(
        vps,
        "useradd -m -s /bin/bash hh-pwonly && printf 'hh-pwonly:Only-a-Password-9\\n' | chpasswd");
    sh(
        vps,
        "install -d -m 0755 /opt/hh-remote && install -d -m 0755 -o hermes -g hermes "
            + DATA
            + " && printf 'root:SECRET-HASH:19000::::::\\n' >"
            + SECRET
            + " && chmod 0600 "
            + SECRET);
    home = newHome(vps, true);
    Files.writeString(home.resolve(".ssh/known_hosts"), knownHostsOfTheVps(vps));
  }

  @AfterAll
  static void cleanUp() throws Exception {
    SETUP.cleanUp();
    for (Path h : HOMES) {
      try (var s = Files.walk(h)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @Test
  @Order(1)
  void anUnknownHostKeyIsAcceptedOnlyAfterConfirmationAndThenRemembered(SandboxVps vps)
      throws Exception {
    Path fresh = newHome(vps, true);
    Path kh = fresh.resolve(".ssh/known_hosts");
    String fp =
        vps.inVps(
                List.of(
                    "ssh-keygen", "-l", "-E", "sha256", "-f", "/etc/ssh/ssh_host_ed25519_key.pub"))
            .stdout()
            .split(" ")[1];
    try (Workstation ws = Workstation.start(vps, fresh, Optional.empty())) {
      HostException no =
          assertThrows(
              HostException.class,
              () -> ws.connect(ADMIN_PUBLIC, false, false, List.of(), List.of()));
      assertEquals(Kind.HOST_KEY_UNKNOWN, no.kind(), no.getMessage());
      assertEquals(
          List.of("hostkey " + SandboxVps.VPS_PUBLIC + " ssh-ed25519 " + fp),
          ws.asked(),
          "the SHA256 the VPS's ssh-keygen shows");
      assertFalse(Files.exists(kh), "a declined key is not written");
    }
    try (Workstation ws = Workstation.start(vps, fresh, Optional.empty())) {
      JsonNode info = ws.connect(ADMIN_PUBLIC, false, true, List.of(), List.of());
      assertEquals(fp, info.path("hostKeyFingerprint").asText());
      assertEquals("admin\n", ws.exec("id", "-un").stdout());
    }
    String found =
        Commands.run(
                List.of("ssh-keygen", "-F", SandboxVps.VPS_PUBLIC, "-f", kh.toString()),
                null,
                Duration.ofSeconds(10),
                Path.of("/tmp/hh-remote-io"))
            .stdout();
    assertTrue(found.contains("found: line 1"), "OpenSSH finds the hashed entry: " + found);
    try (Workstation ws = Workstation.start(vps, fresh, Optional.empty())) {
      ws.connect(ADMIN_PUBLIC, false, false, List.of(), List.of());
      assertEquals(List.of(), ws.asked(), "remembered: not asked again");
    }
  }

  @Test
  @Order(2)
  void aChangedHostKeyIsRefusedWithoutAskingOrSendingAnything(SandboxVps vps) throws Exception {
    Path other = newHome(vps, true);
    Path key = other.resolve("fake_host_key");
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
    String[] pub = Files.readString(Path.of(key + ".pub")).split(" ");
    Files.writeString(
        other.resolve(".ssh/known_hosts"),
        SandboxVps.VPS_PUBLIC + " " + pub[0] + " " + pub[1] + "\n");
    String authLog = authLog(vps);
    try (Workstation ws = Workstation.start(vps, other, Optional.empty())) {
      HostException e =
          assertThrows(
              HostException.class,
              () -> ws.connect(ADMIN_PUBLIC, false, true, List.of(), List.of()));
      assertEquals(Kind.HOST_KEY_CHANGED, e.kind(), e.getMessage());
      assertEquals("host.error.host-key-changed", e.sentence().orElseThrow());
      assertEquals(other.resolve(".ssh/known_hosts").toString(), e.sentenceArgs().get(3));
      assertEquals(List.of(), ws.asked(), "never asked, even with 'accept' ready");
    }
    String since = authLog(vps).substring(authLog.length());
    assertFalse(since.contains("Accepted") || since.contains("Failed"), "no login tried: " + since);
  }

  @Test
  @Order(3)
  void execCarriesHostileArgvInputExitCodesLimitsAndTimeoutsExactly(SandboxVps vps)
      throws Exception {
    allowSudoWithoutPassword(vps);
    try (Workstation ws = Workstation.start(vps, home, Optional.empty())) {
      JsonNode info = ws.connect(ADMIN_PUBLIC, true, false, List.of(), List.of());
      assertEquals("SUDO_NOPASSWD", info.path("privilege").asText());
      assertEquals(List.of(), ws.asked(), "sudo -n: nothing asked");
      assertEquals("0\n", ws.exec("id", "-u").stdout(), "root through sudo");

      List<String> argv = new ArrayList<>(List.of("printf", "%s\\000"));
      argv.addAll(HostileWords.ALL);
      ExecResult r = ws.exec(argv, Duration.ofSeconds(30));
      assertEquals(nulJoined(HostileWords.ALL), r.stdout());

      byte[] input = new byte[1 << 20];
      new Random(7).nextBytes(input);
      ExecResult sum = ws.exec(List.of("sha256sum"), Duration.ofSeconds(30), input, 4096);
      assertEquals(sha256(input) + "  -\n", sum.stdout(), "1 MiB of input arrived whole");

      assertEquals(42, ws.exec("sh", "-c", "exit 42").exitCode());
      assertEquals(127, ws.exec("no-such-command-hh").exitCode());
      assertEquals(127, ws.exec("A=b", "true").exitCode(), "never an env assignment");
      ExecResult capped =
          ws.exec(
              List.of("head", "-c", "5000000", "/dev/zero"),
              Duration.ofSeconds(30),
              new byte[0],
              1000);
      assertEquals(0, capped.exitCode());
      assertEquals(1000, capped.stdout().length(), "output capped, command drained to its end");

      long t0 = System.nanoTime();
      HostException slow =
          assertThrows(
              HostException.class,
              () -> ws.exec(List.of("sleep", "31.4159"), Duration.ofSeconds(1)));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(Kind.TIMEOUT, slow.kind(), slow.getMessage());
      assertTrue(ms < 8000, "timed out after " + ms + " ms");
      Thread.sleep(300);
      assertFalse(
          vps.inVps(List.of("sh", "-c", "cat /proc/[0-9]*/cmdline 2>/dev/null | tr '\\0' ' '"))
              .stdout()
              .contains("sleep 31.4159"),
          "the server stopped the command itself (timeout(1))");
    }
  }

  @Test
  @Order(4)
  void theFileTrapsOfAHostileAccountBehaveOverSshAsTheyDoLocally(SandboxVps vps) throws Exception {
    sh(
        vps,
        "cd "
            + DATA
            + " && ln -s "
            + SECRET
            + " .env && mkfifo fifo && truncate -s 1G big && chown -h hermes:hermes .env fifo big"
            + " && printf 'approvals:\\n  mode: manual\\n' >config.yaml && chown hermes:hermes config.yaml");
    try (Workstation ws = Workstation.start(vps, home, Optional.empty())) {
      ws.connect(ADMIN_PUBLIC, true, false, List.of(), List.of());
      assertKind(Kind.UNSAFE, () -> ws.readFile(DATA + "/.env"), "a link to a root file");
      long t0 = System.nanoTime();
      assertKind(Kind.UNSAFE, () -> ws.readFile(DATA + "/fifo"), "a FIFO");
      assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "refused at once");
      assertKind(Kind.TOO_LARGE, () -> ws.readFile(DATA + "/big"), "a sparse giant");
      assertEquals(Optional.of("approvals:\n  mode: manual\n"), ws.readFile(DATA + "/config.yaml"));
      sh(vps, "chmod 000 " + DATA + "/config.yaml");
      assertKind(
          Kind.PERMISSION, () -> ws.readFile(DATA + "/config.yaml"), "read as hermes, not root");
      String before = vps.inVps(List.of("stat", "-c", "%u:%g %a %s", SECRET)).stdout();
      assertKind(
          Kind.UNSAFE,
          () -> ws.writeFile(DATA + "/.env", "x\n", FileAttrs.KEEP),
          "a write over a link");
      assertKind(
          Kind.UNSAFE,
          () -> ws.writeFile(DATA + "/new", "x\n", FileAttrs.of("root", "root", 0600)),
          "giving a file in hermes' directory to root");
      assertEquals(before, vps.inVps(List.of("stat", "-c", "%u:%g %a %s", SECRET)).stdout());
      assertEquals("root:SECRET-HASH:19000::::::\n", Files.readString(vps.vpsPath(SECRET)));
      ws.writeFile(DATA + "/.env.new", "API_SERVER_HOST=127.0.0.1\n", FileAttrs.mode(0600));
      assertEquals(
          "hermes 600",
          vps.inVps(List.of("stat", "-c", "%U %a", DATA + "/.env.new")).stdout().strip());
      assertEquals(
          List.of(".env", ".env.new", "big", "config.yaml", "fifo"), ws.listDirectory(DATA));

      FileStat link = ws.lstat(DATA + "/.env").orElseThrow();
      assertTrue(link.isSymlink(), link.toString());
      assertEquals(SECRET, ws.readLink(DATA + "/.env"));
      assertEquals(Optional.empty(), ws.lstat(DATA + "/nothing"));
      assertEquals(Optional.empty(), ws.readFile(DATA + "/nothing"));

      // root's own file, bytes as sshd reads them: kept, with owner and mode
      byte[] latin = "AllowUsers admin \u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
      Files.write(vps.vpsPath("/etc/ssh/hh-test.conf"), latin);
      sh(vps, "chown root:adm /etc/ssh/hh-test.conf && chmod 0640 /etc/ssh/hh-test.conf");
      assertKind(Kind.IO, () -> ws.readFile("/etc/ssh/hh-test.conf"), "not UTF-8");
      String text = ws.readFile("/etc/ssh/hh-test.conf", StandardCharsets.ISO_8859_1).orElseThrow();
      ws.writeFile(
          "/etc/ssh/hh-test.conf", text + "# x\n", FileAttrs.KEEP, StandardCharsets.ISO_8859_1);
      byte[] after = Files.readAllBytes(vps.vpsPath("/etc/ssh/hh-test.conf"));
      assertEquals((byte) 0xe9, after[17], "bytes kept as they were");
      assertEquals(
          "root:adm 640",
          vps.inVps(List.of("stat", "-c", "%U:%G %a", "/etc/ssh/hh-test.conf")).stdout().strip());
      ws.deleteFile("/etc/ssh/hh-test.conf");
      assertFalse(Files.exists(vps.vpsPath("/etc/ssh/hh-test.conf")));
      ws.writeFile("/etc/hh-new.conf", "new\n", FileAttrs.KEEP);
      assertEquals(
          "root:root 644",
          vps.inVps(List.of("stat", "-c", "%U:%G %a", "/etc/hh-new.conf")).stdout().strip());
      assertEquals(
          List.of(),
          vps.inVps(List.of("sh", "-c", "ls -a /etc /etc/ssh " + DATA + " | grep hh-tmp || true"))
              .stdout()
              .lines()
              .toList(),
          "no temp file left");
    } finally {
      sh(vps, "rm -rf " + DATA + "/* " + DATA + "/.env* /etc/hh-new.conf");
    }
  }

  @Test
  @Order(5)
  void sudoWithAPasswordAsksOnceChecksItAndNeverLetsItOut(SandboxVps vps) throws Exception {
    Files.delete(vps.vpsPath(NOPASSWD));
    String pw = RemoteVpsSetup.ADMIN_PASSWORD;
    try (Workstation ws = Workstation.start(vps, home, Optional.empty())) {
      JsonNode info = ws.connect(ADMIN_PUBLIC, true, false, List.of(), List.of("wrong", pw));
      assertEquals("SUDO_PASSWORD", info.path("privilege").asText());
      assertEquals(
          List.of(
              "sudo admin@" + SandboxVps.VPS_PUBLIC,
              "sudo admin@" + SandboxVps.VPS_PUBLIC + " retry"),
          ws.asked());
      assertEquals("0\n", ws.exec("id", "-u").stdout());
      // the command's own input, even a line equal to the password, passes untouched
      byte[] input = (pw + "\nsecond line\n").getBytes(StandardCharsets.UTF_8);
      assertEquals(
          pw + "\nsecond line\n",
          ws.exec(List.of("cat"), Duration.ofSeconds(20), input, 4096).stdout());
      assertEquals("", ws.exec(List.of("cat"), Duration.ofSeconds(20)).stdout(), "no input: EOF");
      // a write goes through dd's standard input behind the password
      ws.writeFile("/etc/hh-sudo-pw.conf", "written through sudo -S\n", FileAttrs.mode(0600));
      assertEquals(
          "written through sudo -S\n", Files.readString(vps.vpsPath("/etc/hh-sudo-pw.conf")));
      assertEquals(
          Optional.of("root:SECRET-HASH:19000::::::\n"), ws.readFile(SECRET), "root-only read");
    } finally {
      Files.deleteIfExists(vps.vpsPath("/etc/hh-sudo-pw.conf"));
    }
    String sudoLog = Files.readString(vps.vpsPath(RemoteVpsSetup.SUDO_LOG));
    assertTrue(sudoLog.contains("COMMAND="), "sudo logged the commands: " + sudoLog);
    assertFalse(sudoLog.contains(pw) || authLog(vps).contains(pw), "the password is in no log");

    sh(vps, "gpasswd -d admin sudo >/dev/null");
    try (Workstation ws = Workstation.start(vps, home, Optional.empty())) {
      HostException e =
          assertThrows(
              HostException.class,
              () -> ws.connect(ADMIN_PUBLIC, true, false, List.of(), List.of(pw)));
      assertEquals(Kind.PERMISSION, e.kind(), e.getMessage());
      assertEquals("host.error.sudo-refused", e.sentence().orElseThrow(), e.getMessage());
    } finally {
      sh(vps, "usermod -aG sudo admin");
    }
  }

  @Test
  @Order(6)
  void aDroppedConnectionIsOpenedAgainBeforeTheNextCommandWithoutAskingAgain(SandboxVps vps)
      throws Exception {
    try (Workstation ws = Workstation.start(vps, home, Optional.empty())) {
      ws.connect(ADMIN_PUBLIC, true, false, List.of(), List.of(RemoteVpsSetup.ADMIN_PASSWORD));
      assertEquals("0\n", ws.exec("id", "-u").stdout());
      // sshd's monitor for this connection, found in the VPS's own mount namespace, by pid
      sh(
          vps,
          "me=$(readlink /proc/self/ns/mnt); for d in /proc/[0-9]*; do"
              + " [ \"$(readlink $d/ns/mnt 2>/dev/null)\" = \"$me\" ] || continue;"
              + " case \"$(tr '\\0' ' ' <$d/cmdline 2>/dev/null)\" in"
              + " 'sshd: admin [priv]'*) kill ${d#/proc/};; esac; done");
      Thread.sleep(300);
      assertEquals("0\n", ws.exec("id", "-u").stdout(), "the next command runs, as root");
      JsonNode info = ws.call(Workstation.op("info"));
      assertEquals(1, info.path("reconnects").asInt(), info.toString());
      assertEquals(
          List.of("sudo admin@" + SandboxVps.VPS_PUBLIC), ws.asked(), "nothing asked again");
    }
  }

  @Test
  @Order(7)
  void theKeyMayComeFromSshAgentOrFromAnEncryptedFileWhosePassphraseIsAskedWhenNeeded(
      SandboxVps vps) throws Exception {
    Path agentHome = newHome(vps, false);
    Files.writeString(agentHome.resolve(".ssh/known_hosts"), knownHostsOfTheVps(vps));
    Path sock = agentHome.resolve("agent.sock");
    Process agent =
        new ProcessBuilder("ssh-agent", "-D", "-a", sock.toString())
            .redirectErrorStream(true)
            .redirectOutput(agentHome.resolve("agent.out").toFile())
            .start();
    try {
      for (int i = 0; i < 100 && !Files.exists(sock); i++) {
        Thread.sleep(20);
      }
      ProcessBuilder add = new ProcessBuilder("ssh-add", vps.workstationKey().toString());
      add.environment().put("SSH_AUTH_SOCK", sock.toString());
      assertEquals(0, add.redirectErrorStream(true).start().waitFor());
      try (Workstation ws = Workstation.start(vps, agentHome, Optional.of(sock))) {
        JsonNode info = ws.connect(ADMIN_PUBLIC, false, false, List.of(), List.of());
        assertEquals("ssh-agent", info.path("keySource").asText());
        assertEquals(
            fingerprint(Path.of(vps.workstationKey() + ".pub")),
            info.path("keyFingerprint").asText());
        assertEquals(List.of(), ws.asked());
      }
    } finally {
      agent.destroy();
      agent.waitFor();
    }

    Path encHome = newHome(vps, false);
    Files.writeString(encHome.resolve(".ssh/known_hosts"), knownHostsOfTheVps(vps));
    Path key = encHome.resolve(".ssh/id_ecdsa");
    run("ssh-keygen", "-q", "-t", "ecdsa", "-N", "pass phrase", "-f", key.toString());
    Path unused = encHome.resolve(".ssh/id_ed25519");
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "never asked", "-f", unused.toString());
    authorize(vps, Path.of(key + ".pub"));
    try (Workstation ws = Workstation.start(vps, encHome, Optional.empty())) {
      JsonNode info = ws.connect(ADMIN_PUBLIC, false, false, List.of("pass phrase"), List.of());
      assertEquals(key.toString(), info.path("keySource").asText());
      assertEquals(fingerprint(Path.of(key + ".pub")), info.path("keyFingerprint").asText());
      assertEquals(
          List.of("passphrase " + key),
          ws.asked(),
          "asked for the key the server took, not for the one it refused");
    }
  }

  @Test
  @Order(8)
  void theProverLogsInAnewOverEachPathAndReportsTheServersSide(SandboxVps vps) throws Exception {
    String wsKey = fingerprint(Path.of(vps.workstationKey() + ".pub"));
    try (Workstation ws = Workstation.start(vps, home, Optional.empty())) {
      ws.connect(ADMIN_PUBLIC, false, false, List.of(), List.of());
      for (String[] path :
          List.of(
              new String[] {SandboxVps.VPS_PUBLIC, SandboxVps.WS_PUBLIC},
              new String[] {SandboxVps.VPS_TAILNET, "100.64.0.2"})) {
        JsonNode p = ws.prove(path[0], "admin");
        assertEquals("admin", p.path("user").asText());
        assertEquals(path[0], p.path("serverAddress").asText(), "the server saw it arrive there");
        assertEquals(22, p.path("serverPort").asInt());
        assertEquals(path[1], p.path("clientAddress").asText());
        assertEquals(wsKey, p.path("keyFingerprint").asText());
        assertEquals(0, p.path("authLines").size(), "ExposeAuthInfo is off on a fresh VPS");
        assertFalse(p.path("serverConfirmsKey").asBoolean());
      }
      Files.writeString(
          vps.vpsPath("/etc/ssh/sshd_config.d/40-hh-expose.conf"), "ExposeAuthInfo yes\n");
      assertEquals(0, vps.inVps(List.of("systemctl", "reload", "ssh")).exitCode());
      Thread.sleep(500);
      JsonNode p = ws.prove(SandboxVps.VPS_TAILNET, "admin");
      assertTrue(p.path("serverConfirmsKey").asBoolean(), p.toString());
      assertEquals(wsKey, p.path("serverKeyFingerprint").asText(), "sshd's own word");

      // hh-pwonly could log in with its password only: the prover offers none, and says what the
      // server allows
      String before = authLog(vps);
      HostException refused =
          assertThrows(HostException.class, () -> ws.prove(SandboxVps.VPS_PUBLIC, "hh-pwonly"));
      assertEquals(Kind.AUTH, refused.kind(), refused.getMessage());
      assertEquals("host.error.no-key-accepted", refused.sentence().orElseThrow());
      assertTrue(refused.sentenceArgs().get(3).contains("password"), refused.getMessage());
      String since = authLog(vps).substring(before.length());
      assertFalse(
          since.contains("Failed password") || since.contains("keyboard-interactive"),
          "never a password or keyboard-interactive attempt: " + since);
    } finally {
      Files.deleteIfExists(vps.vpsPath("/etc/ssh/sshd_config.d/40-hh-expose.conf"));
      vps.inVps(List.of("systemctl", "reload", "ssh"));
    }
  }

  @Test
  @Order(9)
  void roundTripsAreMeasuredAndTheServerNeverRanJava(SandboxVps vps) throws Exception {
    long[] local = new long[100];
    LocalHost here = new LocalHost("/usr/bin:/bin");
    for (int i = 0; i < local.length; i++) {
      long t0 = System.nanoTime();
      here.exec("true");
      local[i] = (System.nanoTime() - t0) / 1000;
    }
    java.util.Arrays.sort(local);
    System.out.printf(
        "MEASURE local exec true (LocalHost, this machine): median %d us%n", local[50]);
    try (Workstation ws = Workstation.start(vps, home, Optional.empty())) {
      ws.connect(ADMIN_PUBLIC, false, false, List.of(), List.of());
      measure(ws, "as admin, no sudo", 100, 30);
    }
    allowSudoWithoutPassword(vps);
    try (Workstation ws = Workstation.start(vps, home, Optional.empty())) {
      ws.connect(ADMIN_PUBLIC, true, false, List.of(), List.of());
      measure(ws, "as root, sudo -n", 100, 30);
    } finally {
      Files.delete(vps.vpsPath(NOPASSWD));
    }
    try (Workstation ws = Workstation.start(vps, home, Optional.empty())) {
      ws.connect(ADMIN_PUBLIC, true, false, List.of(), List.of(RemoteVpsSetup.ADMIN_PASSWORD));
      measure(ws, "as root, sudo -S with the password", 100, 10);
      assertEquals(
          "",
          Files.readString(vps.vpsPath(RemoteVpsSetup.JAVA_TRAP_LOG)),
          "no java ran in the VPS");
      // the trap works: a java started through the same connection is caught
      ExecResult j = ws.exec("java", "-version");
      assertEquals(99, j.exitCode(), j.stderr());
      assertTrue(
          Files.readString(vps.vpsPath(RemoteVpsSetup.JAVA_TRAP_LOG)).contains("java -version"));
    }
  }

  /**
   * sshd counts a session until it has reaped the session's command, a moment after its channel
   * closed: a burst of short commands, as many at a time as the host allows, met "no more sessions"
   * (here with {@code MaxSessions 2}; the default 10 met it in a remote audit whose watch step
   * reads fifty files side by side), and the host took the refusal for a dead connection: it closed
   * it, every command running on it ended UNREACHABLE, and the audit with them. A refused session
   * is asked for again on the same connection.
   */
  @Test
  @Order(10)
  void sessionsSshdRefusesForAMomentAreAskedAgainNotTakenForADeadConnection(SandboxVps vps)
      throws Exception {
    Path dropIn = vps.vpsPath("/etc/ssh/sshd_config.d/05-max-sessions.conf");
    try {
      Files.writeString(dropIn, "MaxSessions 2\n");
      assertTrue(vps.reloadSshd().ok(), "sshd reloads with MaxSessions 2");
      try (Workstation ws = Workstation.start(vps, home, Optional.empty())) {
        ws.connect(ADMIN_PUBLIC, false, false, List.of(), List.of());
        JsonNode b = ws.call(Workstation.op("burst").put("n", 64));
        assertEquals(64, b.path("ok").asInt(), b.toString());
        assertEquals(0, b.path("reconnects").asInt(), "the connection was never given up");
      }
    } finally {
      Files.deleteIfExists(dropIn);
      vps.reloadSshd();
    }
  }

  /** Medians measured in the worker: {@code runs} {@code true} commands, {@code reads} reads. */
  private static void measure(Workstation ws, String how, int runs, int reads) throws Exception {
    JsonNode b =
        ws.call(
            Workstation.op("bench")
                .put("n", runs)
                .put("reads", reads)
                .put("path", "/etc/ssh/sshd_config"));
    System.out.printf(
        "MEASURE remote (%s): exec true median %d us, p90 %d us (%d runs); "
            + "readFile /etc/ssh/sshd_config median %d us, p90 %d us (%d runs)%n",
        how,
        b.path("execMedianUs").asLong(),
        b.path("execP90Us").asLong(),
        runs,
        b.path("readMedianUs").asLong(),
        b.path("readP90Us").asLong(),
        reads);
    assertTrue(b.path("execMedianUs").asLong() > 0);
  }

  /** A home directory of the admin's laptop, with the workstation's key as ~/.ssh/id_ed25519. */
  private static Path newHome(SandboxVps vps, boolean withWorkstationKey) throws Exception {
    Path h = Files.createTempDirectory("hh-ws-home-");
    HOMES.add(h);
    Files.setPosixFilePermissions(h, PosixFilePermissions.fromString("rwx------"));
    Path ssh = Files.createDirectory(h.resolve(".ssh"));
    if (withWorkstationKey) {
      for (String suffix : List.of("", ".pub")) {
        Files.copy(Path.of(vps.workstationKey() + suffix), ssh.resolve("id_ed25519" + suffix));
      }
    }
    return h;
  }

  /** A sudoers rule as cloud images give their default user: sudo without a password. */
  private static void allowSudoWithoutPassword(SandboxVps vps) throws Exception {
    Path rule = vps.vpsPath(NOPASSWD);
    Files.writeString(rule, "admin ALL=(ALL:ALL) NOPASSWD: ALL\n");
    Files.setPosixFilePermissions(rule, PosixFilePermissions.fromString("r--r-----"));
  }

  private static void authorize(SandboxVps vps, Path pub) throws Exception {
    Files.writeString(
        vps.vpsPath("/home/admin/.ssh/authorized_keys"),
        Files.readString(pub),
        java.nio.file.StandardOpenOption.APPEND);
  }

  private static String knownHostsOfTheVps(SandboxVps vps) throws Exception {
    StringBuilder b = new StringBuilder();
    for (String type : List.of("ed25519", "ecdsa", "rsa")) {
      String[] f =
          Files.readString(vps.vpsPath("/etc/ssh/ssh_host_" + type + "_key.pub")).split(" ");
      for (String addr : List.of(SandboxVps.VPS_PUBLIC, SandboxVps.VPS_TAILNET)) {
        b.append(addr).append(' ').append(f[0]).append(' ').append(f[1].strip()).append('\n');
      }
    }
    return b.toString();
  }

  private static String authLog(SandboxVps vps) throws Exception {
    return Files.readString(vps.vpsPath("/var/log/auth.log"));
  }

  private static String fingerprint(Path pub) throws Exception {
    return run("ssh-keygen", "-l", "-E", "sha256", "-f", pub.toString()).split(" ")[1];
  }

  private static String run(String... argv) throws Exception {
    ExecResult r =
        Commands.run(List.of(argv), null, Duration.ofSeconds(60), Path.of("/tmp/hh-remote-io"));
    assertEquals(0, r.exitCode(), String.join(" ", argv) + ": " + r.stderr());
    return r.stdout();
  }

  private static void sh(SandboxVps vps, String script) throws Exception {
    ExecResult r = vps.inVps(List.of("sh", "-c", script));
    assertEquals(0, r.exitCode(), script + ": " + r.stderr());
  }

  private interface Call {
    void run() throws Exception;
  }

  private static void assertKind(Kind kind, Call call, String what) {
    HostException e = assertThrows(HostException.class, call::run, what);
    assertEquals(kind, e.kind(), what + ": " + e.getMessage());
  }

  private static String nulJoined(List<String> words) {
    StringBuilder b = new StringBuilder();
    words.forEach(w -> b.append(w).append('\0'));
    return b.toString();
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
