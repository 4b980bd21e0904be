package dev.hermesharden.sandbox;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermesharden.fixes.backups.BackupScript;
import dev.hermesharden.fixes.backups.BackupsInstallFix;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.i18n.Messages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The backup script as root writes it, run by the real bash, tar, setpriv and gpg in the sandbox
 * VPS against a HERMES_HOME the hostile {@code hermes} account filled: a link to {@code
 * /etc/shadow} must be archived as a link (never the password file), a FIFO must not hang it, and a
 * run that outgrows the size cap fails and leaves no archive. Then the age path end to end: the key
 * pair made on the workstation side, the production fix installing the backup with the public key
 * only, the step's checks passing, and the report's restore commands run as printed.
 *
 * <p>Caveat: the workstation side is this machine's filesystem, which the VPS shares outside its
 * own directories ({@code /etc}, {@code /home}, {@code /root}, {@code /run}, {@code /var/log},
 * {@code /var/lib}, {@code /var/backups}, {@code /opt}, {@code /usr/local/sbin}); "the private key
 * is not on the VPS" is checked over those.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupScriptSandboxTest {
  private static final String HOME = "/home/hermes/.hermes";
  private static final String DEST = "/var/lib/hh-backup-test/archives";
  private static final String PASS = "/var/lib/hh-backup-test/backup.pass";
  private static final String SCRIPT = "/var/lib/hh-backup-test/backup.sh";
  private static final Duration MINUTE = Duration.ofMinutes(1);

  /** HERMES_HOME of the sandbox's Docker layout, which the production fix finds by itself. */
  private static final String DATA = "/opt/hermes/data";

  /** The VPS's own directories: what a server would have, none shared with the workstation. */
  private static final List<String> VPS_OWN =
      List.of(
          "/etc",
          "/home",
          "/root",
          "/run",
          "/var/log",
          "/var/lib",
          "/var/backups",
          "/opt",
          "/usr/local/sbin");

  /** age on this machine (the workstation side and, shared, the VPS): .ci/run installs it. */
  private static void needAge() {
    boolean here = Files.isExecutable(Path.of("/usr/bin/age"));
    if (!"required".equals(System.getenv("HH_SANDBOX"))) {
      assumeTrue(here, "age is not installed (.ci/run installs it)");
    }
    assertTrue(here, "age must be installed (HH_SANDBOX=required; .ci/run installs it)");
  }

  private static void ok(ExecResult r) {
    assertEquals(0, r.exitCode(), r.argv() + "\n" + r.stdout() + r.stderr());
  }

  /** The gpg archive decrypted in the VPS and piped to {@code reader} (a fixed command line). */
  private static ExecResult decrypted(SandboxVps vps, String archive, String reader)
      throws Exception {
    return vps.inVps(
        List.of(
            "sh",
            "-c",
            "gpg --batch --quiet --pinentry-mode loopback --passphrase-file "
                + PASS
                + " --decrypt "
                + DEST
                + "/"
                + archive
                + " | "
                + reader));
  }

  private static void write(SandboxVps vps, int maxMb) throws Exception {
    BackupScript.Settings s = new BackupScript.Settings(HOME, "hermes", "hermes", "", 2, maxMb);
    Path p = vps.vpsPath(SCRIPT);
    Files.createDirectories(p.getParent());
    Files.writeString(p, BackupScript.script(s, DEST, PASS));
  }

  @Test
  @Order(1)
  @Timeout(300)
  void aLinkToShadowIsArchivedAsALinkAndAFifoDoesNotHang(SandboxVps vps) throws Exception {
    vps.inVps(List.of("useradd", "-m", "-s", "/usr/sbin/nologin", "hermes"));
    ok(
        vps.inVps(
            SandboxVps.asHermes(
                "mkdir -p "
                    + HOME
                    + "/skills/a && cd "
                    + HOME
                    + " && echo 'approvals: {mode: manual}' > config.yaml && echo K=v > .env"
                    + " && ln -s /etc/shadow shadow && mkfifo pipe && ln -s / rootdir")));
    write(vps, 64);
    ok(vps.inVps(List.of("bash", SCRIPT)));
    ExecResult ls = vps.inVps(List.of("sh", "-c", "ls " + DEST));
    String archive =
        ls.stdout().lines().filter(n -> n.endsWith(".tar.gpg")).findFirst().orElseThrow();
    String base = archive.substring(0, archive.indexOf(".tar."));
    ExecResult head =
        vps.inVps(List.of("od", "-An", "-tx1", "-N", "2", "--", DEST + "/" + archive));
    assertTrue(
        head.stdout().strip().startsWith("8c") || head.stdout().strip().startsWith("c3"),
        head.stdout());
    String list = Files.readString(vps.vpsPath(DEST + "/" + base + ".list"));
    assertTrue(list.lines().anyMatch(l -> l.equals("./config.yaml")), list);

    ExecResult content = decrypted(vps, archive, "tar -tv");
    ok(content);
    String t = content.stdout();
    assertTrue(t.contains("./shadow -> /etc/shadow"), "the link itself is stored:\n" + t);
    assertTrue(t.contains("./rootdir -> /"), t);
    assertTrue(t.lines().anyMatch(l -> l.startsWith("p") && l.endsWith("./pipe")), t);
    ExecResult shadow = decrypted(vps, archive, "grep -ac '^root:'");
    assertEquals("0", shadow.stdout().strip(), "no line of /etc/shadow is in the archive");
  }

  @Test
  @Order(2)
  @Timeout(300)
  void aRunBeyondTheSizeCapFailsAndLeavesNoArchive(SandboxVps vps) throws Exception {
    ok(vps.inVps(SandboxVps.asHermes("head -c 3000000 /dev/urandom > " + HOME + "/huge.bin")));
    write(vps, 1);
    ExecResult before = vps.inVps(List.of("sh", "-c", "ls -A " + DEST + " | sort"));
    ExecResult run = vps.inVps(List.of("bash", SCRIPT));
    assertNotEquals(0, run.exitCode(), run.stdout() + run.stderr());
    ExecResult after = vps.inVps(List.of("sh", "-c", "ls -A " + DEST + " | sort"));
    assertEquals(before.stdout(), after.stdout(), "no new or partial archive");
    assertFalse(after.stdout().contains(".partial"), after.stdout());
  }

  @Test
  @Order(3)
  @Timeout(300)
  void toAnAgeRecipientTheServerHoldsOnlyThePublicKeyAndTheRestoreCommandsWorkAsPrinted(
      SandboxVps vps) throws Exception {
    needAge();
    Path ws = Files.createTempDirectory("hh-age-ws-");
    try {
      // the workstation: the admin's key pair, as age-keygen makes it; only its public half leaves
      Path key = ws.resolve("key.txt");
      ok(Commands.run(List.of("age-keygen", "-o", key.toString()), null, MINUTE, ws));
      String secret =
          Files.readAllLines(key).stream()
              .filter(l -> l.startsWith("AGE-SECRET-KEY-1"))
              .findFirst()
              .orElseThrow();
      ExecResult pub = Commands.run(List.of("age-keygen", "-y", key.toString()), null, MINUTE, ws);
      ok(pub);
      String recipient = pub.stdout().strip();

      // the VPS: HERMES_HOME as step 7 leaves it, with the agent's hostile link in it
      vps.inVps(List.of("sh", "-c", "id hermes || useradd -m -s /usr/sbin/nologin hermes"));
      ok(vps.inVps(List.of("chown", "-R", "hermes:hermes", DATA)));
      ok(vps.inVps(List.of("chmod", "0700", DATA)));
      ok(vps.inVps(SandboxVps.asHermes("ln -sfn /etc/shadow " + DATA + "/shadow")));

      // the production fix with the step file's params, as the wizard plans and applies it
      ExecResult fix =
          vps.javaMain(
              FixInVps.class.getName(),
              "backups",
              BackupsInstallFix.ID,
              BackupsInstallFix.RECIPIENT + "=" + recipient);
      ok(fix);
      assertTrue(
          fix.stdout().lines().noneMatch(l -> l.startsWith("$ apt-get")),
          "age is installed here:\n" + fix.stdout());
      String script = Files.readString(vps.vpsPath(BackupScript.PATH));
      assertFalse(script.contains(recipient), "the recipient is never shell text:\n" + script);
      assertEquals(
          recipient + "\n", Files.readString(vps.vpsPath(BackupScript.RECIPIENTS)), "its file");
      ExecResult mode =
          vps.inVps(
              List.of("stat", "-c", "%U:%G %a", BackupScript.RECIPIENTS, "/etc/hermes-harden"));
      assertEquals("root:root 644\nroot:root 700", mode.stdout().strip(), mode.toString());

      Map<String, JsonNode> audit = Cli.audit(vps, "backups");
      Cli.assertStatus(audit, "backups.timer", "PASS");
      Cli.assertStatus(audit, "backups.last-archive", "PASS");
      JsonNode details = audit.get("backups.last-archive").get("details");
      assertEquals("age", details.get("encryption").asText(), details.toString());
      String archive = details.get("archive").asText();
      assertTrue(archive.endsWith(".tar.age"), archive);
      String head = new String(Files.readAllBytes(vps.vpsPath(archive)), 0, 22, ISO_8859_1);
      assertEquals("age-encryption.org/v1\n", head);

      // the private key is nowhere on the VPS; the same search finds the public key (it can fail)
      assertEquals(List.of(), vpsFilesContaining(vps, secret), "the private key is on the VPS");
      assertEquals(
          List.of(BackupScript.RECIPIENTS), vpsFilesContaining(vps, recipient), "the public key");

      restoreAsPrinted(vps, ws, key, archive);
    } finally {
      deleteTree(ws);
    }
  }

  /**
   * The report's restore item, run as printed (English): fetched over SSH from the workstation (the
   * admin may sudo there, as on a real server; without a password here), decrypted with the key
   * file, unpacked; the agent's link to {@code /etc/shadow} comes back as a link.
   */
  private static void restoreAsPrinted(SandboxVps vps, Path ws, Path key, String archive)
      throws Exception {
    String item = Messages.english().get("report.todo.restore-test");
    String fetch =
        "ssh -t admin@SERVER sudo install -m 0600 -o admin"
            + " /var/backups/hermes-harden/hermes-STAMP.tar.age .";
    String copy = "scp admin@SERVER:hermes-STAMP.tar.age .";
    String decrypt =
        "mkdir restore && age --decrypt -i ~/.config/age/key.txt hermes-STAMP.tar.age"
            + " | tar -x -C restore";
    String cleanUp = "ssh admin@SERVER rm hermes-STAMP.tar.age";
    for (String c : List.of(fetch, copy, decrypt, cleanUp)) {
      assertTrue(item.contains(c), "the item prints " + c + ":\n" + item);
      assertTrue(Files.readString(Path.of("docs/backups.md")).contains(c), "docs: " + c);
    }
    Path sudoers = vps.vpsPath("/etc/sudoers.d/hh-backup-restore");
    Files.writeString(sudoers, "Defaults !syslog\nadmin ALL=(root) NOPASSWD: /usr/bin/install\n");
    Files.setPosixFilePermissions(sudoers, PosixFilePermissions.fromString("r--r-----"));

    String stamp = archive.replaceAll(".*/hermes-(.*)\\.tar\\.age", "$1");
    String options =
        " -i "
            + vps.workstationKey()
            + " -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null"
            + " -o LogLevel=ERROR ";
    java.util.function.UnaryOperator<String> typed =
        c ->
            c.replace("ssh -t ", "ssh -t" + options)
                .replace("ssh admin@", "ssh" + options + "admin@")
                .replace("scp ", "scp" + options)
                .replace("SERVER", SandboxVps.VPS_PUBLIC)
                .replace("STAMP", stamp)
                .replace("~/.config/age/key.txt", key.toString());
    // the plain scp of the archive itself is refused: root's 0700 directory (why the item fetches)
    ExecResult direct =
        vps.fromWorkstation(
            List.of(
                "bash",
                "-c",
                "cd " + ws + " && " + typed.apply("scp admin@SERVER:" + archive + " .")));
    assertNotEquals(0, direct.exitCode(), direct.toString());
    // scp's SFTP reports the unreadable directory as "No such file", older scp "Permission denied"
    assertTrue(direct.stderr().contains(archive), direct.stderr());
    assertTrue(
        Files.exists(vps.vpsPath(archive))
            && !Files.exists(ws.resolve(Path.of(archive).getFileName())),
        "the archive is there, the admin cannot read it");
    for (String c : List.of(fetch, copy, decrypt, cleanUp)) {
      ok(vps.fromWorkstation(List.of("bash", "-c", "cd " + ws + " && " + typed.apply(c))));
    }
    Path restore = ws.resolve("restore");
    assertEquals(
        Files.readString(vps.vpsPath(DATA + "/config.yaml")),
        Files.readString(restore.resolve("config.yaml")));
    assertTrue(Files.isRegularFile(restore.resolve(".env")), "restore/.env");
    assertTrue(Files.isSymbolicLink(restore.resolve("shadow")), "the link came back as a link");
    assertEquals(Path.of("/etc/shadow"), Files.readSymbolicLink(restore.resolve("shadow")));
    assertFalse(
        Files.exists(vps.vpsPath("/home/admin/hermes-" + stamp + ".tar.age")), "copy deleted");

    // the listing of the decrypted archive: the link is a link, no line of the password file
    Path local = ws.resolve("hermes-" + stamp + ".tar.age");
    ExecResult list =
        Commands.run(
            List.of(
                "sh", "-c", "age --decrypt -i \"$1\" \"$2\" | tar -tv", "sh", key + "", local + ""),
            null,
            MINUTE,
            ws);
    ok(list);
    assertTrue(list.stdout().lines().anyMatch(l -> l.endsWith(" ./config.yaml")), list.stdout());
    assertTrue(list.stdout().contains("./shadow -> /etc/shadow"), list.stdout());
    ExecResult shadow =
        Commands.run(
            List.of(
                "sh",
                "-c",
                "age --decrypt -i \"$1\" \"$2\" | grep -ac '^root:'",
                "sh",
                key + "",
                local + ""),
            null,
            MINUTE,
            ws);
    assertEquals("0", shadow.stdout().strip(), "no line of /etc/shadow is in the archive");
  }

  /**
   * The VPS's own files that contain {@code text} ({@code grep -rF}, no link followed, devices,
   * FIFOs and sockets skipped), as the VPS sees them.
   */
  private static List<String> vpsFilesContaining(SandboxVps vps, String text) throws Exception {
    List<String> argv =
        new java.util.ArrayList<>(List.of("grep", "-rlF", "-D", "skip", "-e", text));
    argv.addAll(VPS_OWN);
    ExecResult r = vps.inVps(argv);
    // dockerd's network namespace handles cannot be read as files (EINVAL): nothing else may fail
    List<String> errors =
        r.stderr().lines().filter(l -> !l.startsWith("grep: /run/docker/netns/")).toList();
    assertTrue(r.exitCode() <= 2 && errors.isEmpty(), r.toString());
    return r.stdout().lines().toList();
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The backup the age test above installed, run again after the package left the server. */
  @Test
  @Order(4)
  @Timeout(120)
  void withAgeGoneFromTheServerTheRunSaysSoAndMakesNoArchive(SandboxVps vps) throws Exception {
    needAge();
    String dir = BackupScript.DIR;
    ExecResult before = vps.inVps(List.of("ls", "-A", dir));
    ok(before);
    // "removed" inside the VPS's own mount namespace only: an overlay whose top layer holds a
    // whiteout (a 0/0 character device) for /usr/bin/age; this machine's /usr/bin is untouched
    ok(vps.inVps(List.of("install", "-d", "-m", "0700", "/run/hh-no-age")));
    ok(vps.inVps(List.of("mknod", "/run/hh-no-age/age", "c", "0", "0")));
    ok(
        vps.inVps(
            List.of(
                "mount",
                "-t",
                "overlay",
                "overlay",
                "-o",
                "lowerdir=/run/hh-no-age:/usr/bin",
                "/usr/bin")));
    try {
      assertNotEquals(0, vps.inVps(List.of("sh", "-c", "command -v age")).exitCode(), "hidden");
      ExecResult run = vps.inVps(List.of("systemctl", "start", BackupScript.SERVICE));
      assertNotEquals(0, run.exitCode(), run.toString());
      assertTrue(
          run.stderr()
              .contains(
                  "hermes-harden-backup: age is not installed (apt-get install age); no backup made"),
          run.toString());
      assertEquals(before.stdout(), vps.inVps(List.of("ls", "-A", dir)).stdout(), "no archive");
    } finally {
      // lazily: umount itself runs from the overlay, which keeps it busy
      ok(vps.inVps(List.of("umount", "--lazy", "/usr/bin")));
    }
  }
}
