package dev.hermesharden.host.ssh;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/** SSH wire encoding (RFC 4251 §5) for what the agent protocol sends: bytes, uint32s, strings. */
final class Wire {
  private Wire() {}

  /**
   * Reads a {@code string}: a uint32 length, then that many bytes.
   *
   * @throws BufferUnderflowException when the buffer holds less than it says
   */
  static byte[] string(ByteBuffer in) {
    int n = in.getInt();
    if (n < 0 || n > in.remaining()) {
      throw new BufferUnderflowException();
    }
    byte[] b = new byte[n];
    in.get(b);
    return b;
  }

  /** A message being written. */
  static final class Out {
    private final ByteArrayOutputStream b = new ByteArrayOutputStream();

    Out put(byte v) {
      b.write(v);
      return this;
    }

    Out putInt(int v) {
      b.write(v >>> 24);
      b.write(v >>> 16);
      b.write(v >>> 8);
      b.write(v);
      return this;
    }

    Out putString(byte[] s) {
      putInt(s.length);
      b.writeBytes(s);
      return this;
    }

    byte[] bytes() {
      return b.toByteArray();
    }
  }
}
