package dev.hermesharden.checks.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.checks.docker.DockerFacts;
import dev.hermesharden.system.compose.ComposeFile;
import dev.hermesharden.system.compose.ComposeFiles;
import dev.hermesharden.system.docker.ContainerState;
import dev.hermesharden.system.docker.DockerInspectParser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules of step 11 over real-format compose files. */
class ContainerRulesTest {
  static final String BARE =
      """
      services:
        hermes:
          image: nousresearch/hermes-agent:latest
          volumes:
            - ./data:/opt/data
          environment:
            - HERMES_DASHBOARD=1
            - OPENROUTER_API_KEY=${OPENROUTER_API_KEY}
      """;
  static final String HARDENED =
      """
      services:
        hermes:
          image: nousresearch/hermes-agent:latest
          security_opt: ["no-new-privileges=true"]
          cap_drop: [ALL]
          deploy:
            resources:
              limits: {cpus: "1.5", memory: 2G}
          logging:
            driver: local
          volumes:
            - ./data:/opt/data
          env_file: [./hermes.env]
      """;

  private static ContainerFacts facts(String compose, Map<String, String> daemonOpts) {
    ComposeFiles files =
        new ComposeFiles(
            List.of(ComposeFile.parse("/opt/hermes/compose.yml", compose)), Map.of(), Map.of());
    return new ContainerFacts(
        new DockerFacts(files, Optional.of(List.of())), "", daemonOpts, false);
  }

  @Test
  void aBareServiceFailsEveryConfinementRule() {
    ContainerFacts f = facts(BARE, Map.of());
    assertEquals(Status.FAIL, ContainerRules.noNewPrivileges(f, Params.NONE).status());
    assertEquals(Status.FAIL, ContainerRules.capDrop(f, Params.NONE).status());
    Verdict limits = ContainerRules.limits(f, Params.NONE);
    assertEquals(Status.FAIL, limits.status());
    assertTrue(limits.reason().args().get(0).contains("cpus, mem_limit"), limits.toString());
    assertEquals(Status.FAIL, ContainerRules.logRotation(f, Params.NONE).status());
    Verdict env = ContainerRules.envSecrets(f, Params.NONE);
    assertEquals(Status.FAIL, env.status());
    assertTrue(env.reason().args().get(0).contains("OPENROUTER_API_KEY"), env.toString());
    assertTrue(!env.reason().args().get(0).contains("HERMES_DASHBOARD"), env.toString());
    assertEquals(Status.NOT_APPLICABLE, ContainerRules.rootless(f, Params.NONE).status());
  }

  @Test
  void aHardenedServicePassesInEverySpelling() {
    ContainerFacts f = facts(HARDENED, Map.of());
    assertEquals(Status.PASS, ContainerRules.noNewPrivileges(f, Params.NONE).status());
    assertEquals(Status.PASS, ContainerRules.capDrop(f, Params.NONE).status());
    assertEquals(Status.PASS, ContainerRules.limits(f, Params.NONE).status(), "deploy limits");
    assertEquals(Status.PASS, ContainerRules.logRotation(f, Params.NONE).status(), "local driver");
    assertEquals(Status.PASS, ContainerRules.envSecrets(f, Params.NONE).status());
  }

  @Test
  void daemonJsonLogOptsBoundServicesWithoutTheirOwnLogging() {
    assertEquals(
        Status.PASS,
        ContainerRules.logRotation(facts(BARE, Map.of("max-size", "10m")), Params.NONE).status());
  }

  @Test
  void zeroLimitsAreNoLimits() {
    String zero = BARE.replace("  volumes:", "  cpus: 0\n    mem_limit: 0\n    volumes:");
    assertEquals(Status.FAIL, ContainerRules.limits(facts(zero, Map.of()), Params.NONE).status());
  }

  /** An override's partial service lacks every setting: what it lacks comes from its file. */
  @Test
  void anOverrideIsJudgedForWhatItAddsNotForWhatItLacks() {
    String over = "services:\n  hermes:\n    ports: [\"9119:9119\"]\n    privileged: true\n";
    ComposeFiles files =
        new ComposeFiles(
            List.of(ComposeFile.parse("/opt/hermes/docker-compose.override.yml", over)),
            Map.of(),
            Map.of());
    ContainerFacts f =
        new ContainerFacts(new DockerFacts(files, Optional.of(List.of())), "", Map.of(), false);
    assertEquals(Status.PASS, ContainerRules.noNewPrivileges(f, Params.NONE).status());
    assertEquals(Status.PASS, ContainerRules.capDrop(f, Params.NONE).status());
    assertEquals(
        Status.FAIL,
        new dev.hermesharden.checks.docker.PrivilegedCheck()
            .evaluate(f.docker(), Params.NONE, null)
            .status());
  }

