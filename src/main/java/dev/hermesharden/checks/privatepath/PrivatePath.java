package dev.hermesharden.checks.privatepath;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.net.IpAddrShowParser;
import dev.hermesharden.system.net.IpAddrShowParser.InterfaceAddress;
import dev.hermesharden.system.tailscale.TailscaleStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the host shows about the admin's private way in: for {@code tailscale}, the answers of
 * {@code tailscale status --json}, {@code tailscale ip -4} and the {@code tailscale0} interface;
 * for {@code cidr}, every IPv4 and IPv6 address of the host.
 *
 * @param tailscaleExit exit code of {@code tailscale status --json} (127: not installed)
 */
public record PrivatePath(
    String kind,
    Optional<String> cidr,
    int tailscaleExit,
    Optional<TailscaleStatus> status,
    List<String> tailscaleIpv4,
    List<InterfaceAddress> addresses) {
  public static final String TAILSCALE = "tailscale";
  public static final String CIDR = "cidr";

  /** Tailscale's IPv4 range (CGNAT space). */
  public static final String TAILSCALE_V4 = "100.64.0.0/10";

  public static final String TAILSCALE_DEVICE = "tailscale0";

  public PrivatePath {
    tailscaleIpv4 = List.copyOf(tailscaleIpv4);
    addresses = List.copyOf(addresses);
  }

  public static String kind(StepContext ctx) {
    return ctx.answers().get(Answers.PRIVATE_PATH_KIND).orElse(TAILSCALE);
  }

  public static PrivatePath gather(Host host, StepContext ctx) throws HostException {
    String kind = kind(ctx);
    Optional<String> cidr = ctx.answers().get(Answers.PRIVATE_PATH_CIDR);
    if (!kind.equals(TAILSCALE)) {
      List<InterfaceAddress> all = new ArrayList<>();
      all.addAll(addresses(host.exec("ip", "-o", "-4", "addr", "show")));
      all.addAll(addresses(host.exec("ip", "-o", "-6", "addr", "show")));
      return new PrivatePath(kind, cidr, 0, Optional.empty(), List.of(), all);
    }
    ExecResult st = host.exec("tailscale", "status", "--json");
    // a stopped tailscale still prints JSON but exits 1, so parse whatever came out
    Optional<TailscaleStatus> status = TailscaleStatus.parse(st.stdout());
    ExecResult ip = host.exec("tailscale", "ip", "-4");
    List<String> v4 = ip.ok() ? TailscaleStatus.parseIpLines(ip.stdout()) : List.of();
    ExecResult dev = host.exec("ip", "-o", "-4", "addr", "show", "dev", TAILSCALE_DEVICE);
    return new PrivatePath(kind, cidr, st.exitCode(), status, v4, addresses(dev));
  }

  private static List<InterfaceAddress> addresses(ExecResult r) {
    return r.ok() ? IpAddrShowParser.parse(r.stdout()) : List.of();
  }
}
