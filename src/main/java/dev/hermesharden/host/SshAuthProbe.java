package dev.hermesharden.host;

import com.hierynomus.sshj.transport.cipher.BlockCiphers;
import com.hierynomus.sshj.transport.cipher.GcmCiphers;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.security.Security;
import java.time.Duration;
import java.util.List;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.common.SecurityUtils;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AuthNone;

/**
 * Asks a running sshd which authentication methods it offers a user, in-process with sshj: connect,
 * key exchange, one {@code none} authentication request, read the server's list of methods that can
 * continue, disconnect. No credential is sent and no session is opened; the server logs at most
 * "Connection closed by authenticating user … [preauth]".
 *
 * <p>The host key is not verified: nothing is sent that an impostor could use, and the answer is
 * only ever about the daemon listening on this machine's own address.
 *
 * <p>It first offers only what the JDK itself implements ({@link JdkAlgorithms}): sshj's default
 * registers BouncyCastle and tries each of its 33 ciphers at start, the largest single cost of an
 * audit on a real server (~0.25 s of CPU, more than all the commands the audit runs). A server that
 * accepts none of those (a {@code Ciphers} of chacha20-poly1305 alone: the JDK has no Poly1305) is
 * asked again with everything sshj has, BouncyCastle's included; any other failure is not retried
 * (one connection per question, as sshd and fail2ban see it).
 */
final class SshAuthProbe {
  private SshAuthProbe() {}

  static SshAuthOffer offer(String address, int port, String user, Duration timeout)
      throws HostException {
    try {
      try {
        return ask(jdkAlgorithms(), address, port, user, timeout);
      } catch (TransportException e) {
        if (!noAlgorithmInCommon(e)) {
          throw e; // a connection that failed otherwise is not tried a second time
        }
        return ask(everything(), address, port, user, timeout);
      }
    } catch (ConnectException e) {
      throw new HostException(
          HostException.Kind.UNREACHABLE, "ssh " + address + ":" + port + ": " + e.getMessage(), e);
    } catch (SocketTimeoutException e) {
      throw new HostException(
          HostException.Kind.TIMEOUT, "ssh " + address + ":" + port + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new HostException(
          HostException.Kind.IO, "ssh " + address + ":" + port + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether the key exchange found no algorithm both sides accept: sshj's own negotiation says
   * "Unable to reach a settlement of …", and a failed exchange carries {@code KEY_EXCHANGE_FAILED}.
   */
  static boolean noAlgorithmInCommon(TransportException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TransportException te
          && te.getDisconnectReason() == DisconnectReason.KEY_EXCHANGE_FAILED) {
        return true;
      }
      if (String.valueOf(t.getMessage()).contains("Unable to reach a settlement")) {
        return true;
      }
    }
    return false;
  }

  private static SshAuthOffer ask(
      Config config, String address, int port, String user, Duration timeout) throws IOException {
    try (SSHClient ssh = new SSHClient(config)) {
      ssh.addHostKeyVerifier(new PromiscuousVerifier());
      ssh.setConnectTimeout((int) timeout.toMillis());
      ssh.setTimeout((int) timeout.toMillis());
      ssh.connect(address, port);
      try {
        ssh.auth(user, new AuthNone());
        return new SshAuthOffer(address, port, user, List.of(), true);
      } catch (UserAuthException e) {
        return new SshAuthOffer(
            address, port, user, List.copyOf(ssh.getUserAuth().getAllowedMethods()), false);
      }
    }
  }

  /**
   * The JDK's algorithms. sshj registers BouncyCastle (for the whole process) on its first use of
   * any algorithm unless told not to: it is told so here when nothing registered it before.
   */
  private static synchronized Config jdkAlgorithms() {
    if (Security.getProvider("BC") == null) {
      SecurityUtils.setRegisterBouncyCastle(false);
    }
    return new JdkAlgorithms();
  }

  private static synchronized Config everything() {
    SecurityUtils.setRegisterBouncyCastle(true);
    return new DefaultConfig();
  }

  /**
   * sshj's defaults but for the ciphers, which are the JDK's AES ones, named without trying each
   * (what sshj's own default does, with BouncyCastle's 33). Key exchanges (curve25519, NIST ECDH,
   * Diffie-Hellman groups), host keys (ed25519 through sshj's own code, ECDSA, RSA) and MACs are
   * the JDK's already; no key files are read.
   */
  static final class JdkAlgorithms extends DefaultConfig {
    @Override
    protected void initCipherFactories() {
      setCipherFactories(
          GcmCiphers.AES256GCM(),
          GcmCiphers.AES128GCM(),
          BlockCiphers.AES256CTR(),
          BlockCiphers.AES192CTR(),
          BlockCiphers.AES128CTR());
    }

    @Override
    protected void initFileKeyProviderFactories() {
      setFileKeyProviderFactories();
    }
  }
}
