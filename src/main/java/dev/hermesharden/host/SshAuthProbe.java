package dev.hermesharden.host;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
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
 */
final class SshAuthProbe {
  private SshAuthProbe() {}

  static SshAuthOffer offer(String address, int port, String user, Duration timeout)
      throws HostException {
    DefaultConfig config = new DefaultConfig();
    try (SSHClient ssh = new SSHClient(config)) {
      ssh.addHostKeyVerifier(new PromiscuousVerifier());
      ssh.setConnectTimeout((int) timeout.toMillis());
      ssh.setTimeout((int) timeout.toMillis());
      ssh.connect(address, port);
      try {
        ssh.auth(user, new AuthNone());
        return new SshAuthOffer(address, port, user, java.util.List.of(), true);
      } catch (UserAuthException e) {
        return new SshAuthOffer(
            address,
            port,
            user,
            java.util.List.copyOf(ssh.getUserAuth().getAllowedMethods()),
            false);
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
}
