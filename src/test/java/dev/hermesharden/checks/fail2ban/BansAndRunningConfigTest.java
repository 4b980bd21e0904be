package dev.hermesharden.checks.fail2ban;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.fail2ban.Fail2banStatus;
import dev.hermesharden.system.fail2ban.HostLogSource;
import dev.hermesharden.system.fail2ban.JailConfig;
import dev.hermesharden.system.fail2ban.JailLive;
import dev.hermesharden.system.fail2ban.JailStatus;
import dev.hermesharden.system.fail2ban.PortSpec;
import dev.hermesharden.system.netfilter.Ruleset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** fail2ban judged together with sshd's ports and the firewall, and against its own files. */
class BansAndRunningConfigTest {
  private static final StepContext CTX = StepContext.of(Answers.EMPTY);
  private static final String STATUS =
      "Status for the jail: sshd\n|- Filter\n|  |- Currently failed:\t0\n|  |- Total failed:\t0\n"
          + "|  `- File list:\t/var/log/auth.log\n`- Actions\n   |- Currently banned:\t0\n"
          + "   |- Total banned:\t0\n   `- Banned IP list:\t\n";

  private static JailLive jail(String action, String port, List<String> ignore, String maxretry) {
    return new JailLive(
        "sshd",
        Optional.of(JailStatus.parse(STATUS)),
        "",
        Optional.of(maxretry),
        Optional.of("600"),
        Optional.of("3600"),
        ignore,
        List.of(
            new JailLive.Action(
                action,
                port,
                action.equals("ufw")
                    ? "ufw insert <insertpos> <blocktype> from <ip> to <destination> $app"
                    : "<iptables> -I f2b-<name> 1 -s <ip> -j <blocktype>")));
  }

  private static JailLive limits(String maxretry, String findtime, String bantime) {
    JailLive j = jail("iptables-multiport", "ssh", List.of(), maxretry);
    return new JailLive(
        j.jail(),
        j.status(),
        "",
        j.maxretry(),
        Optional.of(findtime),
        Optional.of(bantime),
        j.ignoreip(),
        j.actions());
  }

  /**
   * A listed jail whose limits never ban a guesser is no jail: {@code maxretry = 100000}, a window
   * of seconds, a ban of seconds. Debian's defaults, ours and a ban for ever pass.
   */
  @Test
  void aListedJailThatNeverBansInTimeFails() {
    SshdJailCheck c = new SshdJailCheck();
    Fail2banStatus listed = new Fail2banStatus(1, List.of("sshd"));
    for (JailLive ok :
        List.of(limits("5", "600", "600"), limits("5", "600", "3600"), limits("3", "1d", "-1"))) {
      Verdict v =
          c.evaluate(
              new SshdJailCheck.Facts(Optional.of(listed), "", Optional.of(ok)), Params.NONE, CTX);
      assertEquals(Status.PASS, v.status(), v.toString());
    }
    for (JailLive weak :
        List.of(
            limits("100000", "600", "600"), limits("5", "10", "600"), limits("5", "600", "1"))) {
      Verdict v =
          c.evaluate(
              new SshdJailCheck.Facts(Optional.of(listed), "", Optional.of(weak)),
              Params.NONE,
              CTX);
      assertEquals("reason.fail2ban.jail-weak", v.reason().key(), v.toString());
      assertTrue(v.details().get("limits").startsWith("maxretry=" + weak.maxretry().get()));
    }
  }

  private static Verdict bans(JailLive j, List<Integer> ports, boolean ufw) {
    return new BansEnforcedCheck()
        .evaluate(new BansEnforcedCheck.Facts(j, ports, ufw, Map.of()), Params.NONE, CTX);
  }

  @Test
  void banactionUfwNeedsUfwLoaded() {
    JailLive ufw = jail("ufw", "ssh", List.of(), "2");
    assertEquals("reason.fail2ban.bans-ufw-inactive", bans(ufw, List.of(22), false).reason().key());
    assertEquals(Status.PASS, bans(ufw, List.of(22, 2222), true).status());
  }

