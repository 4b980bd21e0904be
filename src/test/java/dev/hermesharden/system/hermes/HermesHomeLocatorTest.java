package dev.hermesharden.system.hermes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.model.Answers;
import dev.hermesharden.system.compose.ScriptedHost;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HermesHomeLocatorTest {
  @Test
  void answerWins() throws Exception {
    ScriptedHost host = new ScriptedHost().dir("/opt/hermes/data", "root").dir("/srv/x", "root");
    assertEquals(
        Optional.of("/srv/x"),
        HermesHomeLocator.locate(host, Answers.EMPTY.with(Answers.HERMES_HOME, "/srv/x")));
  }

  @Test
  void relativeComposeSourceResolvesAgainstTheComposeDirectory() throws Exception {
    ScriptedHost host =
        new ScriptedHost()
            .file(
                "/srv/hermes/compose.yaml",
                "services:\n  h:\n    volumes:\n      - cache:/cache\n      - ./state/../data/:/opt/data/\n",
                "root")
            .dir("/srv/hermes/data", "root")
            .dir("/opt/hermes/data", "root");
    assertEquals(Optional.of("/srv/hermes/data"), HermesHomeLocator.locate(host, Answers.EMPTY));
  }

  @Test
  void tildeIsTheComposeOwnersHome() throws Exception {
    // alice is the admin: her compose file is trusted like root's
    ScriptedHost host =
        new ScriptedHost()
            .answer(
                "getent passwd -- admin",
                0,
                "alice:x:1001:1001:Alice,,,:/home/alice:/bin/bash\n",
                "")
            .file(
                "/home/alice/hermes-agent/docker-compose.yml",
                "services:\n  h:\n    volumes: [\"~/.hermes:/opt/data\"]\n",
                "alice")
            .dir("/home/alice", "alice")
            .answer(
                "getent passwd -- alice",
                0,
                "alice:x:1001:1001:Alice,,,:/home/alice:/bin/bash\n",
                "")
            .dir("/home/alice/.hermes", "alice");
    assertEquals(Optional.of("/home/alice/.hermes"), HermesHomeLocator.locate(host, Answers.EMPTY));
  }

  private static ScriptedHost hostileCompose(String source) {
    return new ScriptedHost()
        .answer("getent passwd -- hermes", 0, "hermes:x:999:999::/home/hermes:/bin/bash\n", "")
        .dir("/home/hermes", "hermes")
        .dir("/home/hermes/hermes-agent", "hermes")
        .file(
            "/home/hermes/hermes-agent/docker-compose.yml",
            "services:\n  h:\n    volumes: [\"" + source + ":/opt/data\"]\n",
            "hermes");
  }

  @Test
  void aComposeFileOfTheServiceAccountCannotMakeASystemDirectoryHermesHome() throws Exception {
    ScriptedHost host = hostileCompose("/etc").dir("/etc", "root");
    HermesHomeLocator.Location loc = HermesHomeLocator.find(host, Answers.EMPTY);
    assertEquals(Optional.empty(), loc.home());
    assertEquals("system-directory", loc.rejected().get(0).why());
  }

  @Test
  void aComposeFileOfTheServiceAccountCannotMakeRootsDirectoryHermesHome() throws Exception {
    ScriptedHost host = hostileCompose("/srv/backups").dir("/srv/backups", "root");
    HermesHomeLocator.Location loc = HermesHomeLocator.find(host, Answers.EMPTY);
    assertEquals(Optional.empty(), loc.home());
    assertEquals("untrusted-source", loc.rejected().get(0).why());
  }

  @Test
  void aComposeFileOfAnotherUserCannotNameTheirDirectory() throws Exception {
    ScriptedHost host =
        new ScriptedHost()
            .file(
                "/home/bob/hermes-agent/docker-compose.yml",
                "services:\n  h:\n    volumes: [\"/home/bob/data:/opt/data\"]\n",
                "bob")
            .dir("/home/bob", "bob")
            .dir("/home/bob/data", "bob");
    HermesHomeLocator.Location loc = HermesHomeLocator.find(host, Answers.EMPTY);
    assertEquals(Optional.empty(), loc.home());
    assertEquals("untrusted-source", loc.rejected().get(0).why());
  }

  @Test
  void aComposeFileOfTheServiceAccountMayNameItsOwnDirectory() throws Exception {
    ScriptedHost host = hostileCompose("./data").dir("/home/hermes/hermes-agent/data", "hermes");
    assertEquals(
        Optional.of("/home/hermes/hermes-agent/data"),
        HermesHomeLocator.locate(host, Answers.EMPTY));
  }

  @Test
  void aLinkIsNeverHermesHome() throws Exception {
    ScriptedHost host = new ScriptedHost();
    host.link("/opt/hermes/data", "/etc");
    HermesHomeLocator.Location loc = HermesHomeLocator.find(host, Answers.EMPTY);
    assertEquals(Optional.empty(), loc.home());
    assertEquals("symlink", loc.rejected().get(0).why());
  }

  @Test
  void systemPathsAreTheTopLevelHomesAndSystemTrees() {
    for (String p :
        List.of("/", "/etc", "/opt", "/home/hermes", "/etc/ssh", "/usr/lib/x", "/var/lib")) {
      assertTrue(HermesHomeLocator.isSystemPath(p), p);
    }
    for (String p :
        List.of("/opt/hermes/data", "/home/hermes/.hermes", "/srv/hermes", "/var/lib/hermes")) {
      assertFalse(HermesHomeLocator.isSystemPath(p), p);
    }
  }

  @Test
  void namedVolumeFallsThroughToTheNativeHome() throws Exception {
    ScriptedHost host =
        new ScriptedHost()
            .file(
                "/opt/hermes/compose.yml",
                "services:\n  h:\n    volumes: [\"hermes-data:/opt/data\"]\n",
                "root")
            .answer(
                "getent passwd -- hermes",
                0,
                "hermes:x:999:999::/var/lib/hermes:/usr/sbin/nologin\n",
                "")
            .dir("/var/lib/hermes/.hermes", "hermes")
            .dir("/root/.hermes", "root");
    assertEquals(
        Optional.of("/var/lib/hermes/.hermes"), HermesHomeLocator.locate(host, Answers.EMPTY));
  }

  @Test
  void interpolatedSourceUsesItsDefault() throws Exception {
    ScriptedHost host =
        new ScriptedHost()
            .file(
                "/opt/hermes/compose.yml",
                "services:\n  h:\n    volumes:\n      - ${HERMES_HOME:-/home/admin/.hermes}:/opt/data\n",
                "root")
            .answer("getent passwd -- admin", 0, "admin:x:1000:1000::/home/admin:/bin/bash\n", "")
            .dir("/home/admin/.hermes", "admin");
    assertEquals(Optional.of("/home/admin/.hermes"), HermesHomeLocator.locate(host, Answers.EMPTY));
  }

  @Test
  void nothingFound() throws Exception {
    assertEquals(Optional.empty(), HermesHomeLocator.locate(new ScriptedHost(), Answers.EMPTY));
  }

  @Test
  void aPathAlreadyNormalIsGivenBackAndEveryOtherIsNormalized() {
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put("/", "/");
    cases.put("/opt/data", "/opt/data");
    cases.put("/opt/data/", "/opt/data");
    cases.put("//opt//data", "/opt/data");
    cases.put("/opt/./data", "/opt/data");
    cases.put("/opt/x/../data", "/opt/data");
    cases.put("/opt/data/.", "/opt/data");
    cases.put("/opt/data/x/..", "/opt/data");
    cases.put("/..", "/");
    cases.put("opt/data", "/opt/data");
    cases.put("/opt/.data", "/opt/.data");
    cases.put("/opt/..data", "/opt/..data");
    cases.forEach((in, want) -> assertEquals(want, HermesHomeLocator.normalize(in), in));
  }
}
