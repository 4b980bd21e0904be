package dev.hermesharden.system.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.model.Answers;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComposeDiscoveryTest {
  static final String COMPOSE = "services:\n  hermes:\n    image: nousresearch/hermes-agent\n";

  @Test
  void parsesRealComposeLsOutput() {
    String out =
        "[{\"Name\":\"hermes\",\"Status\":\"running(1)\",\"ConfigFiles\":\"/opt/hermes/docker-compose.yml\"},"
            + "{\"Name\":\"web\",\"Status\":\"exited(2)\",\"ConfigFiles\":\"/srv/web/compose.yaml,/srv/web/compose.override.yaml\"}]\n";
    assertEquals(
        List.of(
            "/opt/hermes/docker-compose.yml",
            "/srv/web/compose.yaml",
            "/srv/web/compose.override.yaml"),
        ComposeDiscovery.parseLs(out));
    assertEquals(List.of(), ComposeDiscovery.parseLs("not json"));
  }

  @Test
  void answersWinAndAreColonSeparated() throws Exception {
    ScriptedHost host =
        new ScriptedHost()
            .file("/a/compose.yml", COMPOSE, "root")
            .file("/b/compose.yml", COMPOSE, "root");
    Answers a =
        Answers.EMPTY.with(Answers.COMPOSE_FILES, "/a/compose.yml:/missing.yml:/b/compose.yml");
    assertEquals(List.of("/a/compose.yml", "/b/compose.yml"), ComposeDiscovery.find(host, a));
    assertFalse(host.ran.stream().anyMatch(c -> c.contains("ls")), "compose ls not asked");
  }

  @Test
  void composeLsBeforeKnownPlaces() throws Exception {
    ScriptedHost host =
        new ScriptedHost()
            .answer(
                "docker compose ls --all --format json",
                0,
                "[{\"Name\":\"web\",\"Status\":\"running(1)\",\"ConfigFiles\":\"/srv/web/compose.yaml\"},"
                    + "{\"Name\":\"agent\",\"Status\":\"running(1)\",\"ConfigFiles\":\"/data/agent/compose.yaml\"}]\n",
                "")
            .file("/data/agent/compose.yaml", COMPOSE, "root")
            .file("/srv/web/compose.yaml", "services:\n  web:\n    image: nginx\n", "root")
            .file("/opt/hermes/docker-compose.yml", COMPOSE, "root");
    assertEquals(List.of("/data/agent/compose.yaml"), ComposeDiscovery.find(host, Answers.EMPTY));
  }

  @Test
  void knownPlacesIncludeHomeCheckouts() throws Exception {
    ScriptedHost host =
        new ScriptedHost()
            .dir("/home/alice", "alice")
            .dir("/home/bob", "bob")
            .file("/home/bob/hermes-agent/docker-compose.yml", COMPOSE, "bob")
            .file("/srv/hermes/compose.yaml", COMPOSE, "root")
            .file("/srv/hermes/docker-compose.yml", COMPOSE, "root");
    assertEquals(
        List.of("/srv/hermes/compose.yaml", "/home/bob/hermes-agent/docker-compose.yml"),
        ComposeDiscovery.find(host, Answers.EMPTY),
        "compose.yaml wins over docker-compose.yml in one directory");
  }

  /**
   * Compose run in the directory without {@code -f} reads the override beside the file: its {@code
   * "9119:9119"} answered the workstation while the file alone was judged
   * (LaterStepsHostileSandbox2Test). It belongs to the file's project and is started with it.
   */
  @Test
  void theOverrideBesideAFileInAKnownPlaceIsReadAndStartedWithIt() throws Exception {
    String override = "services:\n  hermes:\n    ports: [\"9119:9119\"]\n";
    ScriptedHost host =
        new ScriptedHost()
            .file("/opt/hermes/docker-compose.yml", COMPOSE, "root")
            .file("/opt/hermes/docker-compose.override.yaml", override, "root")
            .file("/opt/hermes/compose.override.yaml", override, "root");
    List<String> found = ComposeDiscovery.find(host, Answers.EMPTY);
    assertEquals(
        List.of("/opt/hermes/docker-compose.yml", "/opt/hermes/docker-compose.override.yaml"),
        found,
        "the override named after the file compose takes");
    ComposeFiles files = ComposeFiles.load(host, Answers.EMPTY);
    ComposeFile main = files.files().get(0);
    ComposeFile over = files.files().get(1);
    assertTrue(over.isOverride());
    assertEquals(List.of(main.path(), over.path()), files.project(main));
    assertEquals(List.of(), files.project(over), "never started alone");
    assertEquals(main, files.projectOf(over).orElseThrow());
    assertEquals(
        List.of(
            "docker", "compose", "-f", main.path(), "-f", over.path(), "up", "-d", "--no-build"),
        new ComposeCli(true, "v2").upDetached(files.project(main)));
  }

  @Test
  void composeCliPrefersThePlugin() throws Exception {
    ScriptedHost v2 =
        new ScriptedHost()
            .answer("docker compose version", 0, "Docker Compose version v2.27.0\n", "");
    ComposeCli cli = ComposeCli.detect(v2).orElseThrow();
    assertTrue(cli.plugin());
    assertEquals("v2.27.0", cli.version());
    assertEquals(
        List.of("docker", "compose", "-f", "/f.yml", "up", "-d", "--no-build"),
        cli.upDetached("/f.yml"));
  }

  @Test
  void composeCliFallsBackToV1() throws Exception {
    ScriptedHost v1 =
        new ScriptedHost()
            .answer(
                "docker compose version", 125, "", "docker: 'compose' is not a docker command.\n")
            .answer(
                "docker-compose version",
                0,
                "docker-compose version 1.29.2, build unknown\ndocker-py version: 5.0.3\n",
                "");
    ComposeCli cli = ComposeCli.detect(v1).orElseThrow();
    assertFalse(cli.plugin());
    assertEquals("1.29.2", cli.version());
    assertEquals(
        List.of("docker-compose", "-f", "/f.yml", "up", "-d", "--no-build"),
        cli.upDetached("/f.yml"));
    ScriptedHost old =
        new ScriptedHost()
            .answer(
                "docker-compose --version",
                0,
                "docker-compose version 1.25.0, build unknown\n",
                "");
    assertEquals("1.25.0", ComposeCli.detect(old).orElseThrow().version());
    assertTrue(ComposeCli.detect(new ScriptedHost()).isEmpty());
  }
}
