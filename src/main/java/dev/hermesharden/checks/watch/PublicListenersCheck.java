package dev.hermesharden.checks.watch;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.checks.docker.DockerFacts;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.net.SsListeners;
import java.util.List;
import java.util.Optional;

/**
 * Kind {@code watch-public-listeners}: every TCP socket listening on a public address (not
 * loopback, not the admin's private path: {@code BindAddress}) belongs to a program named in {@code
 * expected} (sshd, which the firewall closes to the public). Anything else listening publicly — a
 * shell the agent left behind, a debug server, a port published past Docker — is a finding, even
 * when ufw drops its packets today: one rule later it is open.
 *
 * <p>A program's name is what its file is called, so any account can start a listener named {@code
 * sshd}: an expected name counts only for a socket root owns ({@code ss -e} names any other owner).
 */
public final class PublicListenersCheck implements Check<List<SsListeners.Listener>> {
  private static final ParamSchema SCHEMA =
      ParamSchema.of(Param.list("expected").orElse(List.of("sshd")));

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public List<SsListeners.Listener> gather(Host host, StepContext ctx) throws HostException {
    return SsListeners.parse(SsListeners.ask(host).stdout());
  }

  @Override
  public Verdict evaluate(List<SsListeners.Listener> ls, Params params, StepContext ctx) {
    if (ls.isEmpty()) {
      // a server the admin reaches by SSH always has a listener: none read means ss said nothing
      return Verdict.fail("reason.watch.ss-unreadable");
    }
    Optional<String> cidr = DockerFacts.privateCidr(ctx);
    List<SsListeners.Listener> bad =
        ls.stream()
            .filter(l -> l.isPublic(cidr))
            .filter(l -> l.uid() != 0 || !params.list("expected").contains(l.process()))
            .toList();
    if (bad.isEmpty()) {
      return Verdict.pass("reason.watch.listeners-ok", ls.size());
    }
    Verdict v =
        Verdict.fail(
            "reason.watch.listeners-public",
            String.join(", ", bad.stream().map(SsListeners.Listener::label).toList()));
    for (SsListeners.Listener l : bad) {
      v = v.with(l.label(), l.process().isEmpty() ? "?" : l.process());
    }
    return v;
  }
}
