package dev.hermesharden.tui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What {@link SystemTerminal} writes: exact UTF-8, one write() per flushed frame. */
class SystemTerminalTest {
  @Test
  void aTwoByteCharacterIsItsTwoBytes() {
    // Lanterna 3.1.3's own encoding of the same character: the whole encode buffer, NUL included
    byte[] lanterna = StandardCharsets.UTF_8.encode(Character.toString('·')).array();
    assertArrayEquals(new byte[] {(byte) 0xc2, (byte) 0xb7, 0}, lanterna);
    assertArrayEquals(new byte[] {(byte) 0xc2, (byte) 0xb7}, SystemTerminal.utf8('·'));
    assertArrayEquals(new byte[] {(byte) 0xc2, (byte) 0xbb}, SystemTerminal.utf8('»'));
    assertArrayEquals("─".getBytes(StandardCharsets.UTF_8), SystemTerminal.utf8('─'));
    assertArrayEquals(new byte[] {'a'}, SystemTerminal.utf8('a'));
  }

  @Test
  void aFrameLeavesInOneWriteAndAQuestionAtOnce() throws Exception {
    Counting sink = new Counting();
    SystemTerminal.FrameOutput out = new SystemTerminal.FrameOutput(sink, 64 * 1024);
    for (char c : "a frame of many characters".toCharArray()) {
      out.write(SystemTerminal.utf8(c));
    }
    assertEquals(0, sink.writes, "nothing leaves before the frame is flushed");
    out.flush();
    assertEquals(1, sink.writes);
    out.direct(true);
    out.write("\u001b[6n".getBytes(StandardCharsets.US_ASCII));
    assertEquals(2, sink.writes, "a question to the terminal is sent at once");
    assertEquals(
        "a frame of many characters\u001b[6n", sink.bytes.toString(StandardCharsets.UTF_8));
  }

  private static final class Counting extends OutputStream {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int writes;

    @Override
    public void write(int b) {
      writes++;
      bytes.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      writes++;
      bytes.write(b, off, len);
    }
  }
}
