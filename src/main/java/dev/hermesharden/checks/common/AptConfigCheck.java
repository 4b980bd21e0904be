package dev.hermesharden.checks.common;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.apt.AptConfigDump;
import java.util.Optional;

/**
 * Kind {@code apt-config}: apt's resolved value of {@code key} equals {@code expect}. Read from
 * {@code apt-config dump} — apt's own merge of {@code apt.conf} and {@code apt.conf.d} in its order
 * — never by reading one file, which a later file may override.
 */
public final class AptConfigCheck implements Check<AptConfigCheck.Facts> {
  public static final String KIND = "apt-config";

  /** The dump as parsed, or why there is none ({@code apt-config} missing or failing). */
  public record Facts(Optional<AptConfigDump> dump, String error) {}

  private static final ParamSchema SCHEMA = ParamSchema.of(Param.text("key"), Param.text("expect"));

  /** Runs {@code apt-config dump}; a host that keeps parses parses it once per run. */
  public static Facts read(Host host) throws HostException {
    ExecResult r = host.exec("apt-config", "dump");
    if (!r.ok()) {
      String why = r.stderr().strip();
      return new Facts(Optional.empty(), why.isEmpty() ? "exit " + r.exitCode() : why);
    }
    return new Facts(
        Optional.of(
            host.parsed(AptConfigDump.KIND, "apt-config dump", r.stdout(), AptConfigDump::parse)),
        "");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    return read(host);
  }

  @Override
  public Verdict evaluate(Facts facts, Params params, StepContext ctx) {
    String key = params.string("key");
    String expect = params.string("expect");
    if (facts.dump().isEmpty()) {
      return Verdict.error("reason.apt-config.unavailable", facts.error());
    }
    Optional<String> value = facts.dump().get().get(key);
    if (value.isPresent() && value.get().equals(expect)) {
      return Verdict.pass("reason.apt-config.equals", key, expect);
    }
    return value
        .map(v -> Verdict.fail("reason.apt-config.differs", key, v, expect))
        .orElseGet(() -> Verdict.fail("reason.apt-config.unset", key, expect))
        .with("apt-config", key + " " + value.orElse("(unset)"));
  }
}
