package dev.hermesharden.sandbox;

import static dev.hermesharden.sandbox.Cli.assertStatus;
import static dev.hermesharden.sandbox.Cli.audit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.host.ExecResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fail2ban, Docker and Hermes-file traps of design §3 on the sandbox's real fail2ban, ufw,
 * dockerd and docker-compose v1. Fixes are the production ones run inside the VPS ({@link
 * FixInVps}).
 *
 * <p>Caveat: one VPS, methods in order: fail2ban first (it needs public SSH, which ufw closes
 * later), the ban it leaves only covers port 22.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxDockerFail2banTrapsTest {
  private static final List<String> F2B =
      List.of("fail2ban-client", "-s", "/run/fail2ban/fail2ban.sock");
  private static final String COMPOSE = "/opt/hermes/docker-compose.yml";

  @Test
  @Order(1)
  void fail2banOnAnAuthLogHostPollsMatchesBansAndIgnoresTheTailnet(SandboxVps vps)
      throws Exception {
    fix(vps, "fail2ban", "fail2ban.jail");
    String jail = Files.readString(vps.vpsPath("/etc/fail2ban/jail.d/hermes-harden.local"));
    // no journald in the sandbox, sshd logs to /var/log/auth.log: a file backend, not systemd
    assertTrue(jail.matches("(?s).*\nbackend = (auto|polling)\n.*"), jail);
    assertTrue(
        jail.contains("\nignoreip = 127.0.0.1/8 ::1 100.64.0.0/10 fd7a:115c:a1e0::/48"), jail);
    // the running server has read it (it prints 127.0.0.1/8 as the network 127.0.0.0/8)
    String ignore = f2b(vps, "get", "sshd", "ignoreip");
    for (String net : List.of("127.0.0.0/8", "::1", "100.64.0.0/10", "fd7a:115c:a1e0::/48")) {
      assertTrue(ignore.contains(net), ignore);
    }

    String bogus = "hh-trap-" + UUID.randomUUID().toString().substring(0, 8);
    failLogin(vps, bogus, SandboxVps.VPS_PUBLIC);
    String matched = "";
    for (int i = 0; i < 50 && !matched.contains(bogus); i++) {
      Thread.sleep(200);
      matched =
          vps.inVps(List.of("fail2ban-regex", "/var/log/auth.log", "sshd", "--print-all-matched"))
              .stdout();
    }
    assertTrue(matched.contains("Invalid user " + bogus + " from " + SandboxVps.WS_PUBLIC));

    int maxretry = Integer.parseInt(f2b(vps, "get", "sshd", "maxretry").strip());
    for (int i = 0; i < maxretry + 1; i++) {
      failLogin(vps, bogus + "x" + i, SandboxVps.VPS_TAILNET);
      failLogin(vps, bogus + "y" + i, SandboxVps.VPS_PUBLIC);
    }
    String status = "";
    for (int i = 0; i < 100 && !status.contains(SandboxVps.WS_PUBLIC); i++) {
      Thread.sleep(200);
      status = f2b(vps, "status", "sshd");
    }
    assertTrue(status.contains("Banned IP list:\t" + SandboxVps.WS_PUBLIC), status);
    assertTrue(!status.contains("100.64.0.2"), "the tailnet address was banned:\n" + status);
    ExecResult tail = vps.fromWorkstation(vps.ssh("admin@" + SandboxVps.VPS_TAILNET, "true"));
    assertEquals(0, tail.exitCode(), "tailnet login after the ban: " + tail.stderr());
    ExecResult pub = vps.fromWorkstation(vps.ssh("admin@" + SandboxVps.VPS_PUBLIC, "true"));
    assertNotEquals(0, pub.exitCode(), "the banned public address still logs in");
  }

  /**
   * The filter check's failed login names a user no one may learn in advance: an account that read
   * it from the process list could write a line the filter matches into the log (logger -p
   * authpriv.info -t sshd[…]) before sshd's own, and make a filter that misses sshd's real lines
   * pass. The spy (hermes, reading every command line and environment it may) sees the canary but
   * the probe's name only inside sshd's own log lines, which {@code fail2ban-regex} is given after
   * the check has read them from the log (a line forged then is never read), though the check ran
   * for real.
   */
  @Test
  @Order(2)
  void theFilterChecksProbeUserIsInNoCommandLineBeforeItsLogLinesAreRead(SandboxVps vps)
      throws Exception {
    HostileAccount hermes = HostileAccount.in(vps);
    Files.deleteIfExists(hermes.file("seen"));
    String spy =
        hermes.start("spy.pid", "spy.sh", HostileAccount.DIR, "120", "hh-probe-[0-9a-f]{8}");
    try {
      vps.inVps(List.of("sh", "-c", "sleep 4", "hh-probe-cafef00d"));
      assertTrue(hermes.read("seen").contains("hh-probe-cafef00d"), "the spy is blind to argv");
      var audit = audit(vps, "fail2ban");
      assertStatus(audit, "fail2ban.filter-matches", "PASS");
      Thread.sleep(500);
      List<String> seen =
          hermes.read("seen").lines().filter(l -> !l.contains("hh-probe-cafef00d")).toList();
      assertTrue(
          seen.stream()
              .allMatch(
                  l -> l.matches("\\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\S+ sshd\\[\\d+\\]: .*")),
          "hermes read the probe's user name outside sshd's log lines: " + seen);
    } finally {
      hermes.stop(spy, "spy.sh");
    }
  }

  @Test
  @Order(3)
  void dockerPublishedPortBypassesUfwUntilTheFixBindsItToLoopback(SandboxVps vps) throws Exception {
    for (List<String> argv :
        List.of(
            List.of("ufw", "default", "deny", "incoming"),
            List.of("ufw", "allow", "in", "on", "tailscale0", "to", "any", "port", "22"),
            List.of("ufw", "--force", "enable"))) {
      assertEquals(0, vps.inVps(argv).exitCode(), String.join(" ", argv));
    }
    assertEquals("hermes stand-in", httpFromWorkstation(vps, 8642).stdout().strip());
    assertStatus(audit(vps, "docker"), "docker.containers-loopback", "FAIL");

    fix(vps, "docker", "docker.bind-loopback");
    ExecResult from = httpFromWorkstation(vps, 8642);
    assertNotEquals(0, from.exitCode(), "8642 still answers the workstation: " + from.stdout());
    assertEquals("hermes stand-in", httpInVps(vps, 8642).stdout().strip());
    assertStatus(audit(vps, "docker"), "docker.containers-loopback", "PASS");
    assertEquals(
        vps.hostNetworkAtStart(), SandboxVps.hostNetwork(), "this machine's firewall changed");
  }

  @Test
  @Order(4)
  void composePortSyntaxShortLongAndInterpolationOnTheRealDockerCompose(SandboxVps vps)
      throws Exception {
    String compose =
        "services:\n"
            + "  hermes:\n"
            + "    image: nousresearch/hermes-agent:latest\n"
            + "    container_name: hermes\n"
            + "    ports:\n"
            + "      - \"${PORT:-8642}:8642\"   # API, port from the environment\n"
            + "      - target: 9119          # dashboard, long syntax\n"
            + "        published: 9119\n"
            + "        protocol: tcp\n"
            + "      - \"7000-7001:7000-7001/udp\"\n"
            + "    volumes:\n"
            + "      - ./data:/opt/data\n";
    Files.writeString(vps.vpsPath(COMPOSE), compose);
    ExecResult up = compose(vps, Map.of(), "up", "-d");
    assertEquals(0, up.exitCode(), up.stderr());
    assertStatus(audit(vps, "docker"), "docker.compose-loopback", "FAIL");

    fix(vps, "docker", "docker.bind-loopback");
    String text = Files.readString(vps.vpsPath(COMPOSE));
    assertTrue(text.contains("- \"127.0.0.1:${PORT:-8642}:8642\"   # API, port from"), text);
    assertTrue(text.contains("- \"127.0.0.1:7000-7001:7000-7001/udp\""), text);
    assertTrue(text.contains("127.0.0.1:9119:9119"), text);
    // docker-compose still resolves the interpolation, with and without PORT set
    String config = compose(vps, Map.of("PORT", "8650"), "config").stdout();
    assertTrue(config.contains("- 127.0.0.1:8650:8642/tcp"), config);
    String unset = compose(vps, Map.of(), "config").stdout();
    assertTrue(unset.contains("- 127.0.0.1:8642:8642/tcp"), unset);
    String ports = vps.inVps(List.of("docker", "port", "hermes")).stdout();
    for (String p : List.of("8642/tcp -> 127.0.0.1:8642", "9119/tcp -> 127.0.0.1:9119")) {
      assertTrue(ports.contains(p), ports);
    }
    assertTrue(ports.contains("7000/udp -> 127.0.0.1:7000"), ports);
    assertTrue(!ports.contains("0.0.0.0"), ports);
    assertNotEquals(0, httpFromWorkstation(vps, 9119).exitCode());
    assertEquals("hermes stand-in", httpInVps(vps, 9119).stdout().strip());
    assertStatus(audit(vps, "docker"), "docker.compose-loopback", "PASS");
  }

  @Test
  @Order(5)
  void configYamlCommentsAndOrderAndEnvOtherLinesStayByteForByte(SandboxVps vps) throws Exception {
    fix(vps, "approvals", "approvals.config");
    fix(vps, "approvals", "approvals.env");
    Set<String> yamlKeys =
        Set.of(
            "mode",
            "cron_mode",
            "backend",
            "docker_forward_env",
            "container_cpu",
            "container_memory",
            "redact_secrets",
            "allow_private_urls",
            "enabled",
            "- \"GITHUB_TOKEN\"");
    assertSameExcept(
        original("config.yaml"),
        Files.readString(vps.vpsPath("/opt/hermes/data/config.yaml")),
        yamlKeys);
    String env = Files.readString(vps.vpsPath("/opt/hermes/data/.env"));
    String[] before = original(".env").split("\n", -1);
    String[] after = env.split("\n", -1);
    assertEquals(before.length, after.length, env);
    Set<String> envKeys =
        Set.of(
            "TELEGRAM_ALLOW_ALL_USERS",
            // API_SERVER_HOST stays: Hermes runs in a bridge container published on 127.0.0.1
            "API_SERVER_CORS_ORIGINS",
            "HERMES_YOLO_MODE");
    for (int i = 0; i < before.length; i++) {
      String key = before[i].contains("=") ? before[i].substring(0, before[i].indexOf('=')) : "";
      if (!envKeys.contains(key)) {
        assertEquals(before[i], after[i], ".env line " + (i + 1));
      } else {
        assertNotEquals(before[i], after[i], ".env line " + (i + 1));
      }
    }
    var audit = audit(vps, "approvals");
    assertStatus(audit, "approvals.mode", "PASS");
    assertStatus(audit, "approvals.yolo-env", "PASS");
  }

  /** The YAML files are equal line for line once the lines of the changed keys are left out. */
  private static void assertSameExcept(String before, String after, Set<String> keys) {
    assertEquals(withoutKeys(before, keys), withoutKeys(after, keys), after);
  }

  private static List<String> withoutKeys(String yaml, Set<String> keys) {
    return yaml.lines()
        .filter(
            l -> {
              String s = l.strip();
              String key =
                  s.contains(":") && !s.startsWith("#") ? s.substring(0, s.indexOf(':')) : s;
              return !keys.contains(key);
            })
        .toList();
  }

  private static String original(String name) throws IOException {
    try (InputStream in = SandboxVps.class.getResourceAsStream("/sandbox/hermes/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void fix(SandboxVps vps, String step, String fix) throws Exception {
    ExecResult r = vps.javaMain(FixInVps.class.getName(), step, fix);
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
  }

  private static String f2b(SandboxVps vps, String... args) throws Exception {
    List<String> argv = new java.util.ArrayList<>(F2B);
    argv.addAll(List.of(args));
    ExecResult r = vps.inVps(argv);
    assertEquals(0, r.exitCode(), r.stderr());
    return r.stdout();
  }

  private static void failLogin(SandboxVps vps, String user, String address) throws Exception {
    ExecResult r = vps.fromWorkstation(vps.ssh(user + "@" + address, "true"));
    assertNotEquals(0, r.exitCode(), "bogus user " + user + " logged in");
  }

  private static ExecResult compose(SandboxVps vps, Map<String, String> env, String... args)
      throws Exception {
    List<String> argv = new java.util.ArrayList<>(List.of("docker-compose", "-f", COMPOSE));
    argv.addAll(List.of(args));
    return vps.inVps(argv, env, Duration.ofMinutes(3));
  }

  private static ExecResult httpFromWorkstation(SandboxVps vps, int port) throws Exception {
    return vps.fromWorkstation(
        List.of(
            "timeout",
            "5",
            "busybox",
            "wget",
            "-qO-",
            "http://" + SandboxVps.VPS_PUBLIC + ":" + port + "/"));
  }

  private static ExecResult httpInVps(SandboxVps vps, int port) throws Exception {
    return vps.inVps(
        List.of("timeout", "5", "busybox", "wget", "-qO-", "http://127.0.0.1:" + port + "/"));
  }
}
