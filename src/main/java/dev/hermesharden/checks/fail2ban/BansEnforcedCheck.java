package dev.hermesharden.checks.fail2ban;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.fail2ban.JailLive;
import dev.hermesharden.system.fail2ban.PortSpec;
import dev.hermesharden.system.ufw.LiveFirewall;
import dev.hermesharden.system.ufw.SshPortReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code fail2ban.bans-enforced}: a ban of the running sshd jail really blocks the address on every
 * port sshd listens on. Judged together: the jail's actions as the server runs them (their ban
 * command and port), the ports of {@code sshd -T}, and the packet filter they write into. {@code
 * banaction = ufw} while ufw is not loaded writes bans nobody enforces; a {@code port = ssh} jail
 * with sshd on 2222 bans port 22 only; {@code hostsdeny} does nothing to OpenSSH (it dropped
 * tcp_wrappers in 6.7; Debian and Ubuntu still link it with libwrap, which {@code ldd} shows); an
 * iptables action whose {@code chain} INPUT never reaches ({@code DOCKER-USER}) or whose {@code
 * protocol} is not TCP bans nothing sshd receives.
 */
public final class BansEnforcedCheck implements Check<BansEnforcedCheck.Facts> {
  /**
   * @param ufwLoaded whether ufw's chains are in the live packet filter
   * @param services {@code /etc/services} names to ports
   * @param inputChains the chains of the live IPv4 filter a packet entering INPUT can pass ({@code
   *     INPUT} alone when the filter cannot be read)
   * @param nftCommand whether the {@code nft} command exists (asked only when an action uses it)
   */
  public record Facts(
      JailLive jail,
      List<Integer> sshPorts,
      boolean ufwLoaded,
      Map<String, Integer> services,
      boolean sshdUsesTcpWrappers,
      Set<String> inputChains,
      boolean nftCommand) {
    public Facts {
      inputChains = Set.copyOf(inputChains);
    }

    public Facts(
        JailLive jail, List<Integer> sshPorts, boolean ufwLoaded, Map<String, Integer> services) {
      this(jail, sshPorts, ufwLoaded, services, false);
    }

    public Facts(
        JailLive jail,
        List<Integer> sshPorts,
        boolean ufwLoaded,
        Map<String, Integer> services,
        boolean sshdUsesTcpWrappers) {
      this(jail, sshPorts, ufwLoaded, services, sshdUsesTcpWrappers, Set.of(INPUT), true);
    }

    public Facts(
        JailLive jail,
        List<Integer> sshPorts,
        boolean ufwLoaded,
        Map<String, Integer> services,
        boolean sshdUsesTcpWrappers,
        Set<String> inputChains) {
      this(jail, sshPorts, ufwLoaded, services, sshdUsesTcpWrappers, inputChains, true);
    }
  }

  private static final String INPUT = "INPUT";

