package dev.hermesharden.sandbox;

import static dev.hermesharden.sandbox.Cli.audit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermesharden.host.ExecResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The second hostile pass on steps 7–13 (the first is {@link LaterStepsHostileSandboxTest}): each
 * method writes a compose project the way compose itself reads it, establishes the truth with the
 * real {@code docker-compose config}, a started container or a connection from the workstation, and
 * asserts the audit's verdict agrees. Each failed on the old code with a PASS. Each method puts the
 * practice compose project back in {@code finally}.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
class LaterStepsHostileSandbox2Test {
  private static final String DIR = "/opt/hermes";
  private static final String COMPOSE = DIR + "/docker-compose.yml";
  private static final String DOT_ENV = DIR + "/.env";

  /**
   * The Hermes service {@code extends:} a base service of the same file that is privileged and
   * mounts root's cron. Compose merges both in ({@code docker-compose config}; the container it
   * creates is privileged and mounts it); with the stack stopped only the compose file can tell,
   * and {@code docker.not-privileged} and {@code containers.no-host-mounts} read only the service's
   * own keys.
   */
  @Test
  @Timeout(300)
  void aHermesServiceExtendingAPrivilegedBaseInTheSameFileIsNoPass(SandboxVps vps)
      throws Exception {
    String compose =
        "services:\n"
            + "  base:\n"
            + "    image: tools:latest\n"
            + "    privileged: true\n"
            + "    volumes:\n"
            + "      - /etc/cron.d:/hostcron\n"
            + "  hermes:\n"
            + "    extends:\n"
            + "      service: base\n"
            + "    image: nousresearch/hermes-agent:latest\n"
            + "    container_name: hermes\n"
            + "    ports:\n"
            + "      - \"127.0.0.1:8642:8642\"\n"
            + "    volumes:\n"
            + "      - ./data:/opt/data\n";
    withProject(
        vps,
        compose,
        null,
        () -> {
          String config = compose(vps, "config").stdout();
          String hermes = config.substring(config.indexOf("  hermes:"));
          assertTrue(hermes.contains("privileged: true"), config);
          assertTrue(hermes.contains("/etc/cron.d:/hostcron"), config);
          // created, not started: the sandbox cannot start a privileged container
          ExecResult up = compose(vps, "up", "--no-start", "hermes");
          assertEquals(0, up.exitCode(), up.stderr());
          ExecResult priv =
              vps.inVps(
                  List.of(
                      "docker",
                      "inspect",
                      "-f",
                      "{{.HostConfig.Privileged}} {{range .Mounts}}{{.Source}} {{end}}",
                      "hermes"));
          assertTrue(priv.stdout().startsWith("true "), "privileged: " + priv.stdout());
          assertTrue(priv.stdout().contains("/etc/cron.d"), "mounts: " + priv.stdout());
          assertEquals(0, compose(vps, "rm", "-sf", "hermes").exitCode());

          JsonNode priv8 = audit(vps, "docker").get("docker.not-privileged");
          assertEquals("FAIL", priv8.get("status").asText(), priv8.toString());
          JsonNode mounts = audit(vps, "containers").get("containers.no-host-mounts");
          assertEquals("FAIL", mounts.get("status").asText(), mounts.toString());
          assertTrue(mounts.toString().contains("/etc/cron.d"), mounts.toString());
        });
  }

  /**
   * A named volume the file defines with {@code driver_opts} {@code o: bind, device: /etc/cron.d}:
   * {@code docker-compose config} shows the device, and the volume compose creates for it ({@code
   * up --no-start}) is bound there. With the stack down {@code containers.no-host-mounts} saw only
   * the volume's name and passed.
   */
  @Test
  @Timeout(300)
  void aNamedVolumeTheFileBindsToEtcIsNoPassWhileTheStackIsDown(SandboxVps vps) throws Exception {
    String compose =
        "services:\n"
            + "  hermes:\n"
            + "    image: nousresearch/hermes-agent:latest\n"
            + "    container_name: hermes\n"
            + "    volumes:\n"
            + "      - ./data:/opt/data\n"
            + "      - tools:/tools\n"
            + "volumes:\n"
            + "  tools:\n"
            + "    driver_opts: {type: none, o: bind, device: /etc/cron.d}\n";
    try {
      withProject(
          vps,
          compose,
          null,
          () -> {
            assertTrue(compose(vps, "config").stdout().contains("device: /etc/cron.d"));
            assertEquals(0, compose(vps, "up", "--no-start").exitCode());
            ExecResult vol =
                vps.inVps(
                    List.of(
                        "docker",
                        "volume",
                        "inspect",
                        "-f",
                        "{{.Options.device}}",
                        "hermes_tools"));
            assertEquals("/etc/cron.d", vol.stdout().strip(), vol.stderr());
            assertEquals(0, compose(vps, "rm", "-sf").exitCode());
            JsonNode mounts = audit(vps, "containers").get("containers.no-host-mounts");
            assertEquals("FAIL", mounts.get("status").asText(), mounts.toString());
            assertTrue(mounts.toString().contains("/etc/cron.d"), mounts.toString());
          });
    } finally {
      vps.inVps(List.of("docker", "volume", "rm", "hermes_tools"));
    }
  }

