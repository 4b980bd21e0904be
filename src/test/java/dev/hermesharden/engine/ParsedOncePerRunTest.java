package dev.hermesharden.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.host.ForwardingHost;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.steps.StepFiles;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A whole audit (every step's checks, side by side, as {@code audit} runs them) reads each file of
 * the host once and parses each compose file, {@code config.yaml}, {@code .env}, {@code ufw
 * status}, {@code iptables-save} and {@code authorized_keys} once: what reaches the host below the
 * run's cache is counted. Before, the compose file was parsed by every docker, hermes-dir and
 * approvals check (~27 times per audit), and the firewall's two outputs and the keys by each of
 * their checks.
 */
class ParsedOncePerRunTest {
  @Test
  void eachFileIsReadAndParsedOnce() throws Exception {
    Catalog catalog = Catalog.standard();
    List<StepDefinition> steps = StepFiles.loadPackaged(catalog, Messages.english());
    Counting host = new Counting(SimulatedHost.fresh());
    new CheckRunner(catalog)
        .runAll(
            steps.stream().map(StepDefinition::checks).toList(),
            host,
            StepContext.of(Answers.EMPTY),
            4);
    assertTrue(
        host.parses
            .keySet()
            .containsAll(
                List.of(
                    "compose /opt/hermes/docker-compose.yml",
                    "hermes-config /opt/hermes/data/config.yaml",
                    // one HermesConfig for the run: its expansion is shared too
                    "hermes-config-mapping /opt/hermes/data/config.yaml",
                    "dotenv /opt/hermes/data/.env",
                    "ufw-status ufw status verbose",
                    "iptables-save iptables-save",
                    "authorized-keys /root/.ssh/authorized_keys")),
        "the audit parsed through the host: " + host.parses);
    host.parses.forEach((what, n) -> assertEquals(1, n, "parsed " + what));
    // one SnakeYAML pass of config.yaml: the mapping is made from the document, and nothing else
    // (a repeated key, say) parses the text under a kind of its own
    assertEquals(
        List.of(
            "hermes-config /opt/hermes/data/config.yaml",
            "hermes-config-mapping /opt/hermes/data/config.yaml"),
        host.parses.keySet().stream().filter(k -> k.endsWith("/config.yaml")).sorted().toList());
    assertTrue(host.reads.containsKey("/opt/hermes/data/config.yaml"), host.reads.toString());
    host.reads.forEach((path, n) -> assertEquals(1, n, "read " + path));
  }

  /**
   * fail2ban's client is a Python start (~0.1 s of CPU each). A server that does not answer is
   * asked once per run, not once per question of the jail (it was three times: {@code status},
   * {@code status sshd}, {@code get sshd ignoreip}).
   */
  @Test
  void aFail2banServerThatIsDownIsAskedOnce() throws Exception {
    Catalog catalog = Catalog.standard();
    StepDefinition fail2ban =
        StepFiles.loadPackaged(catalog, Messages.english()).stream()
            .filter(s -> s.id().equals("fail2ban"))
            .findFirst()
            .orElseThrow();
    CountingHost host = new CountingHost(SimulatedHost.fresh());
    new CheckRunner(catalog).run(fail2ban.checks(), host, StepContext.of(Answers.EMPTY));
    List<List<String>> asked =
        host.commands.stream().filter(c -> c.get(0).equals("fail2ban-client")).toList();
    assertEquals(List.of(List.of("fail2ban-client", "status")), asked);
  }

  /** Counts what reaches the host itself. */
  private static final class Counting extends ForwardingHost {
    final Map<String, Integer> parses = new ConcurrentHashMap<>();
    final Map<String, Integer> reads = new ConcurrentHashMap<>();

    Counting(Host inner) {
      super(inner);
    }

    @Override
    public Optional<String> readFile(String path, Charset charset) throws HostException {
      reads.merge(path, 1, Integer::sum);
      return inner.readFile(path, charset);
    }

    @Override
    public <T> T parsed(String kind, String path, String text, Function<String, T> parser) {
      parses.merge(kind + " " + path, 1, Integer::sum);
      return inner.parsed(kind, path, text, parser);
    }
  }
}