  @Test
  void theJailsPortMustCoverEveryPortSshdListensOn() {
    JailLive multiport = jail("iptables-multiport", "ssh", List.of(), "2");
    Verdict v = bans(multiport, List.of(22, 2222), false);
    assertEquals("reason.fail2ban.bans-port-missing", v.reason().key());
    assertEquals(List.of("2222", "iptables-multiport", "ssh"), v.reason().args());
    assertEquals(
        Status.PASS,
        bans(jail("iptables-multiport", "ssh,2222", List.of(), "2"), List.of(22, 2222), false)
            .status());
    assertEquals(
        Status.PASS,
        bans(jail("iptables-allports", "ssh", List.of(), "2"), List.of(2222), false).status());
    assertTrue(PortSpec.covers("0:65535", 2222, Map.of()));
    assertTrue(PortSpec.covers("ssh", 22, PortSpec.services("ssh\t\t22/tcp\n")));
  }

  private static JailLive action(String name, String chain, String protocol) {
    JailLive j = jail(name, "ssh", List.of(), "2");
    JailLive.Action a = j.actions().get(0);
    return new JailLive(
        j.jail(),
        j.status(),
        "",
        j.maxretry(),
        j.findtime(),
        j.bantime(),
        j.ignoreip(),
        List.of(new JailLive.Action(a.name(), a.port(), a.actionban(), chain, protocol)));
  }

  /**
   * Docker guides put {@code chain = DOCKER-USER} into jail.local's [DEFAULT] so that bans reach
   * containers; the sshd jail then bans where only forwarded packets pass, and a banned address
   * went on reaching sshd in the sandbox VPS (FidelityNetSandboxTest), as with {@code protocol =
   * udp}. The live filter says which chains INPUT reaches.
   */
  @Test
  void aBanInAChainInputNeverPassesOrForUdpOnlyBlocksNothing() {
    Ruleset live =
        Ruleset.parse(
            "*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                + ":DOCKER-USER - [0:0]\n:ufw-before-input - [0:0]\n:ufw-user-input - [0:0]\n"
                + "-A INPUT -j ufw-before-input\n-A FORWARD -j DOCKER-USER\n"
                + "-A ufw-before-input -j ufw-user-input\n-A DOCKER-USER -j RETURN\nCOMMIT\n");
    java.util.Set<String> input = live.reachableFrom("INPUT");
    assertEquals(java.util.Set.of("INPUT", "ufw-before-input", "ufw-user-input"), input);
    for (String chain : List.of("DOCKER-USER", "FORWARD", "f2b-nowhere")) {
      Verdict v = bans(action("iptables-multiport", chain, "tcp"), input);
      assertEquals("reason.fail2ban.bans-chain", v.reason().key(), chain);
      assertEquals(List.of("iptables-multiport", chain), v.reason().args());
    }
    for (String chain : List.of("INPUT", "<known/chain>", "ufw-user-input", "")) {
      assertEquals(
          Status.PASS, bans(action("iptables-multiport", chain, "tcp"), input).status(), chain);
    }
    Verdict udp = bans(action("iptables-allports", "INPUT", "udp"), input);
    assertEquals("reason.fail2ban.bans-protocol", udp.reason().key());
    for (String proto : List.of("tcp,udp", "all", "")) {
      assertEquals(
          Status.PASS, bans(action("iptables-multiport", "INPUT", proto), input).status(), proto);
    }
    // nftables' chain is a name in its own table, hooked at input: not judged by the filter
    JailLive nft = action("nftables-multiport", "DOCKER-USER", "tcp");
    JailLive nftBan =
        new JailLive(
            nft.jail(),
            nft.status(),
            "",
            nft.maxretry(),
            nft.findtime(),
            nft.bantime(),
            nft.ignoreip(),
            List.of(
                new JailLive.Action(
                    "nftables-multiport",
                    "ssh",
                    "nft add element <table_family> <table> <addr_set> { <ip> }",
                    "DOCKER-USER",
                    "tcp")));
    assertEquals(Status.PASS, bans(nftBan, input).status());
    // without the nft command every ban of an nftables action fails (sandbox VPS, no nftables)
    Verdict noNft =
        new BansEnforcedCheck()
            .evaluate(
                new BansEnforcedCheck.Facts(
                    nftBan, List.of(22), false, Map.of(), false, input, false),
                Params.NONE,
                CTX);
    assertEquals("reason.fail2ban.bans-no-nft", noNft.reason().key());
    assertEquals(
        Status.PASS,
        new BansEnforcedCheck()
            .evaluate(
                new BansEnforcedCheck.Facts(
                    action("iptables-multiport", "INPUT", "tcp"),
                    List.of(22),
                    false,
                    Map.of(),
                    false,
                    input,
                    false),
                Params.NONE,
                CTX)
            .status(),
        "an iptables action needs no nft");
  }

