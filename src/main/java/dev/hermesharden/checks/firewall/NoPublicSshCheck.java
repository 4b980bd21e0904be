package dev.hermesharden.checks.firewall;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.ufw.FirewallFacts;
import dev.hermesharden.system.ufw.LiveFirewall.Attempt;
import dev.hermesharden.system.ufw.PrivatePath;
import dev.hermesharden.system.ufw.SshExposure;
import dev.hermesharden.system.ufw.UfwRule;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code firewall.no-public-ssh}: no new connection from the internet reaches an SSH port, judged
 * on the live packet filter (IPv4 and IPv6, every public address, from "anyone" and from every
 * public network a rule names) and held against ufw's own rules. What it tells apart: ufw inactive;
 * a ufw rule that opens SSH; a ufw rule removed from its files but still loaded (reload); a rule
 * outside ufw (a raw {@code iptables} ACCEPT); and a ufw rule on disk that the next reload would
 * load. Without a live filter to ask, ufw's rules alone decide. An SSH port is sshd's (its files)
 * or another SSH server's of root's listening now (a second {@code sshd -p 2200}).
 */
public final class NoPublicSshCheck implements Check<FirewallFacts> {
  @Override
  public FirewallFacts gather(Host host, StepContext ctx) throws HostException {
    return FirewallFacts.gather(host);
  }

  /** Whether a rule ufw lists admits this attempt (from its source network, on its interface). */
  private static boolean ufwAdmits(FirewallFacts facts, Attempt a) {
    return facts.status().map(s -> s.rules()).orElse(List.of()).stream()
        .anyMatch(
            r ->
                r.admitsIncoming()
                    && r.coversTcpPort(a.packet().dstPort())
                    && r.v6() == a.packet().v6()
                    && r.iface().map(i -> i.equals(a.packet().inIface().orElse(""))).orElse(true)
                    && (r.fromAnywhere() || PrivatePath.contains(r.from(), a.packet().src())));
  }

  @Override
  public Verdict evaluate(FirewallFacts facts, Params params, StepContext ctx) {
    String ports = SshPrivateRuleCheck.join(facts.ssh().all());
    if (!facts.installed()) {
      return Verdict.fail("reason.firewall.not-installed");
    }
    PrivatePath path = PrivatePath.of(ctx.answers());
    boolean active = FirewallLive.active(facts);
    List<UfwRule> intent =
        facts
            .status()
            .filter(s -> s.active())
            .map(s -> SshExposure.publicRules(s.rules(), facts.ssh().all(), path))
            .orElse(List.of());
    List<Attempt> attempts = FirewallLive.fromInternet(facts, path);
    Verdict v;
    if (attempts.isEmpty()) {
      // no live filter to ask: ufw's rules decide
      if (!active) {
        v = Verdict.fail("reason.firewall.public-ssh-inactive", ports);
      } else if (intent.isEmpty()) {
        v = Verdict.pass("reason.firewall.public-ssh-none", ports);
      } else {
        v = Verdict.fail("reason.firewall.public-ssh-open", ports, intent.size());
      }
    } else {
      List<Attempt> open = FirewallLive.accepted(attempts);
      if (!open.isEmpty()) {
        Attempt a = open.get(0);
        String rule = a.accepted().orElseThrow().decidedBy();
        int port = a.packet().dstPort();
        if (facts.ssh().others().contains(port) && !facts.ssh().ports().contains(port)) {
          // not the files' sshd: closing sshd's ports would leave it open
          v = Verdict.fail("reason.firewall.public-ssh-other-server", port, a.label());
        } else if (!active) {
          v = Verdict.fail("reason.firewall.public-ssh-inactive", ports);
        } else if (!intent.isEmpty()) {
          v = Verdict.fail("reason.firewall.public-ssh-open", ports, intent.size());
        } else if (ufwAdmits(facts, a)) {
          v =
              Verdict.fail(
                  "reason.firewall.public-ssh-from", a.packet().dstPort(), a.packet().src(), rule);
        } else if (rule.startsWith("-A ufw-user-input")
            || rule.startsWith("-A ufw6-user-input")
            || rule.startsWith("-A ufw-user-limit")
            || rule.startsWith("-A ufw6-user-limit")) {
          v = Verdict.fail("reason.firewall.public-ssh-not-reloaded", a.packet().dstPort(), rule);
        } else {
          v =
              Verdict.fail(
                  "reason.firewall.public-ssh-outside-ufw", a.packet().dstPort(), rule, a.label());
        }
        v = v.with("open", a.label());
      } else if (!intent.isEmpty()) {
        v = Verdict.fail("reason.firewall.public-ssh-not-loaded", ports, intent.get(0).label());
      } else {
        v = Verdict.pass("reason.firewall.public-ssh-none-live", ports, attempts.size());
      }
    }
    if (!intent.isEmpty()) {
      v = v.with("rules", intent.stream().map(UfwRule::label).collect(Collectors.joining("; ")));
    }
    return FirewallLive.withStatusError(FirewallLive.withLive(v, attempts), facts);
  }
}
