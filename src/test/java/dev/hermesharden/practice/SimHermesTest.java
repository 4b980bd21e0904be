package dev.hermesharden.practice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.host.FileStat;
import dev.hermesharden.system.hermes.DotEnv;
import dev.hermesharden.system.hermes.HermesConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimHermesTest {
  private final SimulatedHost host = SimulatedHost.fresh();

  @Test
  void seedsTheDataDirAsAFreshDockerInstallLeavesIt() throws Exception {
    FileStat dir = host.stat("/opt/hermes/data").orElseThrow();
    assertEquals("root", dir.owner());
    assertEquals(0755, dir.mode());
    for (String f : List.of("config.yaml", ".env", "auth.json")) {
      assertEquals(0644, host.stat("/opt/hermes/data/" + f).orElseThrow().mode(), f);
    }
    assertTrue(
        host.listDirectory("/opt/hermes/data")
            .containsAll(List.of("sessions", "logs", "memories", "cache")));
    assertTrue(
        host.stat("/opt/hermes/data/cache").orElseThrow().worldWritable(), "the hole for step 7");
  }

  @Test
  void theSeededFilesParseAndAreWeak() throws Exception {
    HermesConfig c =
        HermesConfig.parse(host.readFile("/opt/hermes/data/config.yaml").orElseThrow());
    assertEquals("off", c.approvalsMode());
    DotEnv env = DotEnv.parse(host.readFile("/opt/hermes/data/.env").orElseThrow());
    assertEquals(Optional.of("changeme"), env.get("API_SERVER_KEY"));
    assertEquals(Optional.of("0.0.0.0"), env.get("API_SERVER_HOST"));
    assertEquals(Optional.of("true"), env.get("TELEGRAM_ALLOW_ALL_USERS"));
    assertTrue(env.get("OPENROUTER_API_KEY").orElseThrow().startsWith("sk-or-v1-"));
  }

  @Test
  void answersNoCommands() {
    assertEquals(
        Optional.empty(), new SimHermes().handle(List.of("hermes", "status"), new SimFs()));
  }
}
