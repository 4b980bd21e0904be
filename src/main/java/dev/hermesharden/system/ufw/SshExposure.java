package dev.hermesharden.system.ufw;

import java.util.List;

/**
 * Sorts ufw rules for the SSH ports into those scoped to the private path and those that open SSH
 * to the whole internet.
 *
 * <p>A rule is <em>private</em> when it admits the port on the private interface ({@code
 * tailscale0}), or, for a CIDR path, from a source inside that CIDR. A rule is <em>public</em> when
 * it admits the port from Anywhere without being bound to the private interface — {@code ufw allow
 * 22/tcp}, {@code ufw allow OpenSSH}, {@code ufw limit ssh}, or {@code ALLOW IN Anywhere} with no
 * port at all. Caveat: a rule bound to another interface (e.g. {@code wg0}) from Anywhere counts as
 * public, since only the chosen path was proven.
 */
public final class SshExposure {
  private SshExposure() {}

  public static boolean isPrivate(UfwRule r, int port, PrivatePath path) {
    if (!r.admitsIncoming() || !r.coversTcpPort(port)) {
      return false;
    }
    if (path.iface().isPresent()) {
      return r.iface().equals(path.iface());
    }
    return !r.fromAnywhere() && PrivatePath.contains(path.cidr(), r.from());
  }

  public static boolean isPublic(UfwRule r, int port, PrivatePath path) {
    return r.admitsIncoming()
        && r.coversTcpPort(port)
        && r.fromAnywhere()
        && (r.iface().isEmpty() || !r.iface().equals(path.iface()));
  }

  /** Ports (of {@code ports}) with no IPv4 private rule. */
  public static List<Integer> portsWithoutPrivateRule(
      List<UfwRule> rules, List<Integer> ports, PrivatePath path) {
    return ports.stream()
        .filter(p -> rules.stream().noneMatch(r -> !r.v6() && isPrivate(r, p, path)))
        .toList();
  }

  /** Rules that open any of {@code ports} to the internet, in the order given. */
  public static List<UfwRule> publicRules(
      List<UfwRule> rules, List<Integer> ports, PrivatePath path) {
    return rules.stream().filter(r -> ports.stream().anyMatch(p -> isPublic(r, p, path))).toList();
  }
}
