package dev.hermesharden.sandbox;

import static dev.hermesharden.sandbox.Cli.audit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermesharden.checks.watch.WatchBaseline;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.system.compose.AliasBomb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The later steps (containers, watch) against a hostile service account and the truth tried in the
 * sandbox VPS: each method puts the VPS in a state a check once called safe, proves it unsafe by
 * trying it (a file a container writes into the host's {@code /etc}, a key that really logs in, a
 * script the agent can rewrite that cron's {@code run-parts} really runs as root), and asserts the
 * check now fails. Each method undoes its setup in {@code finally}.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
class LaterStepsHostileSandboxTest {
  private static final String COMPOSE = "/opt/hermes/docker-compose.yml";

  @Test
  @Timeout(300)
  void aContainerMountingBelowEtcOrAboveDockersSocketIsNoPass(SandboxVps vps) throws Exception {
    // the truth: from inside the container, root's cron and Docker's socket are at hand
    hermesMounting(
        vps,
        "      - /etc/cron.d:/hostcron\n      - /run:/hostrun\n",
        "",
        "echo '* * * * * root id' > /hostcron/hh-escape && test -S /hostrun/docker.sock",
        "/etc/cron.d/hh-escape",
        () -> {
          JsonNode mounts = audit(vps, "containers").get("containers.no-host-mounts");
          assertEquals("FAIL", mounts.get("status").asText(), mounts.toString());
          assertTrue(mounts.toString().contains("/etc/cron.d"), mounts.toString());
          assertTrue(mounts.toString().contains("/run"), mounts.toString());
        });
  }

  /**
   * A named volume of the local driver with {@code o=bind,device=/etc/cron.d}: Docker reports a
   * mount of type {@code volume} from {@code /var/lib/docker/volumes/…}, and the container writes
   * root's cron all the same. The volume's own options say where it really is.
   */
  @Test
  @Timeout(300)
  void aNamedVolumeBoundToEtcIsNoPass(SandboxVps vps) throws Exception {
    ExecResult vol =
        vps.inVps(
            List.of(
                "docker",
                "volume",
                "create",
                "--driver",
                "local",
                "--opt",
                "type=none",
                "--opt",
                "o=bind",
                "--opt",
                "device=/etc/cron.d",
                "hh-etc"));
    assertEquals(0, vol.exitCode(), vol.stderr());
    try {
      hermesMounting(
          vps,
          "      - hh-etc:/hostcron\n",
          "volumes:\n  hh-etc:\n    external: true\n",
          "echo '* * * * * root id' > /hostcron/hh-escape-volume",
          "/etc/cron.d/hh-escape-volume",
          () -> {
            JsonNode mounts = audit(vps, "containers").get("containers.no-host-mounts");
            assertEquals("FAIL", mounts.get("status").asText(), mounts.toString());
            assertTrue(mounts.toString().contains("/etc/cron.d"), mounts.toString());
          });
    } finally {
      vps.inVps(List.of("docker", "volume", "rm", "hh-etc"));
    }
  }

  /**
   * Hermes' container started again with {@code mounts} added to its volumes ({@code tail} after
   * the compose file), the escape {@code inside} it proven by the file it leaves on the VPS at
   * {@code wrote}; {@code then} runs in that state. Afterwards the file is gone and the container
   * is as before.
   */
  private static void hermesMounting(
      SandboxVps vps, String mounts, String tail, String inside, String wrote, Then then)
      throws Exception {
    Path compose = vps.vpsPath(COMPOSE);
    String original = Files.readString(compose);
    String data = "      - ./data:/opt/data\n";
    Files.writeString(compose, original.replace(data, data + mounts) + tail);
    try {
      ExecResult up = vps.inVps(List.of("sh", "-c", "cd /opt/hermes && docker-compose up -d"));
      assertEquals(0, up.exitCode(), up.stdout() + up.stderr());
      ExecResult write = vps.inVps(List.of("docker", "exec", "hermes", "sh", "-c", inside));
      assertEquals(0, write.exitCode(), write.stdout() + write.stderr());
      assertTrue(Files.exists(vps.vpsPath(wrote)), "the container wrote " + wrote);
      then.run();
    } finally {
      Files.writeString(compose, original);
      Files.deleteIfExists(vps.vpsPath(wrote));
      vps.inVps(List.of("sh", "-c", "cd /opt/hermes && docker-compose up -d"));
    }
  }

  private interface Then {
    void run() throws Exception;
  }

  /**
   * The agent's key file as a link to a file of its own (sshd follows it: the key logs in), as a
   * FIFO, and as 20 MiB of comments before a key: {@code watch.service-keys} must end, and never
   * say PASS. (Tried; it held: a link or FIFO is refused unread, an oversized file is not read.)
   */
  @Test
  @Timeout(300)
  void anAuthorizedKeysLinkFifoOrHugeFileIsNeitherFollowedNorPassed(SandboxVps vps)
      throws Exception {
    vps.serviceAccount();
    String pub = Files.readString(Path.of(vps.workstationKey() + ".pub")).strip();
    List<String> plants =
        List.of(
            "printf '%s\\n' \"$K\" > ~/keys.txt && ln -sfn ~/keys.txt ~/.ssh/authorized_keys",
            "mkfifo ~/.ssh/authorized_keys",
            "head -c 20971520 /dev/zero | tr '\\0' '#' > ~/.ssh/authorized_keys"
                + " && printf '\\n%s\\n' \"$K\" >> ~/.ssh/authorized_keys");
    try {
      for (String plant : plants) {
        ExecResult p =
            vps.inVps(
                SandboxVps.asHermes(
                    "K='"
                        + pub
                        + "'; mkdir -p -m 700 ~/.ssh && rm -f ~/.ssh/authorized_keys && "
                        + plant));
        assertEquals(0, p.exitCode(), plant + ": " + p.stderr());
        JsonNode keys = audit(vps, "watch").get("watch.service-keys");
        assertTrue(!keys.get("status").asText().equals("PASS"), plant + ": " + keys);
      }
      // the truth for the link: sshd follows it and the key logs in
      vps.inVps(
          SandboxVps.asHermes(
              "rm -f ~/.ssh/authorized_keys && ln -s ~/keys.txt ~/.ssh/authorized_keys"));
      ExecResult login =
          vps.fromWorkstation(vps.ssh("hermes@" + SandboxVps.VPS_PUBLIC, "id", "-un"));
      assertEquals(0, login.exitCode(), login.stdout() + login.stderr());
    } finally {
      Files.deleteIfExists(vps.vpsPath("/home/hermes/.ssh/authorized_keys"));
      Files.deleteIfExists(vps.vpsPath("/home/hermes/keys.txt"));
    }
  }

  @Test
  @Timeout(300)
  void aCronDailyScriptTheAgentCanRewriteIsNoPass(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    Path crontab = vps.vpsPath("/etc/crontab");
    Path script = vps.vpsPath("/etc/cron.daily/hh-rotate");
    boolean hadCrontab = Files.exists(crontab);
    String before = hadCrontab ? Files.readString(crontab) : "";
    // Debian's /etc/crontab as the cron package ships it
    Files.writeString(
        crontab,
        "SHELL=/bin/sh\nPATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin\n"
            + "17 *\t* * *\troot\tcd / && run-parts --report /etc/cron.hourly\n"
            + "25 6\t* * *\troot\ttest -x /usr/sbin/anacron || { cd / && run-parts --report"
            + " /etc/cron.daily; }\n");
    Files.writeString(script, "#!/bin/sh\nexit 0\n");
    vps.inVps(List.of("chown", "hermes:hermes", "/etc/cron.daily/hh-rotate"));
    vps.inVps(List.of("chmod", "0755", "/etc/cron.daily/hh-rotate"));
    try {
      // the truth: run-parts runs it as root, and hermes can rewrite it
      ExecResult runs = vps.inVps(List.of("run-parts", "--test", "/etc/cron.daily"));
      assertTrue(runs.stdout().contains("/etc/cron.daily/hh-rotate"), runs.stdout());
      ExecResult rewrite =
          vps.inVps(SandboxVps.asHermes("echo 'id > /tmp/hh-pwned' >> /etc/cron.daily/hh-rotate"));
      assertEquals(0, rewrite.exitCode(), rewrite.stderr());
      JsonNode cron = audit(vps, "watch").get("watch.cron-writable");
      assertEquals("FAIL", cron.get("status").asText(), cron.toString());
      assertTrue(cron.toString().contains("/etc/cron.daily/hh-rotate"), cron.toString());
    } finally {
      Files.deleteIfExists(script);
      if (hadCrontab) {
        Files.writeString(crontab, before);
      } else {
        Files.deleteIfExists(crontab);
      }
    }
  }

  /**
   * An alias bomb ({@link AliasBomb}: 565 bytes of YAML that mean 9^9 leaves), written by the agent
   * into its own {@code config.yaml}. The watch step's facts (an mcp server's value hashed as text)
   * and the literal-secrets walk followed every alias: the run died of OutOfMemoryError or never
   * ended. A document whose aliases expand far beyond its own size is refused as YAML now.
   */
  @Test
  @Timeout(400)
  void anAliasBombInTheAgentsConfigNeitherHangsNorKillsTheAuditOrTheReview(SandboxVps vps)
      throws Exception {
    vps.serviceAccount();
    Path config = vps.vpsPath("/opt/hermes/data/config.yaml");
    String original = Files.readString(config);
    vps.inVps(List.of("chown", "-R", "hermes:hermes", "/opt/hermes/data"));
    try {
      // as Hermes itself does: the agent writes its own config.yaml
      ExecResult plant =
          vps.inVps(
              SandboxVps.asHermes(
                  "cat > /opt/hermes/data/config.yaml <<'Y'\n" + AliasBomb.YAML + "Y\n"));
      assertEquals(0, plant.exitCode(), plant.stderr());
      for (List<String> args :
          List.of(
              List.of("audit", "--step", "watch", "--json"),
              List.of("audit", "--step", "hermes-dir", "--json"),
              List.of("review"))) {
        ExecResult r =
            vps.hermesHardenInBackground(args.toArray(String[]::new))
                .await(java.time.Duration.ofSeconds(90));
        assertTrue(
            r.exitCode() == 0 || r.exitCode() == 3,
            args + " must end with a verdict, not " + r.exitCode() + ":\n" + tail(r.stdout()));
        assertTrue(!r.stdout().contains("OutOfMemoryError"), tail(r.stdout()));
      }
      JsonNode watch =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(vps.hermesHarden("audit", "--step", "watch", "--json").stdout());
      assertTrue(watch.toString().contains("watch.baseline"), watch.toString());
    } finally {
      Files.writeString(config, original);
      vps.inVps(List.of("chown", "-R", "root:root", "/opt/hermes/data"));
    }
  }

  /**
   * HERMES_HOME owned by the Hermes image's user, uid 10000, which has no name on the host (the
   * docker layout docs/threat-model.md accepts; {@code stat %U} says {@code UNKNOWN}): the fix's
   * first run makes a backup the check accepts, with tar running as uid 10000, not as root. (Tried
   * as an attack; it held: the fix uses the number.)
   */
  @Test
  @Timeout(400)
  void aHermesHomeOfTheImagesNamelessUidIsBackedUpAsThatUid() throws Exception {
    SandboxVps b = SandboxVps.startAnother();
    try {
      ExecResult own = b.inVps(List.of("chown", "-R", "10000:10000", "/opt/hermes/data"));
      assertEquals(0, own.exitCode(), own.stderr());
      b.inVps(List.of("chmod", "0700", "/opt/hermes/data"));
      ExecResult fix = b.javaMain(FixInVps.class.getName(), "backups", "backups.install");
      assertEquals(0, fix.exitCode(), "the first backup failed:\n" + fix.stdout() + fix.stderr());
      String script = Files.readString(b.vpsPath("/usr/local/sbin/hermes-harden-backup"));
      assertTrue(
          script.contains("setpriv --reuid=10000 --regid=10000 "),
          "tar as the directory's owner:\n" + script);
      Map<String, JsonNode> a = audit(b, "backups");
      JsonNode last = a.get("backups.last-archive");
      assertEquals("PASS", last.get("status").asText(), last.toString());
    } finally {
      b.close();
    }
  }

  /**
   * The agent turns its {@code config.yaml} into a link to a file outside HERMES_HOME (or a FIFO):
   * tar stores the link, and its listing still names {@code ./config.yaml}. The truth, by restoring
   * the archive: no config comes back. {@code restore-test}, the proof the check's own reason
   * defers to, reported a good restore (the link read out as an empty config). ({@code
   * backups.last-archive} still passes on tar's listing, which names no type: docs/backups.md.)
   */
  @Test
  @Timeout(400)
  void aConfigYamlThatIsALinkOrAFifoIsNoGoodBackup() throws Exception {
    SandboxVps b = SandboxVps.startAnother();
    try {
      b.serviceAccount();
      b.inVps(List.of("cp", "/opt/hermes/data/config.yaml", "/opt/hermes/config-elsewhere.yaml"));
      b.inVps(List.of("chown", "-R", "hermes:hermes", "/opt/hermes/data"));
      b.inVps(List.of("chmod", "0700", "/opt/hermes/data"));
      for (String plant :
          List.of(
              "ln -sfn /opt/hermes/config-elsewhere.yaml config.yaml",
              "rm -f config.yaml && mkfifo config.yaml")) {
        ExecResult p = b.inVps(SandboxVps.asHermes("cd /opt/hermes/data && " + plant));
        assertEquals(0, p.exitCode(), p.stderr());
        b.inVps(List.of("rm", "-rf", "/var/backups/hermes-harden"));
        ExecResult fix = b.javaMain(FixInVps.class.getName(), "backups", "backups.install");
        if (!fix.stdout().contains("systemctl start")) {
          b.inVps(List.of("/usr/local/sbin/hermes-harden-backup"));
        }
        // the truth: what a restore of the newest archive gives back as config.yaml
        ExecResult restored =
            b.inVps(
                List.of(
                    "sh",
                    "-c",
                    "a=$(ls /var/backups/hermes-harden/*.tar.gpg | tail -n 1); gpg --batch --quiet"
                        + " --pinentry-mode loopback --passphrase-file"
                        + " /etc/hermes-harden/backup.pass --decrypt \"$a\" | tar -tv"
                        + " ./config.yaml"));
        assertEquals(0, restored.exitCode(), plant + ": " + restored.stderr());
        assertTrue(
            !restored.stdout().startsWith("-"),
            "not a regular file in the archive: " + restored.stdout());
        ExecResult test = b.hermesHarden("restore-test");
        assertEquals(3, test.exitCode(), plant + ": " + test.stdout() + test.stderr());
      }
    } finally {
      b.close();
    }
  }

  /**
   * unattended-upgrades' own matcher, loaded from its script: is ORIGIN LABEL SUITE CODENAME
   * allowed?
   */
  private static final String UU_ALLOWS =
      "import importlib.machinery, sys, types\n"
          + "uu = importlib.machinery.SourceFileLoader('uu', '/usr/bin/unattended-upgrade')"
          + ".load_module()\n"
          + "uu.apt_pkg.init_config()\n"
          + "o = types.SimpleNamespace(origin=sys.argv[1], label=sys.argv[2], archive=sys.argv[3],"
          + " codename=sys.argv[4], component='main', site='deb.debian.org')\n"
          + "print(uu.is_allowed_origin(o, uu.get_allowed_origins()))\n";

  /**
   * {@code updates.security-origins} against unattended-upgrades' own matcher (its {@code
   * is_allowed_origin} over its {@code get_allowed_origins}, fed the real security archive's
   * Origin, Label, Suite and Codename from this machine's apt lists). It passed on origins the tool
   * does not allow: Debian's security suite is {@code oldstable-security}/{@code stable-security},
   * not {@code CODENAME-security} (that is its codename); the tool's fnmatch is case-sensitive; and
   * Debian's security label is {@code Debian-Security}, not {@code Debian}.
   */
  @Test
  @Timeout(300)
  void securityOriginsPassOnlyWhereUnattendedUpgradesItselfAllowsTheSecurityArchive(SandboxVps vps)
      throws Exception {
    Path release =
        Path.of(
            "/var/lib/apt/lists/deb.debian.org_debian-security_dists_bookworm-security_InRelease");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/unattended-upgrade")) && Files.exists(release),
        "needs unattended-upgrades and bookworm-security's InRelease on this machine");
    Map<String, String> f = new java.util.HashMap<>();
    for (String l : Files.readAllLines(release)) {
      int c = l.indexOf(": ");
      if (c > 0 && !l.startsWith(" ")) {
        f.putIfAbsent(l.substring(0, c), l.substring(c + 2).strip());
      }
    }
    Files.writeString(vps.vpsPath("/usr/local/sbin/hh-uu-allows.py"), UU_ALLOWS);
    // apt's lists as apt update leaves them: where the check reads the suite
    Path lists = vps.vpsPath("/var/lib/apt/lists");
    Files.createDirectories(lists);
    Files.copy(release, lists.resolve(release.getFileName()));
    Path conf = vps.vpsPath("/etc/apt/apt.conf.d/99zz-hh-origins");
    List<List<String>> table =
        List.of(
            List.of("allowed", "Debian:bookworm-security"),
            List.of("allowed", "${distro_id}:${distro_codename}-security"),
            List.of("pattern", "origin=debian,codename=bookworm-security"),
            List.of("pattern", "origin=Debian,codename=bookworm-security,label=Debian"),
            List.of("pattern", "origin=Debian,codename=${distro_codename}-security"),
            List.of("pattern", "origin=Debian,codename=${distro_codename},label=Debian-Security"),
            List.of("pattern", "o=Debian,a=" + f.get("Suite") + ",l=Debian-Security"));
    StringBuilder wrong = new StringBuilder();
    int allowedRows = 0;
    try {
      for (List<String> row : table) {
        String key =
            row.get(0).equals("allowed")
                ? "Unattended-Upgrade::Allowed-Origins"
                : "Unattended-Upgrade::Origins-Pattern";
        Files.writeString(
            conf,
            "#clear Unattended-Upgrade::Allowed-Origins;\n"
                + "#clear Unattended-Upgrade::Origins-Pattern;\n"
                + key
                + " { \""
                + row.get(1)
                + "\"; };\n");
        ExecResult truth =
            vps.inVps(
                List.of(
                    "python3",
                    "/usr/local/sbin/hh-uu-allows.py",
                    f.get("Origin"),
                    f.get("Label"),
                    f.get("Suite"),
                    f.get("Codename")));
        assertEquals(0, truth.exitCode(), truth.stderr());
        boolean allowed = truth.stdout().strip().equals("True");
        JsonNode c = audit(vps, "updates").get("updates.security-origins");
        boolean pass = c.get("status").asText().equals("PASS");
        allowedRows += allowed ? 1 : 0;
        if (pass != allowed) {
          wrong.append(pass ? "false PASS: " : "false alarm: ").append(row).append('\n');
        }
      }
    } finally {
      Files.deleteIfExists(conf);
      Files.deleteIfExists(lists.resolve(release.getFileName()));
    }
    assertEquals("", wrong.toString());
    assertTrue(allowedRows >= 2, "the tool allowed the controls: " + allowedRows);
  }

  /**
   * The agent starts a listener whose program is named {@code sshd} (a copy of python3: the kernel
   * names a process after its file): {@code ss} shows {@code users:(("sshd",…))} on 0.0.0.0, and
   * {@code watch.public-listeners} took it for the expected sshd. The truth: the workstation
   * connects to it. An expected name counts only for a socket root owns ({@code ss -e}).
   */
  @Test
  @Timeout(300)
  void aListenerTheAgentNamedSshdIsNoExpectedSshd(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    ExecResult copy = vps.inVps(SandboxVps.asHermes("cp /usr/bin/python3 /home/hermes/sshd"));
    assertEquals(0, copy.exitCode(), copy.stderr());
    SandboxVps.Background fake =
        vps.inVpsInBackground(
            SandboxVps.asHermes(
                "exec /home/hermes/sshd -c 'import socket,time;s=socket.socket();"
                    + "s.bind((\"0.0.0.0\",4445));s.listen();time.sleep(120)'"),
            Map.of());
    try {
      ExecResult ss = null;
      for (int n = 0; n < 50; n++) {
        ss = vps.inVps(List.of("ss", "-Htlnp", "sport", "=", ":4445"));
        if (ss.stdout().contains("\"sshd\"")) {
          break;
        }
        Thread.sleep(100);
      }
      assertTrue(ss.stdout().contains("users:((\"sshd\""), "ss names it sshd: " + ss.stdout());
      ExecResult reach =
          vps.fromWorkstation(
              List.of(
                  "timeout",
                  "5",
                  "bash",
                  "-c",
                  "exec 3<>/dev/tcp/" + SandboxVps.VPS_PUBLIC + "/4445"));
      assertEquals(0, reach.exitCode(), "the workstation reaches it: " + reach.stderr());
      JsonNode l = audit(vps, "watch").get("watch.public-listeners");
      assertEquals("FAIL", l.get("status").asText(), l.toString());
      assertTrue(l.toString().contains("0.0.0.0:4445"), l.toString());
    } finally {
      fake.stop();
      Files.deleteIfExists(vps.vpsPath("/home/hermes/sshd"));
    }
  }

  /**
   * {@code watch.sudoers} against the real {@code sudo -l -U hermes} over sudoers spellings that
   * name the agent without its plain name: by uid and gid, through aliases, quoted, escaped, with
   * {@code ALL} and negations. Any rule sudo applies to hermes must fail the check.
   */
  @Test
  @Timeout(400)
  void everySudoersSpellingThatLetsTheAgentUseSudoFails(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    String uid = vps.inVps(List.of("id", "-u", "hermes")).stdout().strip();
    String gid = vps.inVps(List.of("id", "-g", "hermes")).stdout().strip();
    List<String> rules =
        List.of(
            "#" + uid + " ALL=(ALL) /usr/bin/id",
            "%#" + gid + " ALL=(ALL) /usr/bin/id",
            "%hermes ALL=(ALL) /usr/bin/id",
            "User_Alias AGENTS = hermes\nAGENTS ALL=(ALL) /usr/bin/id",
            "User_Alias AGENTS = #" + uid + "\nAGENTS ALL=(ALL) /usr/bin/id",
            "\"hermes\" ALL=(ALL) /usr/bin/id",
            "herm\\es ALL=(ALL) /usr/bin/id",
            "ALL ALL=(ALL) /usr/bin/id",
            "ALL,!admin ALL=(ALL) /usr/bin/id",
            "admin, \\\n hermes ALL=(ALL) /usr/bin/id",
            "hermes ALL=(ALL:ALL) NOPASSWD: /usr/bin/id",
            "Defaults:hermes !authenticate\nhermes ALL=(ALL) /usr/bin/id",
            "Host_Alias H = ALL\nhermes H=(ALL) /usr/bin/id",
            "hermes vps1=(ALL) /usr/bin/id");
    Path f = vps.vpsPath("/etc/sudoers.d/zz-hh-spelling");
    StringBuilder wrong = new StringBuilder();
    List<String> granting = new java.util.ArrayList<>();
    try {
      for (String rule : rules) {
        Files.writeString(f, rule + "\n");
        Files.setPosixFilePermissions(
            f, java.nio.file.attribute.PosixFilePermissions.fromString("r--r-----"));
        ExecResult visudo =
            vps.inVps(List.of("visudo", "-c", "-f", "/etc/sudoers.d/zz-hh-spelling"));
        ExecResult sudo = vps.inVps(List.of("sudo", "-l", "-U", "hermes"));
        boolean grants = sudo.stdout().contains("/usr/bin/id");
        if (grants) {
          granting.add(rule);
        }
        JsonNode c = audit(vps, "watch").get("watch.sudoers");
        if (grants && c.get("status").asText().equals("PASS")) {
          wrong
              .append("false PASS (visudo ")
              .append(visudo.exitCode())
              .append("): ")
              .append(rule.replace("\n", " / "))
              .append('\n');
        }
      }
    } finally {
      Files.deleteIfExists(f);
    }
    assertEquals("", wrong.toString());
    // the truth can say yes: sudo applied most of them (a few spellings it does not know)
    assertTrue(granting.size() >= 10, "sudo granted only: " + granting);
  }

  /**
   * {@code watch.cron-writable} over cron entries that run the agent's code as root without an
   * absolute path to it. This machine has no cron daemon (and the test installs none): the truth is
   * what cron does with an entry (crontab(5): {@code SHELL -c COMMAND} as the entry's user, {@code
   * HOME} from passwd), done as root in the VPS — the agent's file records who ran it.
   */
  @Test
  @Timeout(300)
  void aCronEntryReachingTheAgentsFilesByTildeOrShellFails(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    ExecResult plant =
        vps.inVps(
            SandboxVps.asHermes(
                "printf '#!/bin/sh\\nid -u > /home/hermes/ran\\n' > /home/hermes/job.sh"
                    + " && cp /home/hermes/job.sh /home/hermes/sh"
                    + " && printf 'exec /bin/sh \"$@\"\\n' >> /home/hermes/sh"
                    + " && chmod 755 /home/hermes/job.sh /home/hermes/sh"));
    assertEquals(0, plant.exitCode(), plant.stderr());
    // crontab text, cron's SHELL for it, the command cron gives that shell
    List<List<String>> table =
        List.of(
            List.of("*/5 * * * * root ~hermes/job.sh\n", "/bin/sh", "~hermes/job.sh"),
            List.of("@daily root cd ~hermes && ./job.sh\n", "/bin/sh", "cd ~hermes && ./job.sh"),
            List.of(
                "SHELL=/home/hermes/sh\n*/5 * * * * root /bin/true\n",
                "/home/hermes/sh",
                "/bin/true"));
    Path cron = vps.vpsPath("/etc/cron.d/hh-tilde");
    StringBuilder wrong = new StringBuilder();
    try {
      for (List<String> row : table) {
        Files.deleteIfExists(vps.vpsPath("/home/hermes/ran"));
        Files.writeString(cron, row.get(0));
        ExecResult run =
            vps.inVps(
                List.of("env", "-i", "HOME=/root", "LOGNAME=root", row.get(1), "-c", row.get(2)));
        Path ran = vps.vpsPath("/home/hermes/ran");
        assertTrue(
            Files.exists(ran) && Files.readString(ran).strip().equals("0"),
            "root ran the agent's file for " + row + ": " + run.stderr());
        JsonNode c = audit(vps, "watch").get("watch.cron-writable");
        if (!c.get("status").asText().equals("FAIL")) {
          wrong.append("false PASS: ").append(row.get(0).replace("\n", " / ")).append('\n');
        }
      }
    } finally {
      Files.deleteIfExists(cron);
      Files.deleteIfExists(vps.vpsPath("/home/hermes/ran"));
    }
    assertEquals("", wrong.toString());
  }

  /**
   * The baseline cuts a name at 200 characters: a skill the agent adds after the baseline, whose
   * name shares its first 200 characters with one already there, became the same entry, and the
   * watch step (and the monthly review) saw no drift. The truth: a new skill directory.
   */
  @Test
  @Timeout(300)
  void aSkillAddedAfterTheBaselineIsDriftWhateverItsName(SandboxVps vps) throws Exception {
    String stem = "a".repeat(200);
    Path skills = vps.vpsPath("/opt/hermes/data/skills");
    Files.createDirectories(skills.resolve(stem + "-first"));
    try {
      ExecResult fix = vps.javaMain(FixInVps.class.getName(), "watch", "watch.baseline");
      assertEquals(0, fix.exitCode(), fix.stdout() + fix.stderr());
      Files.createDirectories(skills.resolve(stem + "-second"));
      assertTrue(Files.isDirectory(skills.resolve(stem + "-second")), "the truth: a new skill");
      JsonNode b = audit(vps, "watch").get("watch.baseline");
      assertTrue(
          b.get("details").toString().contains("+ hermes skill " + "a".repeat(20)),
          "the new skill is drift: " + b);
    } finally {
      vps.inVps(List.of("rm", "-rf", "/opt/hermes/data/skills", WatchBaseline.PATH));
    }
  }

  /**
   * HERMES_HOME root's, a subdirectory the agent's: the backup's tar then runs as root. The agent
   * swaps {@code sub/d} for a link to {@code /root} and back in a loop while root makes 25 backups;
   * no archive may hold root's canary. (Tried; it held: GNU tar opens every entry below its start
   * without following a link.)
   */
  @Test
  @Timeout(400)
  void aDirectorySwappedForALinkDuringARootBackupLeaksNothing(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    String home = "/opt/hh-home";
    String dest = "/var/lib/hh-race/archives";
    String pass = "/var/lib/hh-race/backup.pass";
    String canary = "hh-canary-" + Long.toHexString(System.nanoTime());
    Files.writeString(vps.vpsPath("/root/hh-canary"), canary + "\n");
    vps.inVps(List.of("chmod", "0600", "/root/hh-canary"));
    vps.inVps(List.of("install", "-d", "-m", "0755", home, "/var/lib/hh-race"));
    vps.inVps(List.of("install", "-d", "-o", "hermes", "-g", "hermes", home + "/sub"));
    ExecResult fill =
        vps.inVps(
            SandboxVps.asHermes(
                "mkdir -p "
                    + home
                    + "/sub/d && for i in $(seq 1 300); do echo $i > "
                    + home
                    + "/sub/d/f$i; done"));
    assertEquals(0, fill.exitCode(), fill.stderr());
    Files.writeString(
        vps.vpsPath("/var/lib/hh-race/backup.sh"),
        dev.hermesharden.fixes.backups.BackupScript.script(
            new dev.hermesharden.fixes.backups.BackupScript.Settings(
                home, "root", "root", "", 30, 64),
            dest,
            pass));
    SandboxVps.Background swap =
        vps.inVpsInBackground(
            SandboxVps.asHermes(
                "cd "
                    + home
                    + "/sub && while :; do mv -T d d.x; ln -s /root d; rm d;"
                    + " mv -T d.x d; done"),
            Map.of());
    int made = 0;
    try {
      for (int n = 0; n < 25; n++) {
        ExecResult run = vps.inVps(List.of("bash", "-x", "/var/lib/hh-race/backup.sh"));
        made += run.exitCode() == 0 ? 1 : 0;
        if (run.exitCode() != 0) {
          System.out.println(
              "backup failed: " + run.exitCode() + " " + run.stdout() + run.stderr());
        }
        Thread.sleep(1100); // one archive per second (its name is the time)
      }
      ExecResult leak =
          vps.inVps(
              List.of(
                  "sh",
                  "-c",
                  "for a in "
                      + dest
                      + "/*.tar.gpg; do gpg --batch --quiet --pinentry-mode loopback"
                      + " --passphrase-file "
                      + pass
                      + " --decrypt \"$a\" | grep -ac "
                      + canary
                      + "; done; true"));
      // tar says "file changed as we read it" (exit 1) under the swap: the run must still make
      // its archive (before, not one of 25 was made)
      assertTrue(made >= 20, "backups made under the agent's writes: " + made + " of 25");
      assertTrue(
          leak.stdout().lines().allMatch(l -> l.strip().equals("0")),
          "root's canary in an archive: " + leak.stdout());
      assertEquals(made, leak.stdout().lines().count(), leak.stderr());
    } finally {
      swap.stop();
      vps.inVps(List.of("rm", "-rf", home, "/var/lib/hh-race", "/root/hh-canary"));
    }
  }

  private static String tail(String s) {
    return s.length() > 3000 ? "…" + s.substring(s.length() - 3000) : s;
  }
}
