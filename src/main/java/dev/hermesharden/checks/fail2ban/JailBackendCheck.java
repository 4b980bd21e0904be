package dev.hermesharden.checks.fail2ban;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.fail2ban.HostLogSource;
import dev.hermesharden.system.fail2ban.JailConfig;

/**
 * {@code fail2ban.backend}: the sshd jail's effective backend (merged jail files) can see sshd's
 * log on this host. The trap: {@code backend = auto} on a journald-only host watches a {@code
 * /var/log/auth.log} that nobody writes, so nothing is ever banned (or fail2ban will not start at
 * all).
 */
public final class JailBackendCheck implements Check<JailBackendCheck.Facts> {
  /** The effective backend ({@code auto} when unset, fail2ban's default) and the host's logging. */
  public record Facts(String backend, HostLogSource logSource) {}

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    String backend = JailConfig.read(host).get("sshd", "backend").orElse("auto");
    return new Facts(backend, HostLogSource.detect(host));
  }

  @Override
  public Verdict evaluate(Facts facts, Params params, StepContext ctx) {
    HostLogSource src = facts.logSource();
    String host = src.journalOnly() ? "journald" : HostLogSource.AUTH_LOG;
    Verdict v =
        src.suits(facts.backend())
            ? Verdict.pass("reason.fail2ban.backend-ok", facts.backend(), host)
            : Verdict.fail(
                "reason.fail2ban.backend-wrong", facts.backend(), host, src.recommendedBackend());
    return v.with("backend", facts.backend()).with("log-source", host);
  }
}
