package dev.hermesharden.host;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.transport.TransportException;
import org.junit.jupiter.api.Test;

/**
 * The probe asks a second time, with BouncyCastle's algorithms, only when the key exchange found
 * nothing in common (the sandbox test meets that against a real chacha-only sshd); a connection
 * that failed for any other reason is one connection, as sshd and fail2ban count them.
 */
class SshAuthProbeTest {
  @Test
  void onlyAKeyExchangeWithNothingInCommonIsAskedAgain() {
    assertTrue(
        SshAuthProbe.noAlgorithmInCommon(
            new TransportException(
                "Unable to reach a settlement of cipher: [aes256-gcm@openssh.com] and"
                    + " [chacha20-poly1305@openssh.com]")));
    assertTrue(
        SshAuthProbe.noAlgorithmInCommon(
            new TransportException(
                DisconnectReason.CONNECTION_LOST,
                "broken",
                new TransportException(DisconnectReason.KEY_EXCHANGE_FAILED, "no match"))));
    assertFalse(
        SshAuthProbe.noAlgorithmInCommon(
            new TransportException(
                DisconnectReason.CONNECTION_LOST, "reset", new IOException("Connection reset"))));
    assertFalse(
        SshAuthProbe.noAlgorithmInCommon(
            new TransportException(DisconnectReason.PROTOCOL_ERROR, "Invalid identification")));
  }
}
