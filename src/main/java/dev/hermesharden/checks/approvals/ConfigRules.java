package dev.hermesharden.checks.approvals;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.system.hermes.DotEnv;
import dev.hermesharden.system.hermes.HermesConfig;
import java.util.List;
import java.util.Optional;

/**
 * The pure rules over {@code config.yaml} (design §2 step 9, §9). Each is an {@link
 * ApprovalsCheck.Rule}.
 */
public final class ConfigRules {
  private ConfigRules() {}

  /** {@code approvals.mode} must be manual: smart lets a model decide, off is yolo. */
  public static Verdict mode(HermesConfig c, DotEnv env, Params p) {
    String mode = c.approvalsMode();
    Verdict v =
        switch (mode) {
          case "manual" -> Verdict.pass("reason.approvals.mode-manual");
          case "smart" -> Verdict.fail("reason.approvals.mode-smart");
          case "off" -> Verdict.fail("reason.approvals.mode-off");
          default -> Verdict.fail("reason.approvals.mode-unknown", mode);
        };
    // the entries themselves are for the review screen; a count is safe to keep in a report
    return v.with("approvals.mode", mode)
        .with("command_allowlist", String.valueOf(c.commandAllowlist().size()));
  }

  /** Scheduled jobs have nobody to ask, so dangerous commands must be denied, explicitly. */
  public static Verdict cronMode(HermesConfig c, DotEnv env, Params p) {
    Optional<String> mode = c.cronMode();
    if (mode.isEmpty()) {
      return Verdict.fail("reason.approvals.cron-unset");
    }
    return mode.get().equals("deny")
        ? Verdict.pass("reason.approvals.cron-deny")
        : Verdict.fail("reason.approvals.cron-other", mode.get());
  }

  public static Verdict redactSecrets(HermesConfig c, DotEnv env, Params p) {
    return c.redactSecrets()
        ? Verdict.pass("reason.approvals.redact-on")
        : Verdict.fail("reason.approvals.redact-off");
  }

  public static Verdict websiteBlocklist(HermesConfig c, DotEnv env, Params p) {
    return c.websiteBlocklistEnabled()
        ? Verdict.pass("reason.approvals.blocklist-on")
        : Verdict.fail("reason.approvals.blocklist-off");
  }

  /** {@code HERMES_ALLOW_PRIVATE_URLS} in the env turns it on as well. */
  public static Verdict privateUrls(HermesConfig c, DotEnv env, Params p) {
    if (env.get("HERMES_ALLOW_PRIVATE_URLS").filter(DotEnv::truthy).isPresent()) {
      return Verdict.fail("reason.approvals.private-urls-env", "HERMES_ALLOW_PRIVATE_URLS");
    }
    return c.allowPrivateUrls()
        ? Verdict.fail("reason.approvals.private-urls-on")
        : Verdict.pass("reason.approvals.private-urls-off");
  }

  public static Verdict terminalBackend(HermesConfig c, DotEnv env, Params p) {
    String want = p.string("expect", "docker");
    String backend = c.terminalBackend();
    return backend.equals(want)
        ? Verdict.pass("reason.approvals.backend-ok", backend)
        : Verdict.fail("reason.approvals.backend-other", backend, want);
  }

  /** Names only: forwarded variables are visible to every command the agent runs. */
  public static Verdict dockerForwardEnv(HermesConfig c, DotEnv env, Params p) {
    List<String> names = c.dockerForwardEnv();
    return names.isEmpty()
        ? Verdict.pass("reason.approvals.forward-env-empty")
        : Verdict.fail("reason.approvals.forward-env-set", String.join(", ", names));
  }

  /** CPU between 0 and {@code max-cpu}; memory a positive number of MB (0 = no limit). */
  public static Verdict containerLimits(HermesConfig c, DotEnv env, Params p) {
    double maxCpu = Double.parseDouble(p.string("max-cpu", "2"));
    Optional<Double> cpu = c.containerCpu();
    Optional<Double> mem = c.containerMemoryMb();
    if (cpu.isEmpty() || cpu.get() <= 0 || cpu.get() > maxCpu) {
      return Verdict.fail(
          "reason.approvals.limits-cpu", cpu.map(ConfigRules::num).orElse("?"), num(maxCpu));
    }
    if (mem.isEmpty() || mem.get() <= 0) {
      return Verdict.fail("reason.approvals.limits-memory", mem.map(ConfigRules::num).orElse("?"));
    }
    return Verdict.pass("reason.approvals.limits-ok", num(cpu.get()), num(mem.get()));
  }

  static String num(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
