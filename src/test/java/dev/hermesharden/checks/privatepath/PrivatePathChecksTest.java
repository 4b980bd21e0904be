package dev.hermesharden.checks.privatepath;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.checks.sshkeys.LoginProof;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.net.IpAddrShowParser;
import dev.hermesharden.system.tailscale.TailscaleStatus;
import dev.hermesharden.testing.KeysFixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrivatePathChecksTest {
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final StepContext CTX =
      new StepContext(Answers.EMPTY, List.of(), Clock.fixed(NOW, ZoneOffset.UTC), Optional.empty());
  private static final String V4 = KeysFixtures.read("net/ip-o-4-addr-show.txt");

  private static PrivatePath tailscale(String json, String ip4, String devOut) {
    return new PrivatePath(
        "tailscale",
        Optional.empty(),
        0,
        TailscaleStatus.parse(json),
        TailscaleStatus.parseIpLines(ip4),
        IpAddrShowParser.parse(devOut));
  }

  private static final PrivatePath UP =
      tailscale(
          KeysFixtures.read("tailscale/status-running.json"),
          "100.64.0.10\n",
          V4.lines().filter(l -> l.contains("tailscale0")).reduce("", (a, b) -> a + b + "\n"));

  @Test
  void tailscaleRunning() {
    Verdict v = new TailscaleCheck().evaluate(UP, Params.NONE, CTX);
    assertEquals(Status.PASS, v.status());
    assertEquals(List.of("100.64.0.10", "vps1"), v.reason().args());
    assertEquals(Status.NOT_APPLICABLE, new CidrCheck().evaluate(UP, Params.NONE, CTX).status());
  }

  @Test
  void tailscaleTraps() {
    PrivatePath loggedOut =
        tailscale(KeysFixtures.read("tailscale/status-needslogin.json"), "", "");
    assertEquals(
        "reason.private-path.tailscale-not-running",
        new TailscaleCheck().evaluate(loggedOut, Params.NONE, CTX).reason().key());
    PrivatePath missing =
        new PrivatePath("tailscale", Optional.empty(), 127, Optional.empty(), List.of(), List.of());
    assertEquals(
        "reason.private-path.tailscale-missing",
        new TailscaleCheck().evaluate(missing, Params.NONE, CTX).reason().key());
    PrivatePath noDev =
        tailscale(KeysFixtures.read("tailscale/status-running.json"), "100.64.0.10\n", "");
    assertEquals(
        "reason.private-path.tailscale-no-interface",
        new TailscaleCheck().evaluate(noDev, Params.NONE, CTX).reason().key());
    PrivatePath publicIp =
        tailscale(KeysFixtures.read("tailscale/status-running.json"), "203.0.113.10\n", V4);
    assertEquals(Status.FAIL, new TailscaleCheck().evaluate(publicIp, Params.NONE, CTX).status());
  }

  private static PrivatePath cidr(String net) {
    return new PrivatePath(
        "cidr",
        Optional.ofNullable(net),
        0,
        Optional.empty(),
        List.of(),
        IpAddrShowParser.parse(V4 + KeysFixtures.read("net/ip-o-6-addr-show.txt")));
  }

  @Test
  void cidrPath() {
    Verdict v = new CidrCheck().evaluate(cidr("10.8.0.0/24"), Params.NONE, CTX);
    assertEquals(Status.PASS, v.status());
    assertEquals(List.of("10.8.0.2", "wg0", "10.8.0.0/24"), v.reason().args());
    // eth0's own networks: the provider's, where every neighbour is (it passed before)
    Verdict provider = new CidrCheck().evaluate(cidr("2001:db8:1234::/48"), Params.NONE, CTX);
    assertEquals("reason.private-path.cidr-uplink", provider.reason().key(), provider.toString());
    assertEquals(
        List.of("2001:db8:1234::/48", "2001:db8:1234::10 (eth0)"), provider.reason().args());
    assertEquals(
        "reason.private-path.cidr-uplink",
        new CidrCheck().evaluate(cidr("203.0.113.0/24"), Params.NONE, CTX).reason().key());
    assertEquals(
        "reason.private-path.cidr-uplink",
        new CidrCheck().evaluate(cidr("0.0.0.0/0"), Params.NONE, CTX).reason().key());
    // a range reaching into the internet without the server's uplink in it
    assertEquals(
        "reason.private-path.cidr-public",
        new CidrCheck().evaluate(cidr("10.0.0.0/6"), Params.NONE, CTX).reason().key());
    // an IPv6 VPN on global addresses of its own
    assertEquals(
        Status.FAIL,
        new CidrCheck().evaluate(cidr("2001:db8:9999::/48"), Params.NONE, CTX).status(),
        "no address of the server in it");
    assertEquals(
        Status.FAIL, new CidrCheck().evaluate(cidr("192.168.50.0/24"), Params.NONE, CTX).status());
    assertEquals(
        "reason.private-path.cidr-missing",
        new CidrCheck().evaluate(cidr(null), Params.NONE, CTX).reason().key());
    assertEquals(
        "reason.private-path.cidr-invalid",
        new CidrCheck().evaluate(cidr("vpn"), Params.NONE, CTX).reason().key());
    assertEquals(
        Status.NOT_APPLICABLE,
        new TailscaleCheck().evaluate(cidr("10.8.0.0/24"), Params.NONE, CTX).status());
  }

  private static PrivateLoginCheck.Facts proof(String server, Instant at, PrivatePath path) {
    Evidence e =
        new Evidence(
            EvidenceKind.PRIVATE_PATH_LOGIN,
            "admin",
            "SHA256:XTyQl91TEjGABFQilk5RNPM36wxxcBIBU5QbemFwh6M",
            server,
            "100.101.102.103",
            at,
            Map.of("/home/admin/.ssh/authorized_keys", LoginProof.sha256Hex("k")),
            true);
    return new PrivateLoginCheck.Facts(
        new LoginProof(
            Optional.of(e), Map.of("/home/admin/.ssh/authorized_keys", LoginProof.sha256Hex("k"))),
        path);
  }

  @Test
  void loginOverTailscalePasses() {
    assertEquals(
        Status.PASS,
        new PrivateLoginCheck()
            .evaluate(proof("100.64.0.10", NOW.minusSeconds(30), UP), Params.NONE, CTX)
            .status());
    assertEquals(
        Status.PASS,
        new PrivateLoginCheck()
            .evaluate(proof("fd7a:115c:a1e0::a", NOW.minusSeconds(30), UP), Params.NONE, CTX)
            .status());
  }

  @Test
  void loginToThePublicAddressProvesNothing() {
    Verdict v =
        new PrivateLoginCheck()
            .evaluate(proof("203.0.113.10", NOW.minusSeconds(30), UP), Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status());
    assertEquals("reason.private-path.login-public", v.reason().key());
    Verdict otherNode =
        new PrivateLoginCheck()
            .evaluate(proof("100.101.102.103", NOW.minusSeconds(30), UP), Params.NONE, CTX);
    assertEquals(
        Status.FAIL, otherNode.status(), "another tailnet node's address is not this server");
    assertEquals(
        Status.FAIL,
        new PrivateLoginCheck()
            .evaluate(
                proof("10.8.0.2", NOW.minusSeconds(30), cidr("10.9.0.0/24")), Params.NONE, CTX)
            .status());
    assertEquals(
        Status.PASS,
        new PrivateLoginCheck()
            .evaluate(
                proof("10.8.0.2", NOW.minusSeconds(30), cidr("10.8.0.0/24")), Params.NONE, CTX)
            .status());
  }

  @Test
  void staleOrMissingProof() {
    Verdict old =
        new PrivateLoginCheck()
            .evaluate(proof("100.64.0.10", NOW.minusSeconds(3600), UP), Params.NONE, CTX);
    assertEquals("reason.private-path.proof-stale-age", old.reason().key());
    Verdict none =
        new PrivateLoginCheck()
            .evaluate(
                new PrivateLoginCheck.Facts(new LoginProof(Optional.empty(), Map.of()), UP),
                Params.NONE,
                CTX);
    assertEquals("reason.private-path.login-missing", none.reason().key());
  }
}
