package dev.hermesharden.host.ssh;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A client of the running {@code ssh-agent} (draft-miller-ssh-agent): lists its keys and has it
 * sign the login request, so the private key never leaves the agent. It speaks the two requests a
 * login needs over the agent's Unix-domain socket, with the JDK's own {@code SocketChannel} (Java
 * 16+): no native library, no unmaintained agent-proxy dependency (docs/remote-ssh.md).
 *
 * <p>One short connection per request, as {@code ssh} does; an agent that is gone, or answers
 * {@code SSH_AGENT_FAILURE} (a key needing confirmation the admin declined), ends in an {@link
 * IOException} and the login goes on with the next key.
 */
final class AgentClient {
  static final byte FAILURE = 5;
  static final byte REQUEST_IDENTITIES = 11;
  static final byte IDENTITIES_ANSWER = 12;
  static final byte SIGN_REQUEST = 13;
  static final byte SIGN_RESPONSE = 14;

  /** Sign flags: an RSA key signs with SHA-256 or SHA-512 instead of SHA-1. */
  static final int RSA_SHA2_256 = 2;

  static final int RSA_SHA2_512 = 4;

  /** An agent's answer is never near this; a larger length is a protocol error, not a buffer. */
  private static final int MAX_MESSAGE = 256 * 1024;

  /** A key the agent holds: its wire-format blob and comment. */
  record Identity(byte[] blob, String comment) {
    String type() {
      return new String(Wire.string(ByteBuffer.wrap(blob)), StandardCharsets.US_ASCII);
    }

    String fingerprint() {
      return KeyFingerprint.sha256(blob);
    }
  }

  private final Path socket;

  AgentClient(Path socket) {
    this.socket = socket;
  }

  List<Identity> identities() throws IOException {
    ByteBuffer in = request(new byte[] {REQUEST_IDENTITIES}, IDENTITIES_ANSWER);
    int n = in.getInt();
    List<Identity> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] blob = Wire.string(in);
      String comment = new String(Wire.string(in), StandardCharsets.UTF_8);
      out.add(new Identity(blob, comment));
    }
    return out;
  }

  /** The agent's signature of {@code data}: {@code string format, string signature}. */
  byte[] sign(byte[] keyBlob, byte[] data, int flags) throws IOException {
    Wire.Out req =
        new Wire.Out().put(SIGN_REQUEST).putString(keyBlob).putString(data).putInt(flags);
    return Wire.string(request(req.bytes(), SIGN_RESPONSE));
  }

  private ByteBuffer request(byte[] body, byte expected) throws IOException {
    try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      ByteBuffer out = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).flip();
      while (out.hasRemaining()) {
        ch.write(out);
      }
      ByteBuffer len = read(ch, 4);
      int n = len.getInt();
      if (n < 1 || n > MAX_MESSAGE) {
        throw new IOException("ssh-agent: bad message length " + n);
      }
      ByteBuffer msg = read(ch, n);
      byte type = msg.get();
      if (type != expected) {
        throw new IOException(
            type == FAILURE ? "ssh-agent refused the request" : "ssh-agent: answer type " + type);
      }
      return msg;
    } catch (RuntimeException e) {
      throw new IOException("ssh-agent: malformed answer", e);
    }
  }

  private static ByteBuffer read(SocketChannel ch, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        throw new IOException("ssh-agent closed the connection");
      }
    }
    return b.flip();
  }
}
