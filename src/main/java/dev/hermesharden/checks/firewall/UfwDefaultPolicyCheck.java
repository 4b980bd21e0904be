package dev.hermesharden.checks.firewall;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.net.IpAddrShowParser.InterfaceAddress;
import dev.hermesharden.system.netfilter.FilterEvaluator;
import dev.hermesharden.system.netfilter.Packet;
import dev.hermesharden.system.ufw.FirewallFacts;
import dev.hermesharden.system.ufw.LiveFirewall.Attempt;
import dev.hermesharden.system.ufw.PrivatePath;
import java.util.List;
import java.util.Optional;

/**
 * {@code firewall.default-incoming} / {@code firewall.default-outgoing}: the default policy of one
 * direction is one of the accepted ones.
 *
 * <p>Params: {@code direction} ({@code incoming}|{@code outgoing}), {@code accept} (policies that
 * pass; incoming defaults to deny/reject, outgoing to allow/deny so a stricter admin choice is left
 * alone). An inactive firewall has no policy in force, so it fails. Incoming is also tried on the
 * live filter: a new connection to a port no rule names ({@value #UNUSED_PORT}) must be dropped.
 * When {@code ufw status} fails, the live filter alone answers.
 */
public final class UfwDefaultPolicyCheck implements Check<FirewallFacts> {
  private static final ParamSchema SCHEMA =
      ParamSchema.of(Param.oneOf("direction", "incoming", "outgoing"), Param.list("accept"));

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  static final int UNUSED_PORT = 65432;

  /** The accepted policies for a direction, from params or the defaults above. */
  public static List<String> accepted(Params params) {
    List<String> accept = params.list("accept");
    if (!accept.isEmpty()) {
      return accept;
    }
    return params.string("direction").equals("incoming")
        ? List.of("deny", "reject")
        : List.of("allow", "deny");
  }

  @Override
  public FirewallFacts gather(Host host, StepContext ctx) throws HostException {
    return FirewallFacts.gather(host);
  }

  @Override
  public Verdict evaluate(FirewallFacts facts, Params params, StepContext ctx) {
    String direction = params.string("direction");
    if (!facts.installed()) {
      return Verdict.fail("reason.firewall.not-installed");
    }
    if (!FirewallLive.active(facts)) {
      return Verdict.fail("reason.firewall.default-inactive", direction);
    }
    List<String> accept = accepted(params);
    boolean incoming = direction.equals("incoming");
    List<Attempt> probe =
        incoming
            ? facts.live().fromInternet(UNUSED_PORT, PrivatePath.of(ctx.answers())).stream()
                .limit(2)
                .toList()
            : List.of();
    Optional<String> livePolicy = incoming ? incomingLive(probe) : outgoingLive(facts);
    String policy =
        facts.status().flatMap(s -> s.defaultPolicy(direction)).or(() -> livePolicy).orElse("?");
    Verdict v;
    if (incoming && livePolicy.map("allow"::equals).orElse(false)) {
      Attempt open = FirewallLive.accepted(probe).get(0);
      v =
          Verdict.fail(
              "reason.firewall.default-live-open",
              UNUSED_PORT,
              open.accepted().orElseThrow().decidedBy());
    } else if (accept.contains(policy)) {
      v =
          facts.status().isPresent()
              ? Verdict.pass("reason.firewall.default-ok", direction, policy)
              : Verdict.pass("reason.firewall.default-ok-live", direction, policy);
    } else {
      v = Verdict.fail("reason.firewall.default-wrong", direction, policy, accept.get(0));
    }
    return FirewallLive.withStatusError(
        FirewallLive.withLive(v.with("policy", policy), probe), facts);
  }

  private static Optional<String> incomingLive(List<Attempt> probe) {
    if (probe.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(FirewallLive.accepted(probe).isEmpty() ? "deny" : "allow");
  }

  /** A new TCP connection out to the internet on the live filter: allow or deny. */
  private static Optional<String> outgoingLive(FirewallFacts facts) {
    if (facts.live().v4().isEmpty()) {
      return Optional.empty();
    }
    for (InterfaceAddress ia : facts.live().addresses()) {
      if (!ia.device().equals("lo") && ia.family().equals("inet")) {
        Packet p = Packet.tcpOut(ia.device(), ia.address(), "198.51.100.77", 443);
        return Optional.of(
            FilterEvaluator.reachable(facts.live().v4().get(), "OUTPUT", p).isPresent()
                ? "allow"
                : "deny");
      }
    }
    return Optional.empty();
  }
}