  /** How jail.conf's {@code chain = <known/chain>} reaches an action: the action's own default. */
  private static final String KNOWN_CHAIN = "<known/chain>";

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    LiveFirewall live = LiveFirewall.gather(host);
    JailLive jail = JailLive.gather(host, "sshd");
    // fail2ban runs an nftables action's "nft …" through a shell: without the command no ban lands
    boolean nft =
        jail.actions().stream().noneMatch(BansEnforcedCheck::usesNft)
            || host.exec("nft", "--version").exitCode() != 127;
    return new Facts(
        jail,
        SshPortReader.read(host).ports(),
        live.ufwLoaded(),
        PortSpec.services(host.readFile("/etc/services").orElse("")),
        host.exec("ldd", "/usr/sbin/sshd").stdout().contains("libwrap"),
        live.v4().map(rs -> rs.reachableFrom(INPUT)).orElse(Set.of(INPUT)),
        nft);
  }

  /** An nftables action: its ban command runs {@code nft}. */
  static boolean usesNft(JailLive.Action a) {
    return a.name().toLowerCase(Locale.ROOT).startsWith("nftables")
        || a.actionban().contains("<nftables>")
        || a.actionban().toLowerCase(Locale.ROOT).matches("(?s).*\\bnft\\s.*");
  }

  @Override
  public Verdict evaluate(Facts f, Params params, StepContext ctx) {
    if (!f.jail().running()) {
      return Verdict.fail("reason.fail2ban.bans-no-jail")
          .with("client", SshdJailCheck.firstLine(f.jail().error()));
    }
    if (f.jail().actions().isEmpty()) {
      return Verdict.fail("reason.fail2ban.bans-no-action");
    }
    String ports = f.sshPorts().stream().map(String::valueOf).collect(Collectors.joining(","));
    for (JailLive.Action a : f.jail().actions()) {
      String ban = a.actionban().toLowerCase(Locale.ROOT);
      String name = a.name().toLowerCase(Locale.ROOT);
      boolean ufw = name.contains("ufw") || ban.contains("ufw ");
      boolean hostsDeny = name.contains("hostsdeny") || ban.contains("hosts.deny");
      if (hostsDeny && !f.sshdUsesTcpWrappers()) {
        return details(Verdict.fail("reason.fail2ban.bans-hostsdeny", a.name()), f);
      }
      if (hostsDeny) {
        continue; // Debian's sshd is built with libwrap: it refuses a denied address on every port
      }
      if (usesNft(a) && !f.nftCommand()) {
        return details(Verdict.fail("reason.fail2ban.bans-no-nft", a.name()), f);
      }
      if (ufw && !f.ufwLoaded()) {
        return details(Verdict.fail("reason.fail2ban.bans-ufw-inactive", a.name()), f);
      }
      // an iptables action jumps from <chain> to its f2b- chain for <protocol> only: a chain that
      // INPUT never passes (DOCKER-USER, which Docker guides set in jail.local's [DEFAULT], sees
      // forwarded packets only) or a protocol other than TCP bans nothing sshd receives
      if (ban.contains("iptables") || name.startsWith("iptables")) {
        String chain = a.chain().strip().equals(KNOWN_CHAIN) ? INPUT : a.chain().strip();
        if (!chain.isEmpty() && !f.inputChains().contains(chain)) {
          return details(Verdict.fail("reason.fail2ban.bans-chain", a.name(), chain), f);
        }
        if (!a.protocol().isBlank() && !coversTcp(a.protocol())) {
          return details(
              Verdict.fail("reason.fail2ban.bans-protocol", a.name(), a.protocol().strip()), f);
        }
      }
      // the port lives in the action's start rule (-m multiport --dports <port>), not its ban line
      boolean allPorts = ufw || name.contains("allports");
      if (allPorts) {
        continue;
      }
      List<Integer> missing = new ArrayList<>();
      for (int p : f.sshPorts()) {
        if (!PortSpec.covers(a.port(), p, f.services())) {
          missing.add(p);
        }
      }
      if (!missing.isEmpty()) {
        return details(
            Verdict.fail(
                "reason.fail2ban.bans-port-missing",
                missing.stream().map(String::valueOf).collect(Collectors.joining(",")),
                a.name(),
                a.port()),
            f);
      }
    }
    return details(Verdict.pass("reason.fail2ban.bans-enforced", ports), f);
  }

  /** {@code tcp}, {@code all} or a list holding one: iptables-common's per-protocol jumps. */
  static boolean coversTcp(String protocol) {
    for (String p : protocol.toLowerCase(Locale.ROOT).split("[,\\s]+")) {
      if (p.equals("tcp") || p.equals("all") || p.equals("6") || p.equals("0")) {
        return true;
      }
    }
    return false;
  }

  private static Verdict details(Verdict v, Facts f) {
    return v.with(
            "actions",
            f.jail().actions().stream()
                .map(
                    a ->
                        a.name()
                            + " port="
                            + a.port()
                            + (a.chain().isBlank() ? "" : " chain=" + a.chain().strip())
                            + (a.protocol().isBlank() ? "" : " protocol=" + a.protocol().strip()))
                .collect(Collectors.joining("; ")))
        .with(
            "ssh-ports",
            f.sshPorts().stream().map(String::valueOf).collect(Collectors.joining(",")))
        .with("ufw-loaded", String.valueOf(f.ufwLoaded()));
  }
}
