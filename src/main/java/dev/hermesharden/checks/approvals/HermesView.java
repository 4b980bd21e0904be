package dev.hermesharden.checks.approvals;

import dev.hermesharden.system.docker.ContainerState;
import dev.hermesharden.system.hermes.DotEnv;
import dev.hermesharden.system.hermes.HermesConfig;
import dev.hermesharden.system.hermes.HermesSettings;
import java.util.Optional;

/**
 * What one approvals rule judges: Hermes' settings as Hermes reads them, and where its process runs
 * — the running Hermes container (its network decides where a bind takes effect), or none (native,
 * or not running).
 *
 * @param privateCidr the admin's private network, where a bind is meant to be reachable
 */
public record HermesView(
    HermesSettings settings, Optional<ContainerState> container, Optional<String> privateCidr) {

  public HermesConfig config() {
    return settings.config();
  }

  public DotEnv dotenv() {
    return settings.dotenv();
  }

  /** Hermes runs in a container with its own network namespace (bridge, not host). */
  public boolean ownNetwork() {
    return container.map(c -> !c.hostNetwork()).orElse(false);
  }
}
