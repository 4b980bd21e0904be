package dev.hermesharden.sandbox;

import static dev.hermesharden.sandbox.Cli.assertStatus;
import static dev.hermesharden.sandbox.Cli.audit;
import static dev.hermesharden.sandbox.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermesharden.host.ExecResult;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 9, "the agent is the attacker": each way a hostile {@code hermes} account got root or
 * root-only data, tried again on a sandbox VPS by a process of that account, with the wizard
 * running as root. Races run the attacker's loop during at least fifty applies of the production
 * fix ({@link RaceInVps}). After each attack the root-owned targets must be unchanged — owner, mode
 * and content — and the step must end in a clear refusal or a correct result.
 *
 * <p>Caveat: the methods share one VPS and run in order; the first gives HERMES_HOME to hermes, as
 * the wizard's step 7 does on a real server, which is what makes the later attacks possible.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileAccountSandboxTest {
  static final String DATA = "/opt/hermes/data";

  /**
   * A root file the attacker aims links at: mode 0753, so a stray {@code chmod o-w} would show.
   * Every account may write its content (o+w), so only its owner and mode are compared.
   */
  static final String TARGET = "/opt/hh-target";

  /** A root file nobody else may read or write: owner, mode and content are compared. */
  static final String SECRET = "/opt/hh-secret";

  static final List<String> ROOT_FILES =
      List.of("/etc/shadow", "/etc/passwd", "/etc", SECRET, TARGET, "/usr/local/sbin");

  /** Files whose content may change for good reasons (usermod edits passwd; TARGET is o+w). */
  static final List<String> MODE_ONLY = List.of(TARGET, "/etc/passwd");

  /** Owner, group, mode, type and (but for {@link #MODE_ONLY}) sha256 of each root file. */
  static Map<String, String> snapshot(SandboxVps vps) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String p : ROOT_FILES) {
      // "regular empty file" is the same file: whoever may write it may empty it
      String st =
          vps.inVps(List.of("stat", "-c", "%u:%g %a %F", p))
              .stdout()
              .strip()
              .replace("regular empty file", "regular file");
      String sum =
          MODE_ONLY.contains(p)
              ? ""
              : vps.inVps(
                      List.of(
                          "sh", "-c", "[ -f \"$1\" ] && sha256sum < \"$1\" || echo dir", "sh", p))
                  .stdout()
                  .strip();
      out.put(p, st + " " + sum);
    }
    return out;
  }

  static String asHermes(SandboxVps vps, String script) throws IOException {
    ExecResult r = vps.inVps(SandboxVps.asHermes(script));
    return r.stdout() + r.stderr();
  }

  @Test
  @Order(1)
  void setUpTheServiceAccountAndTheTargets(SandboxVps vps) throws Exception {
    run(vps, 0, "apply", "--step", "users", "--yes");
    // steps 2 to 6 are not what this class is about: skipped, so steps 7 to 9 unlock
    for (String step : List.of("ssh-keys", "private-path", "firewall", "sshd", "fail2ban")) {
      run(vps, 0, "skip", "--step", step, "--kind", "LATER", "--reason", "tested elsewhere");
    }
    vps.inVps(List.of("sh", "-c", "printf 'target\\n' >" + TARGET + " && chmod 0753 " + TARGET));
    vps.inVps(List.of("sh", "-c", "printf 'secret\\n' >" + SECRET + " && chmod 0600 " + SECRET));
    assertEquals(
        "0:0 753 regular file",
        vps.inVps(List.of("stat", "-c", "%u:%g %a %F", TARGET)).stdout().strip());
    assertTrue(asHermes(vps, "id -un").contains("hermes"));
  }

  /**
   * Finding 1: a compose file under ~hermes (and one under another user's home) maps /etc to
   * /opt/data. The audit must not take /etc for HERMES_HOME, and the hermes-dir fix must not touch
   * it.
   */
  @Test
  @Order(2)
  void aComposeFileOfTheAgentCannotMakeEtcHermesHome(SandboxVps vps) throws Exception {
    asHermes(
        vps,
        "mkdir -p ~/hermes-agent && printf 'services:\\n  hermes:\\n    image:"
            + " nousresearch/hermes-agent:latest\\n    volumes:\\n      - /etc:/opt/data\\n'"
            + " >~/hermes-agent/docker-compose.yml");
    vps.inVps(List.of("useradd", "-m", "-s", "/bin/bash", "bob"));
    vps.inVps(
        SandboxVps.asUser(
            "bob",
            "mkdir -p ~/hermes-agent && printf 'services:\\n  h:\\n    volumes: [\"/root:/opt/data\"]\\n'"
                + " >~/hermes-agent/docker-compose.yml"));
    Map<String, String> before = snapshot(vps);
    // the real project's compose file out of the way and its container stopped (what runs comes
    // first): the hostile files are what is found
    vps.inVps(List.of("mv", "/opt/hermes/docker-compose.yml", "/opt/hermes/compose.off"));
    vps.inVps(List.of("docker", "stop", "hermes"));
    try {
      Map<String, JsonNode> a = audit(vps, "hermes-dir");
      JsonNode found = a.get("hermes-dir.found");
      assertEquals(DATA, found.get("details").path("path").asText(), found.toString());
      String refused = found.get("details").toString();
      assertTrue(
          refused.contains("/etc (/home/hermes/hermes-agent/docker-compose.yml): system-directory"),
          refused);
      assertTrue(
          refused.contains("/root (/home/bob/hermes-agent/docker-compose.yml): system-directory"),
          refused);
      String plan = run(vps, 0, "plan", "--step", "hermes-dir");
      assertFalse(plan.contains(" /etc"), plan);
      run(vps, 0, "apply", "--step", "hermes-dir", "--yes");
    } finally {
      vps.inVps(List.of("mv", "/opt/hermes/compose.off", "/opt/hermes/docker-compose.yml"));
      vps.inVps(List.of("docker", "start", "hermes"));
    }
    assertEquals(before, snapshot(vps), "root's files unchanged");
    assertEquals(
        "hermes 700",
        vps.inVps(List.of("stat", "-c", "%U %a", DATA)).stdout().strip(),
        "the real HERMES_HOME was fixed");
    assertStatus(audit(vps, "hermes-dir"), "hermes-dir.directory", "PASS");
  }

  /**
   * Finding 2: the agent's compose file adds a service that mounts / ; so does another user's. Root
   * must rewrite ports but never start containers from either.
   */
  @Test
  @Order(3)
  void rootNeverStartsContainersFromAComposeFileTheAgentCanChange(SandboxVps vps) throws Exception {
    String evil =
        "services:\\n  hermes:\\n    image: nousresearch/hermes-agent:latest\\n    ports:\\n"
            + "      - \"18642:8642\"\\n  pwn:\\n    image: nousresearch/hermes-agent:latest\\n"
            + "    volumes: [\"/:/h\"]\\n    entrypoint: [\"/bin/sh\", \"-c\","
            + " \"echo pwned >/h/etc/hh-pwned; sleep 600\"]\\n";
    asHermes(vps, "printf '" + evil + "' >~/hermes-agent/docker-compose.yml");
    vps.inVps(SandboxVps.asUser("bob", "printf '" + evil + "' >~/hermes-agent/docker-compose.yml"));
    Map<String, String> before = snapshot(vps);
    // with no Hermes container running, the usual places are searched, the homes among them
    vps.inVps(List.of("docker", "stop", "hermes"));
    try {
      composeFromTheAgentIsNeverStarted(vps);
    } finally {
      vps.inVps(List.of("docker", "start", "hermes"));
    }
    assertEquals(before, snapshot(vps), "root's files unchanged");
  }

  private static void composeFromTheAgentIsNeverStarted(SandboxVps vps) throws Exception {
    Map<String, JsonNode> a = audit(vps, "docker");
    assertStatus(a, "docker.compose-root-only", "FAIL");
    String why = a.get("docker.compose-root-only").get("reason").asText();
    assertTrue(why.contains("up -d --no-build"), why);

    // the fix recreates only root's project; Hermes then runs from root's file again, and what
    // runs is what is judged: the step ends verified
    String out = run(vps, 0, "apply", "--step", "docker", "--yes");
    assertFalse(out.contains("/home/hermes/hermes-agent/docker-compose.yml up"), out);
    ExecResult ps = vps.inVps(List.of("docker", "ps", "-a", "--format", "{{.Names}}"));
    assertFalse(ps.stdout().contains("pwn"), "a container of the hostile file ran: " + ps.stdout());
    assertEquals(1, vps.inVps(List.of("test", "-e", "/etc/hh-pwned")).exitCode(), "/etc/hh-pwned");
    // the ports were still rewritten, with the agent's own rights
    ExecResult file =
        vps.inVps(List.of("stat", "-c", "%U", "/home/hermes/hermes-agent/docker-compose.yml"));
    assertEquals("hermes", file.stdout().strip());
    String text =
        vps.inVps(List.of("cat", "/home/hermes/hermes-agent/docker-compose.yml")).stdout();
    assertTrue(text.contains("127.0.0.1:18642:8642"), text);
  }

  /**
   * Finding 3: during the approvals fix the agent renames a link to /etc/shadow (or the target)
   * over every temp file in HERMES_HOME, fifty rounds.
   */
  @Test
  @Order(4)
  void aLinkRenamedOverTheTempFileNeverReachesRootsFiles(SandboxVps vps) throws Exception {
    giveHermesHomeToHermes(vps);
    Map<String, String> before = snapshot(vps);
    SandboxVps.Background attacker =
        vps.inVpsInBackground(
            SandboxVps.asHermes(
                "cd "
                    + DATA
                    + " || exit 1; i=0; while :; do i=$((i+1));"
                    + " for t in .*.hh-tmp .*.hh-tmp*; do [ -e \"$t\" ] || [ -L \"$t\" ] || continue;"
                    + " if [ $((i % 2)) = 0 ]; then ln -sfn /etc/shadow \"$t.l\"; else ln -sfn "
                    + TARGET
                    + " \"$t.l\"; fi; mv -fT \"$t.l\" \"$t\" 2>/dev/null; done; done"),
            Map.of());
    String rounds;
    try {
      rounds =
          race(
              vps,
              "approvals",
              "approvals.env",
              "50",
              "printf 'HERMES_YOLO_MODE=1\\nAPI_SERVER_ENABLED=true\\n' >"
                  + DATA
                  + "/.env.new"
                  + " && mv -f "
                  + DATA
                  + "/.env.new "
                  + DATA
                  + "/.env");
    } finally {
      attacker.stop();
    }
    assertRounds(rounds, 50);
    assertEquals(before, snapshot(vps), "root's files unchanged after 50 raced applies");
    // A round the agent won leaves its own link as .env (it could make one any time): that is
    // the agent's file, never followed — the audit names it, and root read nothing through it.
    String env = vps.inVps(List.of("stat", "-c", "%U %F", DATA + "/.env")).stdout().strip();
    if (env.equals("hermes symbolic link")) {
      assertStatus(audit(vps, "hermes-dir"), "hermes-dir.env-file", "FAIL");
      asHermes(vps, "cd " + DATA + " && rm -f .env && : >.env && chmod 600 .env");
    } else {
      assertEquals("hermes regular file", env);
    }
  }

  /**
   * Findings 4 and 7: while the hermes-dir fix runs, the agent swaps a world-writable file for a
   * link to a root file, and a root-owned file (which the fix gives to hermes) for a link or a hard
   * link; fifty rounds.
   */
  @Test
  @Order(5)
  void swappingFilesDuringTheHermesDirFixNeverChangesRootsFiles(SandboxVps vps) throws Exception {
    giveHermesHomeToHermes(vps);
    Map<String, String> before = snapshot(vps);
    SandboxVps.Background attacker =
        vps.inVpsInBackground(
            SandboxVps.asHermes(
                "cd "
                    + DATA
                    // a plain world-writable file for a moment (so the fix plans for it), then a
                    // link to root's file for a moment (when the fix acts on it), and again
                    + " || exit 1; while :; do"
                    + " rm -f w; : >w; chmod 666 w; sleep 0.02; ln -sfn "
                    + TARGET
                    + " w.l; mv -fT w.l w 2>/dev/null; sleep 0.02;"
                    + " for r in root.*; do [ -e \"$r\" ] || continue; ln -sfn "
                    + SECRET
                    + " \"$r.l\"; mv -fT \"$r.l\" \"$r\" 2>/dev/null;"
                    + " ln -f "
                    + SECRET
                    + " \"$r.h\" 2>/dev/null && mv -fT \"$r.h\" \"$r\"; done;"
                    + " done"),
            Map.of());
    String rounds;
    try {
      rounds =
          race(
              vps,
              "hermes-dir",
              "hermes-dir.permissions",
              "50",
              "chmod 755 " + DATA + "; : >" + DATA + "/w; chmod 666 " + DATA + "/w",
              "mktemp -p " + DATA + " root.XXXXXX");
    } finally {
      attacker.stop();
    }
    assertRounds(rounds, 50);
    assertEquals(before, snapshot(vps), "root's files unchanged after 50 raced applies");
  }

  /**
   * Finding 7: a newline in a world-writable file's name used to add a path outside HERMES_HOME.
   */
  @Test
  @Order(6)
  void aNewlineInANameCannotAddAPathOutsideHermesHome(SandboxVps vps) throws Exception {
    Map<String, String> before = snapshot(vps);
    asHermes(
        vps,
        "cd " + DATA + " && f=\"$(printf 'x\\n" + TARGET + "')\" && : >\"$f\" && chmod 666 \"$f\"");
    String plan = run(vps, 0, "plan", "--step", "hermes-dir");
    assertFalse(plan.lines().anyMatch(l -> l.strip().equals(TARGET)), plan);
    run(vps, 0, "apply", "--step", "hermes-dir", "--yes");
    assertEquals(before, snapshot(vps), "root's files unchanged");
    assertStatus(audit(vps, "hermes-dir"), "hermes-dir.no-world-writable", "PASS");
    asHermes(vps, "cd " + DATA + " && rm -f \"$(printf 'x\\n" + TARGET + "')\" w root.*");
  }

  /**
   * Findings 5 and 6: .env linked to /etc/shadow and auth.json to /etc/passwd. Nothing of shadow
   * may show in a plan or land in HERMES_HOME, and no chmod may follow the links.
   */
  @Test
  @Order(7)
  void linkedSecretsFilesAreFindingsNeverFollowed(SandboxVps vps) throws Exception {
    asHermes(
        vps,
        "cd "
            + DATA
            + " && mv .env env.real && ln -s /etc/shadow .env && ln -sfn /etc/passwd auth.json");
    vps.inVps(List.of("chmod", "0644", "/etc/passwd"));
    Map<String, String> before = snapshot(vps);
    String shadowRoot =
        vps.inVps(List.of("sh", "-c", "grep '^root:' /etc/shadow")).stdout().strip();
    try {
      Map<String, JsonNode> a = audit(vps, "hermes-dir");
      assertStatus(a, "hermes-dir.env-file", "FAIL");
      assertTrue(a.get("hermes-dir.env-file").get("reason").asText().contains("symbolic link"));
      assertStatus(a, "hermes-dir.auth-file", "FAIL");
      ExecResult plan = vps.hermesHarden("plan", "--step", "approvals");
      assertFalse((plan.stdout() + plan.stderr()).contains(shadowRoot), "shadow shown in plan");
      // exit 3: the linked files stay a finding; nothing follows them
      run(vps, 3, "apply", "--step", "hermes-dir", "--yes");
      vps.hermesHarden("apply", "--step", "approvals", "--yes");
      ExecResult grep = vps.inVps(List.of("grep", "-rlF", shadowRoot, DATA));
      assertEquals("", grep.stdout(), "shadow content copied into HERMES_HOME");
    } finally {
      asHermes(vps, "cd " + DATA + " && rm -f .env auth.json && mv env.real .env");
    }
    assertEquals(before, snapshot(vps), "root's files unchanged");
  }

  /**
   * Finding 9: a FIFO, a link to /dev/zero, a 1 GiB sparse file and a 100 MB file where Hermes'
   * files should be. The audit and the plan must finish, small, with a finding for each.
   */
  @Test
  @Order(8)
  void trapsInPlaceOfFilesEndInFindingsNotHangsOrMemory(SandboxVps vps) throws Exception {
    asHermes(vps, "cd " + DATA + " && mv .env env.real && mv config.yaml config.real");
    try {
      for (String trap :
          List.of(
              "mkfifo .env && ln -s /dev/zero config.yaml",
              "truncate -s 1G .env && head -c 104857600 /dev/zero | tr '\\\\0' a >config.yaml")) {
        asHermes(vps, "cd " + DATA + " && rm -f .env config.yaml && " + trap);
        long t0 = System.nanoTime();
        ExecResult audit = vps.javaMainSmall("dev.hermesharden.cli.Main", "audit", "--json");
        ExecResult plan =
            vps.javaMainSmall("dev.hermesharden.cli.Main", "plan", "--step", "approvals");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 90_000, trap + ": took " + ms + " ms");
        assertEquals(3, audit.exitCode(), trap + "\n" + audit.stderr());
        assertTrue(
            plan.exitCode() == 0 || plan.exitCode() == 2 || plan.exitCode() == 3,
            trap + ": plan exit " + plan.exitCode() + "\n" + plan.stdout() + plan.stderr());
        assertFalse(
            (audit.stdout() + audit.stderr() + plan.stderr()).contains("OutOfMemoryError"), trap);
      }
    } finally {
      asHermes(
          vps,
          "cd "
              + DATA
              + " && rm -f .env config.yaml && mv env.real .env && mv config.real config.yaml");
    }
  }

  /**
   * Finding 11: a drop-in that is not valid UTF-8 (sshd reads bytes) used to turn every sshd check
   * into ERROR "cannot read".
   */
  @Test
  @Order(9)
  void anSshdDropInThatIsNotUtf8IsStillJudged(SandboxVps vps) throws Exception {
    String dropIn = "/etc/ssh/sshd_config.d/60-latin1.conf";
    vps.inVps(List.of("sh", "-c", "printf '# caf\\351 (Latin-1)\\nMaxSessions 4\\n' >" + dropIn));
    try {
      assertTrue(
          vps.inVps(List.of("od", "-An", "-tx1", dropIn)).stdout().contains(" e9 "),
          "the drop-in holds the byte 0xe9, which is not UTF-8");
      Map<String, JsonNode> a = audit(vps, "sshd");
      a.forEach((id, c) -> assertFalse(c.get("status").asText().equals("ERROR"), c.toString()));
      assertStatus(a, "sshd.config-valid", "PASS");
    } finally {
      vps.inVps(List.of("rm", "-f", dropIn));
    }
  }

  /**
   * HERMES_HOME as step 7 leaves it on a real server: the agent's own (done by the harness before
   * any attacker runs, so these tests stand on their own).
   */
  private static void giveHermesHomeToHermes(SandboxVps vps) throws IOException {
    vps.inVps(List.of("chown", "-R", "hermes:hermes", DATA));
    vps.inVps(List.of("chmod", "700", DATA));
  }

  private static String race(SandboxVps vps, String... args) throws IOException {
    String[] all = new String[args.length + 1];
    all[0] = RaceInVps.class.getName();
    System.arraycopy(args, 0, all, 1, args.length);
    ExecResult r = vps.javaMain(all[0], java.util.Arrays.copyOfRange(all, 1, all.length));
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    return r.stdout();
  }

  private static void assertRounds(String output, int n) {
    List<String> lines = output.lines().filter(l -> l.startsWith("ROUND ")).toList();
    assertEquals(n, lines.size(), output);
    long applied = lines.stream().filter(l -> l.split(" ")[2].equals("applied")).count();
    System.out.printf(
        "raced rounds: %d applied, %d failed, %d refused, %d nothing%n",
        applied,
        lines.stream().filter(l -> l.split(" ")[2].equals("failed")).count(),
        lines.stream().filter(l -> l.split(" ")[2].equals("refused")).count(),
        lines.stream().filter(l -> l.split(" ")[2].equals("nothing")).count());
    assertTrue(applied > 0, "no round went through: the race blocked every apply\n" + output);
    for (String l : lines) {
      String what = l.split(" ")[2];
      assertTrue(
          List.of("applied", "failed", "refused", "nothing").contains(what),
          "a round ended in something else: " + l);
    }
  }
}
