package dev.hermesharden.checks.fail2ban;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.fail2ban.HostLogSource;
import dev.hermesharden.system.fail2ban.JailConfig;
import dev.hermesharden.system.fail2ban.JailLive;
import java.util.Optional;

/**
 * {@code fail2ban.backend}: the sshd jail's effective backend (merged jail files) can see sshd's
 * log on this host. The trap: {@code backend = auto} on a journald-only host watches a {@code
 * /var/log/auth.log} that nobody writes, so nothing is ever banned (or fail2ban will not start at
 * all).
 */
public final class JailBackendCheck implements Check<JailBackendCheck.Facts> {
  /**
   * The backend of the files ({@code auto} when unset, fail2ban's default), the host's logging, and
   * what the running jail reads ({@code journal} or {@code file}, empty when it does not run).
   */
  public record Facts(String backend, HostLogSource logSource, Optional<String> running) {
    public Facts(String backend, HostLogSource logSource) {
      this(backend, logSource, Optional.empty());
    }
  }

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    String backend = JailConfig.read(host).get("sshd", "backend").orElse("auto");
    JailLive live = JailLive.gather(host, "sshd");
    return new Facts(
        backend,
        HostLogSource.detect(host),
        live.running() ? Optional.of(live.backendKind()) : Optional.empty());
  }

  @Override
  public Verdict evaluate(Facts facts, Params params, StepContext ctx) {
    HostLogSource src = facts.logSource();
    String host = src.journalOnly() ? "journald" : HostLogSource.AUTH_LOG;
    // the running jail decides what is watched now; the files decide after the next reload
    boolean runningJournal = facts.running().map("journal"::equals).orElse(false);
    if (facts.running().isPresent() && runningJournal != facts.backend().startsWith("systemd")) {
      return Verdict.fail(
              "reason.fail2ban.backend-not-in-effect", facts.backend(), facts.running().get())
          .with("backend", facts.backend())
          .with("running", facts.running().get())
          .with("log-source", host);
    }
    Verdict v =
        src.suits(facts.backend())
            ? Verdict.pass("reason.fail2ban.backend-ok", facts.backend(), host)
            : Verdict.fail(
                "reason.fail2ban.backend-wrong", facts.backend(), host, src.recommendedBackend());
    Verdict out = v.with("backend", facts.backend()).with("log-source", host);
    return facts.running().map(r -> out.with("running", r)).orElse(out);
  }
}
