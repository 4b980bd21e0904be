package dev.hermesharden.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The server's own {@code ssh} client's answer to {@code none} authentication, read back. */
class SshHostAuthOfferTest {
  private static ExecResult ssh(int exit, String stderr) {
    return new ExecResult(List.of("ssh"), exit, "", stderr);
  }

  @Test
  void theMethodsOfTheLastRefusalAreTheOffer() throws Exception {
    SshAuthOffer o =
        SshHost.authOffer(
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
    assertTrue(SshHost.authOffer("::1", 2222, "root", ssh(0, "")).noneAccepted());
  }

  @Test
  void nothingListeningIsUnreachableAndOtherFailuresAreIo() {
    HostException refused =
        assertThrows(
            HostException.class,
            () ->
                SshHost.authOffer(
                    "10.0.0.1",
                    22,
                    "admin",
                    ssh(255, "ssh: connect to host 10.0.0.1 port 22: Connection refused\n")));
    assertEquals(HostException.Kind.UNREACHABLE, refused.kind());
    HostException slow =
        assertThrows(
            HostException.class,
            () ->
                SshHost.authOffer(
                    "10.0.0.1",
                    22,
                    "admin",
                    ssh(255, "ssh: connect to host 10.0.0.1 port 22: Connection timed out\n")));
    assertEquals(HostException.Kind.TIMEOUT, slow.kind());
    HostException other =
        assertThrows(
            HostException.class,
            () ->
                SshHost.authOffer(
                    "10.0.0.1", 22, "admin", ssh(255, "kex_exchange_identification\n")));
    assertEquals(HostException.Kind.IO, other.kind());
  }
}