  @Test
  void hostSensitiveMountsFromComposeAndFromTheRunningContainer() {
    Params p = new Params(Map.of("forbidden", ContainerRules.FORBIDDEN));
    String bad =
        BARE.replace(
            "      - ./data:/opt/data",
            "      - ./data:/opt/data\n      - /etc:/host-etc:ro\n      - /home/admin:/work");
    Verdict v = ContainerRules.hostMounts(facts(bad, Map.of()), p);
    assertEquals(Status.FAIL, v.status());
    assertEquals(2, v.details().size(), v.toString());
    assertEquals(Status.PASS, ContainerRules.hostMounts(facts(BARE, Map.of()), p).status());
    // volumes merged in from a service of another file are not read: no pass
    String extended =
        BARE.replace("    volumes:", "    extends: {file: base.yml, service: base}\n    volumes:");
    Verdict ext = ContainerRules.hostMounts(facts(extended, Map.of()), p);
    assertEquals("reason.docker.extends-unfollowed", ext.reason().key(), ext.toString());
    assertTrue(ContainerRules.sensitive("/", ContainerRules.FORBIDDEN));
    assertTrue(ContainerRules.sensitive("/var/run/docker.sock", ContainerRules.FORBIDDEN));
    assertTrue(ContainerRules.sensitive("~/.ssh", ContainerRules.FORBIDDEN));
    assertTrue(!ContainerRules.sensitive("/etcetera", ContainerRules.FORBIDDEN));
    // below a forbidden directory, or holding a forbidden path (Docker's socket)
    for (String s :
        List.of(
            "/etc/cron.d",
            "/etc/sudoers.d/",
            "/root/.ssh",
            "/run",
            "/var/run",
            "/var",
            "/opt/../etc",
            "//etc/ssh",
            "/etc/./cron.d")) {
      assertTrue(ContainerRules.sensitive(s, ContainerRules.FORBIDDEN), s);
    }
    for (String s : List.of("/opt", "/var/lib/hermes", "/run/hermes", "/srv/data", "data")) {
      assertTrue(!ContainerRules.sensitive(s, ContainerRules.FORBIDDEN), s);
    }
    assertTrue(!ContainerRules.sensitive("/opt/hermes/data", ContainerRules.FORBIDDEN));
    ContainerState root = hermesWith(new ContainerState.Mount("bind", "/", "/host"));
    ContainerFacts live =
        new ContainerFacts(
            new DockerFacts(
                new ComposeFiles(List.of(), Map.of(), Map.of()), Optional.of(List.of(root))),
            "",
            Map.of(),
            false);
    assertEquals(Status.FAIL, ContainerRules.hostMounts(live, p).status(), "a running container");
    ContainerState volume =
        hermesWith(
            new ContainerState.Mount(
                "volume", "/var/lib/docker/volumes/v/_data", "/hostcron", "v"));
    DockerFacts d =
        new DockerFacts(
            new ComposeFiles(List.of(), Map.of(), Map.of()), Optional.of(List.of(volume)));
    assertEquals(
        Status.PASS,
        ContainerRules.hostMounts(new ContainerFacts(d, "", Map.of(), false), p).status());
    Verdict bound =
        ContainerRules.hostMounts(
            new ContainerFacts(d, "", Map.of(), false, Map.of("v", "/etc/cron.d")), p);
    assertEquals(Status.FAIL, bound.status(), "a volume bound to /etc/cron.d is /etc/cron.d");
    assertTrue(bound.toString().contains("/etc/cron.d:/hostcron"), bound.toString());
  }

  /**
   * The regression: a bind source in a directory the agent owns passed (its name is not sensitive),
   * while the agent's link there gave the container the host's /etc at its next start
   * (ContainerMountsHostileSandboxTest).
   */
  @Test
  void aBindSourceWhoseNameAnotherAccountCanChangeFails() {
    Params p = new Params(Map.of("forbidden", ContainerRules.FORBIDDEN));
    ContainerState c = hermesWith(new ContainerState.Mount("bind", "/srv/app/data", "/opt/data"));
    DockerFacts d =
        new DockerFacts(new ComposeFiles(List.of(), Map.of(), Map.of()), Optional.of(List.of(c)));
    assertEquals(
        Status.PASS,
        ContainerRules.hostMounts(new ContainerFacts(d, "", Map.of(), false), p).status());
    Verdict v =
        ContainerRules.hostMounts(
            new ContainerFacts(d, "", Map.of(), false, Map.of(), Set.of("/srv/app/data")), p);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals("reason.containers.mounts-swappable", v.reason().key());
    assertTrue(v.toString().contains("/srv/app/data:/opt/data"), v.toString());
  }

