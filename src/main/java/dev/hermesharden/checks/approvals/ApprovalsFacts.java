package dev.hermesharden.checks.approvals;

import dev.hermesharden.host.Host;
import dev.hermesharden.model.BadInputException;
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
 * @param activeProfile the profile {@code active_profile} switches Hermes to ({@link
 *     HermesFiles#activeProfileName}), "" for none: Hermes then reads that profile's files
 * @param links config.yaml or .env when it is a symbolic link (resolved here by the audit and in
 *     the container by Hermes, possibly to different files)
 * @param parsed the two files as parsed once per run by the host ({@link
 *     dev.hermesharden.host.Host#parsed}); null for facts made from texts, which parse on demand
 */
public record ApprovalsFacts(
    Optional<String> home,
    List<String> searched,
    Optional<String> configText,
    Optional<String> envText,
    Optional<ContainerState> container,
    Map<String, String> processEnv,
    String envFrom,
    Parsed parsed,
    String activeProfile,
    List<String> links) {
  /**
   * What {@link #configText} and {@link #envText} parse to.
   *
   * @param config the parsed config.yaml, null when {@code invalid} says why it is not YAML
   * @param repeated the first key config.yaml writes twice ({@link HermesConfig#repeatedKey()}), ""
   */
  public record Parsed(
      HermesConfig config, BadInputException invalid, DotEnv env, String repeated) {
    /** Parses both texts through the host, which keeps a parse for the run. */
    static Parsed of(
        Host host, String home, Optional<String> configText, Optional<String> envText) {
      HermesConfig config = HermesConfig.empty();
      BadInputException invalid = null;
      String repeated = "";
      if (configText.isPresent()) {
        String path = HermesFiles.config(home);
        try {
          config = HermesConfig.of(host, path, configText.get());
          repeated = config.repeatedKey().orElse("");
        } catch (BadInputException e) {
          config = null;
          invalid = e;
        }
      }
      DotEnv env =
          envText
              .map(t -> host.parsed(DotEnv.KIND, HermesFiles.env(home), t, DotEnv::parse))
              .orElseGet(DotEnv::empty);
      return new Parsed(config, invalid, env, repeated);
    }
  }

  public ApprovalsFacts {
    searched = List.copyOf(searched);
    links = List.copyOf(links);
    processEnv = Map.copyOf(processEnv);
  }

  /** Files only: no container, no process environment. */
  public ApprovalsFacts(
      Optional<String> home,
      List<String> searched,
      Optional<String> configText,
      Optional<String> envText) {
    this(home, searched, configText, envText, Optional.empty(), Map.of(), "", null, "", List.of());
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
        "container " + c.name(),
        parsed,
        activeProfile,
        links);
  }

  /**
   * The parsed config; Hermes' defaults when the file is absent.
   *
   * @throws dev.hermesharden.model.BadInputException when it is not YAML
   */
  public HermesConfig config() {
    if (parsed != null) {
      if (parsed.invalid() != null) {
        throw parsed.invalid();
      }
      return parsed.config();
    }
    return configText.map(t -> HermesConfig.parse(configPath(), t)).orElseGet(HermesConfig::empty);
  }

  /** The first key config.yaml writes twice, "" when none (or no config.yaml). */
  public String repeatedKey() {
    if (parsed != null) {
      return parsed.repeated();
    }
    try {
      return config().repeatedKey().orElse("");
    } catch (dev.hermesharden.model.BadInputException e) {
      return ""; // not YAML: the verdict says so
    }
  }

  public DotEnv env() {
    if (parsed != null) {
      return parsed.env();
    }
    return envText.map(DotEnv::parse).orElseGet(DotEnv::empty);
  }

  public String configPath() {
    return home.map(HermesFiles::config).orElse("");
  }

  public String envPath() {
    return home.map(HermesFiles::env).orElse("");
  }
}
