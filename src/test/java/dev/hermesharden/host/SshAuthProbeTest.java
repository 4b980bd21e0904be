package dev.hermesharden.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The server's own {@code ssh} client's answer to {@code none} authentication, read back. */
class SshAuthProbeTest {
  private static ExecResult ssh(int exit, String stderr) {
    return new ExecResult(List.of("ssh"), exit, "", stderr);
  }

  @Test
  void theMethodsOfTheLastRefusalAreTheOffer() throws Exception {
    SshAuthOffer o =
        SshAuthProbe.read(
            "127.0.0.1",
            22,
            "admin",
            ssh(
                255,
                "Banner (with parentheses) Permission denied (not this).\n"
                    + "admin@127.0.0.1: Permission denied (publickey,password,keyboard-interactive).\n"));
    assertEquals(List.of("publickey", "password", "keyboard-interactive"), o.methods());
    assertEquals("admin@127.0.0.1:22 publickey,password,keyboard-interactive", o.label());
  }

  @Test
  void aLoginWithoutCredentialsIsNoneAccepted() throws Exception {
    assertTrue(SshAuthProbe.read("::1", 2222, "root", ssh(0, "")).noneAccepted());
  }

  @Test
  void nothingListeningIsUnreachableAndOtherFailuresAreIo() {
    HostException refused =
        assertThrows(
            HostException.class,
            () ->
                SshAuthProbe.read(
                    "10.0.0.1",
                    22,
                    "admin",
                    ssh(255, "ssh: connect to host 10.0.0.1 port 22: Connection refused\n")));
    assertEquals(HostException.Kind.UNREACHABLE, refused.kind());
    HostException slow =
        assertThrows(
            HostException.class,
            () ->
                SshAuthProbe.read(
                    "10.0.0.1",
                    22,
                    "admin",
                    ssh(255, "ssh: connect to host 10.0.0.1 port 22: Connection timed out\n")));
    assertEquals(HostException.Kind.TIMEOUT, slow.kind());
    HostException other =
        assertThrows(
            HostException.class,
            () ->
                SshAuthProbe.read(
                    "10.0.0.1", 22, "admin", ssh(255, "kex_exchange_identification\n")));
    assertEquals(HostException.Kind.IO, other.kind());
  }

  /**
   * The probe leaves out the slow post-quantum key exchange; a server that offers nothing else is
   * asked again with the client's defaults, and its answer counts.
   */
  @Test
  void aServerWithOnlyTheLeftOutKeyExchangeIsAskedAgainWithTheDefaults() throws Exception {
    List<List<String>> asked = new java.util.ArrayList<>();
    Host host =
        new ForwardingHost(dev.hermesharden.practice.SimulatedHost.fresh()) {
          @Override
          public ExecResult exec(List<String> argv, java.time.Duration timeout) {
            asked.add(argv);
            return argv.contains(SshAuthProbe.FAST_KEX)
                ? ssh(
                    255,
                    "Unable to negotiate with 127.0.0.1 port 22: no matching key exchange method"
                        + " found. Their offer: sntrup761x25519-sha512@openssh.com\n")
                : ssh(255, "admin@127.0.0.1: Permission denied (publickey).\n");
          }
        };
    SshAuthOffer o = SshAuthProbe.offer(host, "127.0.0.1", 22, "admin");
    assertEquals(List.of("publickey"), o.methods());
    assertEquals(2, asked.size());
    assertTrue(asked.get(0).contains(SshAuthProbe.FAST_KEX), asked.toString());
  }
}
