package dev.hermesharden.checks.fail2ban;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.fail2ban.Fail2banStatus;
import java.util.Optional;

/**
 * {@code fail2ban.sshd-jail}: the running server lists the jail (param {@code jail}, default {@code
 * sshd}). Asks the server, not the files: a jail that failed to load is not listed.
 */
public final class SshdJailCheck implements Check<SshdJailCheck.Facts> {
  private static final ParamSchema SCHEMA = ParamSchema.of(Param.text("jail").orElse("sshd"));

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  /** The parsed status, or empty with the client's complaint when the server did not answer. */
  public record Facts(Optional<Fail2banStatus> status, String error) {}

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    ExecResult r = host.exec("fail2ban-client", "status");
    if (!r.ok()) {
      return new Facts(Optional.empty(), (r.stderr() + r.stdout()).strip());
    }
    try {
      return new Facts(Optional.of(Fail2banStatus.parse(r.stdout())), "");
    } catch (IllegalArgumentException e) {
      throw new HostException(HostException.Kind.IO, "fail2ban-client status: " + e.getMessage());
    }
  }

  @Override
  public Verdict evaluate(Facts facts, Params params, StepContext ctx) {
    String jail = SCHEMA.resolve(params).string("jail");
    if (facts.status().isEmpty()) {
      return Verdict.fail("reason.fail2ban.server-down").with("client", firstLine(facts.error()));
    }
    Fail2banStatus s = facts.status().get();
    return (s.jails().contains(jail)
            ? Verdict.pass("reason.fail2ban.jail-listed", jail)
            : Verdict.fail("reason.fail2ban.jail-missing", jail))
        .with("jails", String.join(",", s.jails()));
  }

  static String firstLine(String s) {
    return s.isEmpty() ? "-" : s.split("\n", 2)[0];
  }
}
