package dev.hermesharden.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.fixes.backups.BackupScript;
import dev.hermesharden.host.ExecResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * run that outgrows the size cap fails and leaves no archive.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupScriptSandboxTest {
  private static final String HOME = "/home/hermes/.hermes";
  private static final String DEST = "/var/lib/hh-backup-test/archives";
  private static final String PASS = "/var/lib/hh-backup-test/backup.pass";
  private static final String SCRIPT = "/var/lib/hh-backup-test/backup.sh";

  private static void ok(ExecResult r) {
    assertEquals(0, r.exitCode(), r.argv() + "\n" + r.stdout() + r.stderr());
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

    ExecResult content =
        vps.inVps(
            List.of(
                "sh",
                "-c",
                "gpg --batch --quiet --pinentry-mode loopback --passphrase-file "
                    + PASS
                    + " --decrypt "
                    + DEST
                    + "/"
                    + archive
                    + " | tar -tv"));
    ok(content);
    String t = content.stdout();
    assertTrue(t.contains("./shadow -> /etc/shadow"), "the link itself is stored:\n" + t);
    assertTrue(t.contains("./rootdir -> /"), t);
    assertTrue(t.lines().anyMatch(l -> l.startsWith("p") && l.endsWith("./pipe")), t);
    ExecResult shadow =
        vps.inVps(
            List.of(
                "sh",
                "-c",
                "gpg --batch --quiet --pinentry-mode loopback --passphrase-file "
                    + PASS
                    + " --decrypt "
                    + DEST
                    + "/"
                    + archive
                    + " | grep -ac '^root:'"));
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
}