  /**
   * A publish whose address is {@code ${HERMES_BIND:-127.0.0.1}}, and the project's {@code .env}
   * sets {@code HERMES_BIND=0.0.0.0}: compose takes the {@code .env} value, the workstation gets
   * Hermes' answer over the public address, and {@code docker.compose-loopback} read only the
   * default. The fix must then close it.
   */
  @Test
  @Timeout(300)
  void aPublishAddressFromTheProjectsDotEnvIsJudgedByItsValue(SandboxVps vps) throws Exception {
    String compose =
        "services:\n"
            + "  hermes:\n"
            + "    image: nousresearch/hermes-agent:latest\n"
            + "    container_name: hermes\n"
            + "    ports:\n"
            + "      - \"${HERMES_BIND:-127.0.0.1}:8642:8642\"\n"
            + "    stop_grace_period: 1s\n"
            + "    volumes:\n"
            + "      - ${HERMES_DATA:-./data}:/opt/data\n"
            + "      - ${HERMES_TOOLS:-./tools}:/tools\n";
    withProject(
        vps,
        compose,
        "HERMES_BIND=0.0.0.0\nHERMES_DATA=./data\nHERMES_TOOLS=/etc/cron.d\n",
        () -> {
          String config = compose(vps, "config").stdout();
          assertTrue(config.contains("0.0.0.0:8642:8642"), config);
          assertTrue(config.contains("/etc/cron.d:/tools"), config);
          ExecResult up = compose(vps, "up", "-d");
          assertEquals(0, up.exitCode(), up.stderr());
          assertEquals("hermes stand-in", httpFromWorkstation(vps, 8642).stdout().strip());
          assertEquals(0, compose(vps, "rm", "-sf").exitCode());

          JsonNode ports = audit(vps, "docker").get("docker.compose-loopback");
          assertEquals("FAIL", ports.get("status").asText(), ports.toString());
          JsonNode mounts = audit(vps, "containers").get("containers.no-host-mounts");
          assertEquals("FAIL", mounts.get("status").asText(), mounts.toString());
          assertTrue(mounts.toString().contains("/etc/cron.d"), mounts.toString());

          ExecResult fix = vps.javaMain(FixInVps.class.getName(), "docker", "docker.bind-loopback");
          assertEquals(0, fix.exitCode(), fix.stdout() + fix.stderr());
          assertTrue(compose(vps, "config").stdout().contains("127.0.0.1:8642:8642"));
          ExecResult from = httpFromWorkstation(vps, 8642);
          assertNotEquals(0, from.exitCode(), "8642 still answers: " + from.stdout());
          JsonNode after = audit(vps, "docker").get("docker.compose-loopback");
          assertEquals("PASS", after.get("status").asText(), after.toString());
        });
  }

