package dev.hermesharden.checks.hermesdir;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.BadInputException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.hermes.HermesConfig;
import dev.hermesharden.system.hermes.HermesFiles;
import dev.hermesharden.system.hermes.LiteralSecretScanner;
import java.util.List;
import java.util.Optional;

/**
 * {@code hermes-dir.no-literal-secrets}: {@code config.yaml} holds no secret values itself (keys
 * named like key/token/secret/password whose value is not a {@code ${VAR}} reference). Secrets
 * belong in {@code .env} (600); config.yaml tends to be copied, shared and backed up. Details name
 * the key paths only, never a value.
 */
public final class LiteralSecretsCheck implements Check<LiteralSecretsCheck.Facts> {
  /**
   * HERMES_HOME and the text of its {@code config.yaml}, if any.
   *
   * @param loaded the text as the host loaded it, once per run for this check and the approvals
   *     checks ({@link Host#parsed}); null for facts made from texts, which load it when judged
   */
  public record Facts(Optional<String> home, Optional<String> config, Loaded loaded) {
    public Facts(Optional<String> home, Optional<String> config) {
      this(home, config, null);
    }
  }

  /** A loaded config.yaml: its document, or why it is not YAML. */
  public record Loaded(Object document, BadInputException invalid) {}

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    Optional<String> home = HermesDir.locate(host, ctx);
    if (home.isEmpty()) {
      return new Facts(home, Optional.empty());
    }
    Optional<String> text = host.readFile(home.get() + "/config.yaml");
    if (text.isEmpty()) {
      return new Facts(home, text);
    }
    String path = HermesFiles.config(home.get()); // the name the approvals checks parse it under
    try {
      Object doc = HermesConfig.document(host, path, text.get());
      return new Facts(home, text, new Loaded(doc, null));
    } catch (BadInputException e) {
      return new Facts(home, text, new Loaded(null, e));
    }
  }

  @Override
  public Verdict evaluate(Facts facts, Params params, StepContext ctx) {
    if (facts.home().isEmpty()) {
      return HermesDir.noHome();
    }
    String path = facts.home().get() + "/config.yaml";
    if (facts.config().isEmpty()) {
      return Verdict.notApplicable("reason.hermes-dir.no-config", path);
    }
    List<String> keys;
    try {
      Loaded loaded = facts.loaded();
      if (loaded == null) {
        keys = LiteralSecretScanner.scan(path, facts.config().get());
      } else if (loaded.invalid() != null) {
        throw loaded.invalid();
      } else {
        keys = LiteralSecretScanner.scan(loaded.document());
      }
    } catch (BadInputException e) {
      return Verdict.error("reason.hermes-dir.config-unreadable", e.where());
    }
    if (keys.isEmpty()) {
      return Verdict.pass("reason.hermes-dir.no-literal-secrets", path);
    }
    Verdict v = Verdict.fail("reason.hermes-dir.literal-secrets", path, String.join(", ", keys));
    for (int i = 0; i < keys.size(); i++) {
      v = v.with("key." + (i + 1), keys.get(i));
    }
    return v;
  }
}