  private static Verdict bans(JailLive j, java.util.Set<String> inputChains) {
    return new BansEnforcedCheck()
        .evaluate(
            new BansEnforcedCheck.Facts(j, List.of(22), false, Map.of(), false, inputChains),
            Params.NONE,
            CTX);
  }

  @Test
  void aJailFixedOnDiskButNotReloadedFails() {
    JailConfig disk =
        JailConfig.parse(
            List.of(
                "[sshd]\nenabled = true\nport = ssh\nmaxretry = 5\nfindtime = 10m\nbantime = 1h\n"
                    + "ignoreip = 127.0.0.1/8 ::1 100.64.0.0/10\n"));
    JailLive running =
        jail(
            "iptables-multiport",
            "ssh",
            List.of("127.0.0.0/8", "::1", "100.64.0.0/10", "203.0.113.0/24"),
            "2");
    Verdict v =
        new RunningConfigCheck()
            .evaluate(new RunningConfigCheck.Facts(disk, running), Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.reason().args().get(0).contains("maxretry 5 / 2"), v.reason().args().toString());
    assertTrue(v.reason().args().get(0).contains("ignoreip"), v.reason().args().toString());
    JailLive same =
        jail("iptables-multiport", "ssh", List.of("127.0.0.0/8", "::1", "100.64.0.0/10"), "5");
    assertEquals(
        Status.PASS,
        new RunningConfigCheck()
            .evaluate(new RunningConfigCheck.Facts(disk, same), Params.NONE, CTX)
            .status());
    assertEquals(Optional.of(93_600L), RunningConfigCheck.seconds("1d 2h"));
    assertEquals(Optional.of(600L), RunningConfigCheck.seconds("600"));
  }

  @Test
  void theBackendTheRunningJailReadsDecides() {
    JailBackendCheck c = new JailBackendCheck();
    HostLogSource authLog = new HostLogSource(true, true);
    Verdict stale =
        c.evaluate(
            new JailBackendCheck.Facts("systemd", authLog, Optional.of("file")), Params.NONE, CTX);
    assertEquals("reason.fail2ban.backend-not-in-effect", stale.reason().key());
    Verdict ok =
        c.evaluate(
            new JailBackendCheck.Facts("auto", authLog, Optional.of("file")), Params.NONE, CTX);
    assertEquals(Status.PASS, ok.status());
    assertEquals("file", ok.details().get("running"));
  }

  @Test
  void ignoreipCoveringAPublicNetworkFails() {
    IgnoreIpCheck c = new IgnoreIpCheck();
    Verdict wide =
        c.evaluate(
            new IgnoreIpCheck.Facts(
                Optional.of(
                    List.of(
                        "127.0.0.0/8",
                        "::1",
                        "100.64.0.0/10",
                        "fd7a:115c:a1e0::/48",
                        "203.0.113.0/24")),
                ""),
            Params.NONE,
            CTX);
    assertEquals("reason.fail2ban.ignoreip-public", wide.reason().key());
    Verdict single =
        c.evaluate(
            new IgnoreIpCheck.Facts(
                Optional.of(
                    List.of(
                        "127.0.0.0/8",
                        "::1",
                        "100.64.0.0/10",
                        "fd7a:115c:a1e0::/48",
                        "203.0.113.7")),
                ""),
            Params.NONE,
            CTX);
    assertEquals(Status.PASS, single.status(), "the admin's own static address may be exempt");
    // attack pass 25b: "ignore everyone", as fail2ban prints it back
    for (String everyone : List.of("0.0.0.0/0", "::/0", "2000::/3", "128.0.0.0/1")) {
      Verdict all =
          c.evaluate(
              new IgnoreIpCheck.Facts(
                  Optional.of(
                      List.of(
                          "127.0.0.0/8", "::1", "100.64.0.0/10", "fd7a:115c:a1e0::/48", everyone)),
                  ""),
              Params.NONE,
              CTX);
      assertEquals("reason.fail2ban.ignoreip-public", all.reason().key(), everyone);
    }
  }
}
