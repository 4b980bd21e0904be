package dev.hermesharden.checks.approvals;

import dev.hermesharden.system.docker.ContainerState;
import dev.hermesharden.system.hermes.DotEnv;
import dev.hermesharden.system.hermes.HermesConfig;
import dev.hermesharden.system.hermes.HermesFiles;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the approvals checks read: where {@code HERMES_HOME} is (or where we looked for it), the
 * text of its {@code config.yaml} and {@code .env} (empty when a file does not exist), the running
 * Hermes container (if any) and the environment Hermes' process starts with.
 *
 * @param envFrom where {@code processEnv} was read ("container NAME", "FILE SERVICE"), "" if none
 */
public record ApprovalsFacts(
    Optional<String> home,
    List<String> searched,
    Optional<String> configText,
    Optional<String> envText,
    Optional<ContainerState> container,
    Map<String, String> processEnv,
    String envFrom) {
  public ApprovalsFacts {
    searched = List.copyOf(searched);
    processEnv = Map.copyOf(processEnv);
  }

  /** Files only: no container, no process environment. */
  public ApprovalsFacts(
      Optional<String> home,
      List<String> searched,
      Optional<String> configText,
      Optional<String> envText) {
    this(home, searched, configText, envText, Optional.empty(), Map.of(), "");
  }

  /** Facts for a found data dir, e.g. from fixtures. */
  public static ApprovalsFacts of(String home, String configText, String envText) {
    return new ApprovalsFacts(
        Optional.of(home),
        List.of(home),
        Optional.ofNullable(configText),
        Optional.ofNullable(envText));
  }

  /** The same files, with Hermes running in {@code container} (its env applies). */
  public ApprovalsFacts in(ContainerState c) {
    return new ApprovalsFacts(
        home,
        searched,
        configText,
        envText,
        Optional.of(c),
        c.environment(),
        "container " + c.name());
  }

  /**
   * The parsed config; Hermes' defaults when the file is absent.
   *
   * @throws dev.hermesharden.model.BadInputException when it is not YAML
   */
  public HermesConfig config() {
    return configText.map(t -> HermesConfig.parse(configPath(), t)).orElseGet(HermesConfig::empty);
  }

  public DotEnv env() {
    return envText.map(DotEnv::parse).orElseGet(DotEnv::empty);
  }

  public String configPath() {
    return home.map(HermesFiles::config).orElse("");
  }

  public String envPath() {
    return home.map(HermesFiles::env).orElse("");
  }
}