  /**
   * Hermes joins the network namespace of a sidecar ({@code network_mode: service:gate}, the
   * VPN/Tailscale sidecar pattern, named {@code gate}), and the sidecar publishes Hermes' API on
   * {@code 8080}. The workstation gets Hermes' answer on the public address; the sidecar is not
   * Hermes, so its publish was nobody's, and {@code docker.compose-loopback} and {@code
   * docker.containers-loopback} passed (and {@code docker.no-public-listeners} watches 8642 and
   * 9119 only).
   */
  @Test
  @Timeout(300)
  void aSidecarWhoseNetworkHermesJoinsPublishesHermes(SandboxVps vps) throws Exception {
    ExecResult tag =
        vps.inVps(List.of("docker", "tag", "nousresearch/hermes-agent:latest", "hh-gate:latest"));
    assertEquals(0, tag.exitCode(), tag.stderr());
    String compose =
        "services:\n"
            + "  gate:\n"
            + "    image: hh-gate:latest\n"
            + "    container_name: gate\n"
            + "    stop_grace_period: 1s\n"
            + "    entrypoint: [\"sleep\", \"3600\"]\n"
            + "    ports:\n"
            + "      - \"8080:8642\"\n"
            + "  hermes:\n"
            + "    image: nousresearch/hermes-agent:latest\n"
            + "    container_name: hermes\n"
            + "    network_mode: service:gate\n"
            + "    stop_grace_period: 1s\n"
            + "    volumes:\n"
            + "      - ./data:/opt/data\n";
    withProject(
        vps,
        compose,
        null,
        () -> {
          ExecResult up = compose(vps, "up", "-d");
          assertEquals(0, up.exitCode(), up.stderr());
          assertEquals("hermes stand-in", httpFromWorkstation(vps, 8080).stdout().strip());
          var docker = audit(vps, "docker");
          StringBuilder wrong = new StringBuilder();
          for (String id : List.of("docker.compose-loopback", "docker.containers-loopback")) {
            if (!docker.get(id).get("status").asText().equals("FAIL")) {
              wrong.append(docker.get(id)).append('\n');
            }
          }
          assertEquals("", wrong.toString());

          ExecResult fix = vps.javaMain(FixInVps.class.getName(), "docker", "docker.bind-loopback");
          assertEquals(0, fix.exitCode(), fix.stdout() + fix.stderr());
          ExecResult from = httpFromWorkstation(vps, 8080);
          assertNotEquals(0, from.exitCode(), "8080 still answers: " + from.stdout());
          assertEquals(
              "PASS",
              audit(vps, "docker").get("docker.containers-loopback").get("status").asText());
        });
  }

  /**
   * {@code docker-compose.override.yml} beside the practice file publishes the dashboard on every
   * address; compose run in the directory without {@code -f} (the file's own header says {@code cd
   * /opt/hermes && docker compose up -d}) reads it: {@code docker-compose config} has it and the
   * workstation gets the answer on 9119. With the stack down only the file found in its place was
   * read and {@code docker.compose-loopback} passed. The fix rewrites the override and recreates
   * with both files; the override's partial service is no container-step alarm.
   */
  @Test
  @Timeout(300)
  void anOverrideFileBesideTheComposeFileIsReadAsComposeReadsIt(SandboxVps vps) throws Exception {
    String compose =
        "services:\n"
            + "  hermes:\n"
            + "    image: nousresearch/hermes-agent:latest\n"
            + "    container_name: hermes\n"
            + "    stop_grace_period: 1s\n"
            + "    ports:\n"
            + "      - \"127.0.0.1:8642:8642\"\n"
            + "    volumes:\n"
            + "      - ./data:/opt/data\n"
            + "    environment:\n"
            + "      - HERMES_DASHBOARD=1\n";
    Path override = vps.vpsPath(DIR + "/docker-compose.override.yml");
    Files.writeString(override, "services:\n  hermes:\n    ports:\n      - \"9119:9119\"\n");
    try {
      withProject(
          vps,
          compose,
          null,
          () -> {
            assertTrue(compose(vps, "config").stdout().contains("published: 9119"));
            ExecResult up = compose(vps, "up", "-d");
            assertEquals(0, up.exitCode(), up.stderr());
            assertEquals("hermes stand-in", httpFromWorkstation(vps, 9119).stdout().strip());
            assertEquals(0, compose(vps, "rm", "-sf").exitCode());

            var docker = audit(vps, "docker");
            JsonNode ports = docker.get("docker.compose-loopback");
            assertEquals("FAIL", ports.get("status").asText(), ports.toString());
            assertTrue(ports.toString().contains("docker-compose.override.yml"), ports.toString());
            var containers = audit(vps, "containers");
            assertTrue(
                containers.values().stream()
                    .noneMatch(c -> c.toString().contains("docker-compose.override.yml")),
                containers.toString());

            ExecResult fix =
                vps.javaMain(FixInVps.class.getName(), "docker", "docker.bind-loopback");
            assertEquals(0, fix.exitCode(), fix.stdout() + fix.stderr());
            assertTrue(Files.readString(override).contains("127.0.0.1:9119:9119"));
            ExecResult from = httpFromWorkstation(vps, 9119);
            assertNotEquals(0, from.exitCode(), "9119 still answers: " + from.stdout());
            ExecResult ports2 = vps.inVps(List.of("docker", "port", "hermes"));
            assertTrue(ports2.stdout().contains("9119/tcp -> 127.0.0.1:9119"), ports2.stdout());
            assertEquals(
                "PASS", audit(vps, "docker").get("docker.compose-loopback").get("status").asText());
          });
    } finally {
      Files.deleteIfExists(override);
      compose(vps, "up", "-d");
    }
  }

