package dev.hermesharden.host.ssh;

import java.io.IOException;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AbstractAuthMethod;

/**
 * The {@code publickey} method (RFC 4252 §7) for one key held by {@code ssh-agent}: first asks
 * whether the server would take the key, and only then has the agent sign the request, as sshj's
 * {@code AuthPublickey} does with a key file.
 */
final class AgentAuth extends AbstractAuthMethod {
  private final AgentClient agent;
  private final AgentClient.Identity key;

  AgentAuth(AgentClient agent, AgentClient.Identity key) {
    super("publickey");
    this.agent = agent;
    this.key = key;
  }

  AgentClient.Identity key() {
    return key;
  }

  @Override
  protected SSHPacket buildReq() throws UserAuthException {
    return request(false);
  }

  @Override
  public void handle(Message cmd, SSHPacket buf) throws UserAuthException, TransportException {
    if (cmd != Message.USERAUTH_60) {
      super.handle(cmd, buf);
      return;
    }
    SSHPacket req = request(true);
    byte[] signed =
        new Buffer.PlainBuffer()
            .putString(params.getTransport().getSessionID())
            .putBuffer(req)
            .getCompactData();
    try {
      req.putString(agent.sign(key.blob(), signed, flags()));
    } catch (IOException e) {
      throw new UserAuthException("ssh-agent did not sign with " + key.fingerprint(), e);
    }
    params.getTransport().write(req);
  }

  private SSHPacket request(boolean signed) throws UserAuthException {
    return super.buildReq().putBoolean(signed).putString(algorithm()).putString(key.blob());
  }

  /** RSA keys sign with SHA-512 (OpenSSH 7.2+ servers); other keys name their own type. */
  private String algorithm() {
    return key.type().equals("ssh-rsa") ? "rsa-sha2-512" : key.type();
  }

  private int flags() {
    return key.type().equals("ssh-rsa") ? AgentClient.RSA_SHA2_512 : 0;
  }

  @Override
  public String toString() {
    return "ssh-agent key " + key.fingerprint() + " " + key.comment();
  }
}
