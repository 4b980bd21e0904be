package dev.hermesharden.checks.approvals;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.system.hermes.CommandAllowlist;
import dev.hermesharden.system.hermes.DotEnv;
import dev.hermesharden.system.hermes.HermesConfig;
import dev.hermesharden.system.hermes.HermesSettings;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The pure rules over {@code config.yaml} (design §2 step 9, §9). Each is an {@link
 * ApprovalsCheck.Rule}.
 */
public final class ConfigRules {
  private ConfigRules() {}

  /**
   * Hermes' managed-scope directory ({@code hermes_cli/managed_scope.py}): read from Hermes'
   * environment after {@code .env} is loaded, its {@code config.yaml} overlays HERMES_HOME's leaf
   * by leaf and its {@code .env} is applied last. The audit does not follow it, so naming it fails.
   */
  static final String MANAGED_DIR = "HERMES_MANAGED_DIR";

  /**
   * {@code approvals.mode} as Hermes normalises it must be manual: smart lets a model decide, off
   * is yolo; and no {@code command_allowlist} entry may approve a shell or interpreter given any
   * command ({@link CommandAllowlist}), which asks before nothing. {@code HERMES_YOLO_MODE} in the
   * environment Hermes sees bypasses every mode, so it fails this check too (it is what the title
   * promises: Hermes asks before dangerous commands).
   */
  public static Verdict mode(HermesView v, Params p) {
    HermesConfig c = v.config();
    String mode = v.settings().approvalsMode();
    String written = c.present("approvals.mode") ? written(c.get("approvals.mode")) : "(unset)";
    Verdict out;
    Optional<String> managed = v.settings().env(MANAGED_DIR).map(String::strip);
    // tools/approval.py approves an allowlisted command before it looks for danger: an entry that
    // lets "bash -c …" through lets every command through
    List<Integer> wide =
        CommandAllowlist.runsAnything(
            CommandAllowlist.entries(c.get("command_allowlist").orElse(null)));
    if (v.settings().yolo()) {
      out =
          Verdict.fail("reason.approvals.mode-yolo", v.settings().source("HERMES_YOLO_MODE"), mode);
    } else if (managed.isPresent() && !managed.get().isEmpty()) {
      // managed_scope.get_managed_dir: its config.yaml wins over this one, leaf by leaf
      out =
          Verdict.fail(
              "reason.approvals.managed-dir", EnvRules.where(v, MANAGED_DIR), managed.get());
    } else {
      out =
          switch (mode) {
            case "manual" ->
                wide.isEmpty()
                    ? Verdict.pass("reason.approvals.mode-manual", written)
                    : Verdict.fail(
                        "reason.approvals.allowlist-anything",
                        wide.stream().map(String::valueOf).collect(Collectors.joining(", ")));
            case "smart" ->
                c.present("approvals.mode")
                    ? Verdict.fail("reason.approvals.mode-smart")
                    : Verdict.fail("reason.approvals.mode-default", HermesSettings.DEFAULT_MODE);
            default -> Verdict.fail("reason.approvals.mode-off", written);
          };
    }
    // the entries themselves are for the review screen; a count is safe to keep in a report
    return out.with("approvals.mode", mode)
        .with("written", written)
        .with("command_allowlist", String.valueOf(c.commandAllowlist().size()));
  }

  /** How a YAML value is written, as Python would print it ({@code False}, {@code yes}). */
  private static String written(Optional<Object> value) {
    return value
        .map(x -> x instanceof Boolean b ? (b ? "true" : "false") : x.toString())
        .orElse("");
  }

  /**
   * Scheduled jobs have nobody to ask, so dangerous commands must be denied. Read as Hermes' {@code
   * _get_cron_approval_mode} does: unset means deny (its default).
   */
  public static Verdict cronMode(HermesView v, Params p) {
    HermesConfig c = v.config();
    String mode = v.settings().cronMode();
    boolean set = c.present("approvals.cron_mode");
    String written = set ? written(c.get("approvals.cron_mode")) : "(unset)";
    Verdict out;
    if (!mode.equals("deny")) {
      out = Verdict.fail("reason.approvals.cron-other", written);
    } else {
      out =
          set
              ? Verdict.pass("reason.approvals.cron-deny", written)
              : Verdict.pass("reason.approvals.cron-default");
    }
    return out.with("approvals.cron_mode", mode).with("written", written);
  }