  /**
   * A root cron entry that names its program without a path, under a {@code PATH=} line whose first
   * directory is the agent's. No cron daemon here: the truth is what cron does with the entry
   * (crontab(5): the file's {@code PATH}, {@code SHELL -c COMMAND} as the entry's user), done as
   * root in the VPS — the agent's {@code backup} records who ran it. {@code watch.cron-writable}
   * judged only absolute paths and passed.
   */
  @Test
  @Timeout(300)
  void aCronPathThroughTheAgentsDirectoryIsNoPass(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    ExecResult plant =
        vps.inVps(
            SandboxVps.asHermes(
                "mkdir -p /home/hermes/bin"
                    + " && printf '#!/bin/sh\\nid -u > /home/hermes/ran\\n' > /home/hermes/bin/backup"
                    + " && chmod 755 /home/hermes/bin/backup"));
    assertEquals(0, plant.exitCode(), plant.stderr());
    Path cron = vps.vpsPath("/etc/cron.d/hh-path");
    Path ran = vps.vpsPath("/home/hermes/ran");
    JsonNode before = audit(vps, "watch").get("watch.cron-writable");
    assertEquals("PASS", before.get("status").asText(), "Debian's own PATH lines: " + before);
    try {
      Files.writeString(cron, "PATH=/home/hermes/bin:/usr/bin:/bin\n@daily root backup\n");
      ExecResult run =
          vps.inVps(
              List.of(
                  "env",
                  "-i",
                  "HOME=/root",
                  "LOGNAME=root",
                  "PATH=/home/hermes/bin:/usr/bin:/bin",
                  "/bin/sh",
                  "-c",
                  "backup"));
      assertTrue(
          Files.exists(ran) && Files.readString(ran).strip().equals("0"),
          "root ran the agent's backup: " + run.stderr());
      JsonNode c = audit(vps, "watch").get("watch.cron-writable");
      assertEquals("FAIL", c.get("status").asText(), c.toString());
      assertTrue(c.toString().contains("/home/hermes/bin"), c.toString());
    } finally {
      Files.deleteIfExists(cron);
      Files.deleteIfExists(ran);
      vps.inVps(List.of("rm", "-rf", "/home/hermes/bin"));
    }
  }

  /**
   * A service unit of the admin's ({@code /etc/systemd/system/agent-helper.service}, no {@code
   * User=}) whose program lies in the agent's home: systemd starts it as root, so the agent's next
   * edit of the script runs as root. No check looked at systemd's units (cron only). A masked unit
   * (a link to {@code /dev/null}) runs nothing and is no finding; the VPS's own units pass.
   */
  @Test
  @Timeout(300)
  void aRootServiceRunningTheAgentsScriptIsNoPass(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    Path unit = vps.vpsPath("/etc/systemd/system/agent-helper.service");
    Path masked = vps.vpsPath("/etc/systemd/system/hh-masked.service");
    JsonNode before = audit(vps, "watch").get("watch.units-writable");
    assertEquals("PASS", before.get("status").asText(), before.toString());
    try {
      Files.createSymbolicLink(masked, Path.of("/dev/null"));
      assertEquals("PASS", audit(vps, "watch").get("watch.units-writable").get("status").asText());
      // the truth the check rests on: the agent writes the program root's service runs
      ExecResult plant =
          vps.inVps(
              SandboxVps.asHermes(
                  "printf '#!/bin/sh\\nid -u\\n' >/home/hermes/helper.sh"
                      + " && chmod 755 /home/hermes/helper.sh && echo planted"));
      assertEquals("planted", plant.stdout().strip(), plant.stderr());
      Files.writeString(
          unit,
          "[Unit]\nDescription=helper\n\n[Service]\nType=oneshot\n"
              + "ExecStart=/bin/sh /home/hermes/helper.sh\n\n[Install]\nWantedBy=multi-user.target\n");
      JsonNode c = audit(vps, "watch").get("watch.units-writable");
      assertEquals("FAIL", c.get("status").asText(), c.toString());
      assertEquals(
          "root",
          c.get("details")
              .path("/etc/systemd/system/agent-helper.service:6 /home/hermes/helper.sh")
              .asText(),
          c.toString());
      assertFalse(c.toString().contains("hh-masked"), c.toString());
    } finally {
      Files.deleteIfExists(unit);
      Files.deleteIfExists(masked);
      vps.inVps(List.of("rm", "-f", "/home/hermes/helper.sh"));
    }
  }

