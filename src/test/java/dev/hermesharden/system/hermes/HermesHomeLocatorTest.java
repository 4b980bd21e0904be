package dev.hermesharden.system.hermes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermesharden.model.Answers;
import dev.hermesharden.system.compose.ScriptedHost;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HermesHomeLocatorTest {
  @Test
  void answerWins() throws Exception {
    ScriptedHost host = new ScriptedHost().dir("/opt/hermes/data", "root");
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
    ScriptedHost host =
        new ScriptedHost()
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
            .dir("/home/admin/.hermes", "admin");
    assertEquals(Optional.of("/home/admin/.hermes"), HermesHomeLocator.locate(host, Answers.EMPTY));
  }

  @Test
  void nothingFound() throws Exception {
    assertEquals(Optional.empty(), HermesHomeLocator.locate(new ScriptedHost(), Answers.EMPTY));
  }
}