  /**
   * As {@code agent/redact.py} decides ({@link HermesSettings#redactSecrets}): {@code
   * HERMES_REDACT_SECRETS} in Hermes' environment beats config.yaml.
   */
  public static Verdict redactSecrets(HermesView v, Params p) {
    HermesSettings s = v.settings();
    if (!s.redactEnvOn()) {
      return Verdict.fail(
          "reason.approvals.redact-off-env",
          HermesSettings.REDACT_VAR,
          EnvRules.where(v, HermesSettings.REDACT_VAR));
    }
    return s.redactSecrets()
        ? Verdict.pass("reason.approvals.redact-on")
        : Verdict.fail("reason.approvals.redact-off");
  }

  /** As {@code tools/website_policy.py} reads it: a section it refuses blocks nothing. */
  public static Verdict websiteBlocklist(HermesView v, Params p) {
    HermesConfig c = v.config();
    Optional<String> refused = c.websiteBlocklistRefused();
    if (refused.isPresent()) {
      return Verdict.fail("reason.approvals.blocklist-malformed", refused.get());
    }
    return c.websiteBlocklistEnabled()
        ? Verdict.pass("reason.approvals.blocklist-on")
        : Verdict.fail("reason.approvals.blocklist-off");
  }

  /** {@code HERMES_ALLOW_PRIVATE_URLS} in the environment Hermes sees turns it on as well. */
  public static Verdict privateUrls(HermesView v, Params p) {
    HermesConfig c = v.config();
    if (v.settings().env("HERMES_ALLOW_PRIVATE_URLS").filter(DotEnv::truthy).isPresent()) {
      return Verdict.fail("reason.approvals.private-urls-env", "HERMES_ALLOW_PRIVATE_URLS");
    }
    if (c.allowPrivateUrls()) {
      return Verdict.fail("reason.approvals.private-urls-on");
    }
    // tools/url_safety.py still reads the legacy key after security's
    return c.browserAllowPrivateUrls()
        ? Verdict.fail("reason.approvals.private-urls-browser")
        : Verdict.pass("reason.approvals.private-urls-off");
  }

  /**
   * The terminal rules read the settings as Hermes' terminal tool does ({@link
   * HermesSettings#terminalFrom}): a key config.yaml leaves out is taken from {@code TERMINAL_*} in
   * Hermes' environment; the detail {@code from} then names the variable.
   */
  public static Verdict terminalBackend(HermesView v, Params p) {
    String want = p.string("expect", "docker");
    String backend = v.settings().terminalBackend();
    Verdict out =
        backend.equals(want)
            ? Verdict.pass("reason.approvals.backend-ok", backend)
            : Verdict.fail("reason.approvals.backend-other", backend, want);
    return from(out, v, "backend");
  }

  /** Names only: forwarded variables are visible to every command the agent runs. */
  public static Verdict dockerForwardEnv(HermesView v, Params p) {
    List<String> names = v.settings().dockerForwardEnv();
    Verdict out =
        names.isEmpty()
            ? Verdict.pass("reason.approvals.forward-env-empty")
            : Verdict.fail("reason.approvals.forward-env-set", String.join(", ", names));
    return from(out, v, "docker_forward_env");
  }

  /** CPU between 0 and {@code max-cpu}; memory a positive number of MB (0 = no limit). */
  public static Verdict containerLimits(HermesView v, Params p) {
    HermesSettings s = v.settings();
    double maxCpu = Double.parseDouble(p.string("max-cpu", "2"));
    Optional<Double> cpu = s.containerCpu();
    Optional<Double> mem = s.containerMemoryMb();
    if (cpu.isEmpty() || cpu.get() <= 0 || cpu.get() > maxCpu) {
      return from(
          Verdict.fail(
              "reason.approvals.limits-cpu", cpu.map(ConfigRules::num).orElse("?"), num(maxCpu)),
          v,
          "container_cpu");
    }
    if (mem.isEmpty() || mem.get() <= 0) {
      return from(
          Verdict.fail("reason.approvals.limits-memory", mem.map(ConfigRules::num).orElse("?")),
          v,
          "container_memory");
    }
    return from(
        from(
            Verdict.pass("reason.approvals.limits-ok", num(cpu.get()), num(mem.get())),
            v,
            "container_cpu"),
        v,
        "container_memory");
  }

  /** The verdict with {@code from} naming the TERMINAL_* variable the value came from, if one. */
  private static Verdict from(Verdict out, HermesView v, String key) {
    String from = v.settings().terminalFrom(key);
    if (from.isEmpty()) {
      return out;
    }
    String had = out.details().getOrDefault("from", "");
    return out.with("from", had.isEmpty() ? from : had + ", " + from);
  }

  static String num(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
