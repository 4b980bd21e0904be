package dev.hermesharden.system.ufw;

import dev.hermesharden.model.Answers;
import dev.hermesharden.model.BadInputException;
import dev.hermesharden.system.net.Cidr;
import java.util.Optional;

/**
 * The admin's private way in, as the firewall and fail2ban see it: a Tailscale interface (with its
 * fixed 100.64.0.0/10 range) or an IPv4 CIDR such as a VPN or office network.
 *
 * <p>Caveat: the rules written for a private path are IPv4 rules; an IPv6 private path is not
 * offered yet.
 *
 * @param iface the interface rules may bind to ({@code tailscale0}), empty for a plain CIDR
 * @param cidr the network the admin connects from
 */
public record PrivatePath(Optional<String> iface, String cidr) {
  public static final String TAILSCALE_IFACE = "tailscale0";
  public static final String TAILSCALE_CIDR = "100.64.0.0/10";

  /** Tailscale's IPv6 range: its nodes reach each other over it too (a ULA prefix). */
  public static final String TAILSCALE_CIDR6 = "fd7a:115c:a1e0::/48";

  /** From the answers: kind {@code tailscale} (default) or {@code cidr}. */
  public static PrivatePath of(Answers answers) {
    String kind = answers.get(Answers.PRIVATE_PATH_KIND).orElse("tailscale");
    if (kind.equals("cidr")) {
      return new PrivatePath(
          Optional.empty(),
          answers
              .get(Answers.PRIVATE_PATH_CIDR)
              .orElseThrow(
                  () ->
                      new BadInputException(
                          "answers", 0, Answers.PRIVATE_PATH_CIDR, "reason.input.cidr-missing")));
    }
    return new PrivatePath(Optional.of(TAILSCALE_IFACE), TAILSCALE_CIDR);
  }

  /**
   * Every network the admin may come from over the path: Tailscale's IPv4 and IPv6 ranges, or the
   * one CIDR. What must never be banned (fail2ban's {@code ignoreip}).
   */
  public java.util.List<String> cidrs() {
    return iface.isPresent() && cidr.equals(TAILSCALE_CIDR)
        ? java.util.List.of(TAILSCALE_CIDR, TAILSCALE_CIDR6)
        : java.util.List.of(cidr);
  }

  /** A short label for details and messages: the interface, else the CIDR. */
  public String label() {
    return iface.orElse(cidr);
  }

  /**
   * Whether the network {@code outer} (a CIDR or a single address) contains all of {@code inner}.
   */
  public static boolean contains(String outer, String inner) {
    Optional<Cidr> o = Cidr.tryParse(outer);
    Optional<Cidr> i = Cidr.tryParse(inner);
    return o.isPresent() && i.isPresent() && o.get().containsNetwork(i.get());
  }
}