  /** A running container from the compose file, confined as {@code docker inspect} says. */
  private static ContainerFacts running(String compose, String hostConfig) {
    ContainerState c =
        DockerInspectParser.parseInspect(
                """
                [{"Id": "a1", "Name": "/hermes", "State": {"Running": true},
                  "HostConfig": %s,
                  "Config": {"Image": "nousresearch/hermes-agent:latest", "Labels": {
                    "com.docker.compose.project.config_files": "/opt/hermes/compose.yml",
                    "com.docker.compose.service": "hermes"}}}]
                """
                    .formatted(hostConfig))
            .get(0);
    ComposeFiles files =
        new ComposeFiles(
            List.of(ComposeFile.parse("/opt/hermes/compose.yml", compose)), Map.of(), Map.of());
    return new ContainerFacts(
        new DockerFacts(files, Optional.of(List.of(c))), "", Map.of("max-size", "10m"), false);
  }

  static final String CONFINED =
      """
      {"SecurityOpt": ["no-new-privileges:true"], "CapDrop": ["ALL"], "NanoCpus": 1500000000,
       "Memory": 2147483648, "LogConfig": {"Type": "local", "Config": {}}}
      """;
  static final String AS_CREATED_BEFORE =
      """
      {"SecurityOpt": null, "CapDrop": null, "NanoCpus": 0, "Memory": 0,
       "LogConfig": {"Type": "json-file", "Config": {}}}
      """;

  @Test
  void aFileChangedButNotAppliedIsNoPass() {
    // the compose file was hardened by hand; the container running now was created before that
    ContainerFacts f = running(HARDENED, AS_CREATED_BEFORE);
    for (Verdict v :
        List.of(
            ContainerRules.noNewPrivileges(f, Params.NONE),
            ContainerRules.capDrop(f, Params.NONE),
            ContainerRules.limits(f, Params.NONE),
            ContainerRules.logRotation(f, Params.NONE))) {
      assertEquals(Status.FAIL, v.status(), v.toString());
      assertEquals("reason.containers.not-recreated", v.reason().key(), v.toString());
      assertTrue(v.details().containsKey("container hermes"), v.toString());
    }
    // daemon.json bounds the file's future containers, not the one made before it said so
    assertEquals(
        Status.FAIL,
        ContainerRules.logRotation(running(BARE, AS_CREATED_BEFORE), Params.NONE).status());
    assertEquals(
        "security_opt, cap_drop, cpus, mem_limit, logging",
        ContainerRules.unconfined(
            running(HARDENED, AS_CREATED_BEFORE).docker().hermesContainers().get(0)));
  }

  @Test
  void aContainerConfinedByHandButNotInItsFileFailsOnTheFile() {
    // the next docker compose up would drop what the running container has
    ContainerFacts f = running(BARE, CONFINED);
    Verdict v = ContainerRules.capDrop(f, Params.NONE);
    assertEquals(Status.FAIL, v.status());
    assertEquals("reason.containers.caps-kept", v.reason().key());
    assertTrue(
        v.details().keySet().stream().allMatch(k -> k.startsWith("/opt/hermes/compose.yml:")),
        v.toString());
  }

  @Test
  void fileAndRunningContainerConfinedPass() {
    ContainerFacts f = running(HARDENED, CONFINED);
    assertEquals(Status.PASS, ContainerRules.noNewPrivileges(f, Params.NONE).status());
    assertEquals(Status.PASS, ContainerRules.capDrop(f, Params.NONE).status());
    assertEquals(Status.PASS, ContainerRules.limits(f, Params.NONE).status());
    assertEquals(Status.PASS, ContainerRules.logRotation(f, Params.NONE).status());
    assertEquals("", ContainerRules.unconfined(f.docker().hermesContainers().get(0)));
  }

  @Test
  void withoutAComposeFileTheSettingsAreNotGuessed() {
    ContainerFacts none =
        new ContainerFacts(
            new DockerFacts(
                new ComposeFiles(List.of(), Map.of(), Map.of()), Optional.of(List.of())),
            "",
            Map.of(),
            true);
    assertEquals(Status.SKIPPED, ContainerRules.capDrop(none, Params.NONE).status());
    assertEquals(Status.PASS, ContainerRules.rootless(none, Params.NONE).status(), "credited");
  }

  /** A running Hermes container with this one mount. */
  private static ContainerState hermesWith(ContainerState.Mount m) {
    return new ContainerState(
        "id",
        "hermes",
        "nousresearch/hermes-agent",
        true,
        false,
        "bridge",
        List.of(),
        List.of(m),
        Map.of());
  }
}
