package dev.hermesharden.checks.fail2ban;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.fail2ban.JailLive;
import dev.hermesharden.system.net.Cidr;
import dev.hermesharden.system.ufw.PrivatePath;
import dev.hermesharden.system.ufw.PublicAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code fail2ban.ignoreip}: the running sshd jail never bans loopback ({@code 127.0.0.1}, {@code
 * ::1}) nor the admin's private path (Tailscale's IPv4 and IPv6 ranges: a login over either is a
 * login over the path), so a few mistyped logins over Tailscale cannot lock the admin out — and
 * exempts no public network (a whole public /24 exempts an attacker there too). A single public
 * address (the admin's static one) is allowed.
 */
public final class IgnoreIpCheck implements Check<IgnoreIpCheck.Facts> {
  /** The jail's ignore list as the server reports it, or empty with the client's complaint. */
  public record Facts(Optional<List<String>> ignored, String error) {}

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    JailLive live = JailLive.gather(host, "sshd");
    return live.running()
        ? new Facts(Optional.of(live.ignoreip()), "")
        : new Facts(Optional.empty(), live.error());
  }

  @Override
  public Verdict evaluate(Facts facts, Params params, StepContext ctx) {
    if (facts.ignored().isEmpty()) {
      return Verdict.fail("reason.fail2ban.server-down")
          .with("client", SshdJailCheck.firstLine(facts.error()));
    }
    List<String> ignored = facts.ignored().get();
    PrivatePath path = PrivatePath.of(ctx.answers());
    List<String> missing = new ArrayList<>();
    if (ignored.stream().noneMatch(e -> PrivatePath.contains(e, "127.0.0.1"))) {
      missing.add("127.0.0.1/8");
    }
    if (ignored.stream().noneMatch(e -> e.equals("::1") || e.equals("::1/128"))) {
      missing.add("::1");
    }
    for (String cidr : path.cidrs()) {
      if (ignored.stream().noneMatch(e -> PrivatePath.contains(e, cidr))) {
        missing.add(cidr);
      }
    }
    List<String> wide =
        ignored.stream()
            .filter(e -> e.contains("/") && PublicAddress.coversPublic(e))
            .filter(e -> path.cidrs().stream().noneMatch(c -> PrivatePath.contains(c, e)))
            .filter(
                e -> Cidr.tryParse(e).map(c -> c.prefix() < c.network().length * 8).orElse(false))
            .toList();
    Verdict v =
        !missing.isEmpty()
            ? Verdict.fail("reason.fail2ban.ignoreip-missing", String.join(" ", missing))
            : !wide.isEmpty()
                ? Verdict.fail("reason.fail2ban.ignoreip-public", String.join(" ", wide))
                : Verdict.pass("reason.fail2ban.ignoreip-ok", path.cidr());
    return v.with("ignoreip", String.join(" ", ignored));
  }
}