  /**
   * A directory the agent owns named in {@code /etc/ld.so.conf.d}: {@code ldconfig} (which every
   * library package's install runs) then lists the agent's {@code libz.so.1} for every program root
   * starts. The truth is ldconfig's own dry run ({@code -v -N -X}: it writes nothing). No check
   * read the loader's configuration.
   */
  @Test
  @Timeout(300)
  void aLoaderDirectoryTheAgentOwnsIsNoPass(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    Path conf = vps.vpsPath("/etc/ld.so.conf.d/zz-agent.conf");
    JsonNode before = audit(vps, "watch").get("watch.loader-writable");
    assertEquals("PASS", before.get("status").asText(), before.toString());
    try {
      ExecResult plant =
          vps.inVps(
              SandboxVps.asHermes(
                  "mkdir -p /home/hermes/lib && cp \"$(ldconfig -p | awk '/libz.so.1 /{print $NF;"
                      + " exit}')\" /home/hermes/lib/libz.so.1 && echo planted"));
      assertEquals("planted", plant.stdout().strip(), plant.stdout() + plant.stderr());
      Files.writeString(conf, "/home/hermes/lib\n");
      String dry = vps.inVps(List.of("ldconfig", "-v", "-N", "-X")).stdout();
      assertTrue(
          dry.matches("(?s).*\n/home/hermes/lib:[^\n]*\n\\s+libz\\.so\\.1 -> .*"),
          "ldconfig takes the agent's library: " + dry);
      JsonNode c = audit(vps, "watch").get("watch.loader-writable");
      assertEquals("FAIL", c.get("status").asText(), c.toString());
      assertTrue(
          c.get("details").has("/etc/ld.so.conf.d/zz-agent.conf:1 /home/hermes/lib"), c.toString());
    } finally {
      Files.deleteIfExists(conf);
      vps.inVps(List.of("rm", "-rf", "/home/hermes/lib"));
    }
  }

  private interface Then {
    void run() throws Exception;
  }

  /**
   * Runs {@code then} with the practice project's compose file replaced by {@code compose} and its
   * {@code .env} by {@code dotEnv} (none when null), Hermes' container removed first; afterwards
   * the files are as before and Hermes runs again from them.
   */
  private static void withProject(SandboxVps vps, String compose, String dotEnv, Then then)
      throws Exception {
    Path file = vps.vpsPath(COMPOSE);
    Path env = vps.vpsPath(DOT_ENV);
    String original = Files.readString(file);
    String originalEnv = Files.exists(env) ? Files.readString(env) : null;
    compose(vps, "down");
    try {
      Files.writeString(file, compose);
      if (dotEnv != null) {
        Files.writeString(env, dotEnv);
      }
      then.run();
    } finally {
      compose(vps, "down");
      Files.writeString(file, original);
      if (originalEnv == null) {
        Files.deleteIfExists(env);
      } else {
        Files.writeString(env, originalEnv);
      }
      compose(vps, "up", "-d");
    }
  }

  /** {@code docker-compose ARGS} in the project's directory, as the admin would type it. */
  private static ExecResult compose(SandboxVps vps, String... args) throws Exception {
    List<String> argv =
        new java.util.ArrayList<>(
            List.of("sh", "-c", "cd " + DIR + " && exec docker-compose \"$@\"", "compose"));
    argv.addAll(List.of(args));
    return vps.inVps(argv, Map.of(), Duration.ofMinutes(3));
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
}
