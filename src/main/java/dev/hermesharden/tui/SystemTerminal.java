package dev.hermesharden.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Lanterna's Unix terminal on this process's stdin and stdout, made directly (Lanterna's terminal
 * factory first asks {@code java.awt} whether a window could be opened) and with two corrections to
 * what it writes:
 *
 * <ul>
 *   <li>Output is buffered and leaves in one {@code write()} when the screen flushes after a frame;
 *       {@code System.out} would send every character on its own (its print stream flushes each
 *       write).
 *   <li>A character is encoded to exactly its bytes. Lanterna 3.1.3 hands on the whole buffer of
 *       {@code Charset.encode}, so every two-byte character ({@code ·}, {@code »}) was followed by
 *       a NUL byte ({@code c2 b7 00}).
 * </ul>
 *
 * Where Lanterna asks the terminal for the cursor position (to learn its size) the question is sent
 * at once, since the answer is waited for.
 *
 * <p>While Lanterna sets the terminal up it runs {@code stty} once per setting (no line editing, no
 * echo, Ctrl-C as a key): here those settings go to one run of {@code stty} when the terminal is
 * built, a process start instead of four before the first frame. Reading the settings to restore
 * ({@code stty -g}) runs at once, since its answer is used.
 */
final class SystemTerminal extends UnixTerminal {
  private final Charset charset;
  private final FrameOutput out;
  // Filled while Lanterna's constructor runs, before this class's fields are set: no initializers.
  private List<String> settingsWhileBuilt;
  private boolean built;

  private SystemTerminal(FrameOutput out, Charset charset) throws IOException {
    super(System.in, out, charset);
    this.out = out;
    this.charset = charset;
    built = true;
    if (settingsWhileBuilt != null) {
      super.runSTTYCommand(settingsWhileBuilt.toArray(String[]::new));
      settingsWhileBuilt = null;
    }
  }

  @Override
  protected String runSTTYCommand(String... parameters) throws IOException {
    if (built || List.of(parameters).contains("-g")) {
      return super.runSTTYCommand(parameters);
    }
    if (settingsWhileBuilt == null) {
      settingsWhileBuilt = new ArrayList<>();
    }
    settingsWhileBuilt.addAll(List.of(parameters));
    return "";
  }

  static SystemTerminal open(Charset charset) throws IOException {
    // System.out flushes each write, but one write of a whole frame is one write() call
    return new SystemTerminal(new FrameOutput(System.out, 64 * 1024), charset);
  }

  @Override
  protected byte[] translateCharacter(char c) {
    if (!charset.equals(StandardCharsets.UTF_8)) {
      return super.translateCharacter(c); // Lanterna's own substitutes for other charsets
    }
    return utf8(c);
  }

  /** A character's UTF-8 bytes, no more (a lone surrogate becomes {@code ?}, as Lanterna's). */
  static byte[] utf8(char c) {
    return Character.toString(c).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected TerminalSize findTerminalSize() throws IOException {
    return asked(super::findTerminalSize);
  }

  @Override
  public synchronized TerminalPosition getCursorPosition() throws IOException {
    return asked(super::getCursorPosition);
  }

  private interface Question<T> {
    T ask() throws IOException;
  }

  /** A question whose answer is waited for: what is written meanwhile leaves at once. */
  private <T> T asked(Question<T> question) throws IOException {
    out.direct(true);
    try {
      flush();
      return question.ask();
    } finally {
      out.direct(false);
    }
  }

  /** A buffer that is flushed by the screen once per frame, or passes writes on while direct. */
  static final class FrameOutput extends BufferedOutputStream {
    private volatile boolean direct;

    FrameOutput(OutputStream out, int size) {
      super(out, size);
    }

    void direct(boolean on) {
      direct = on;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      super.write(b, off, len);
      if (direct) {
        flush();
      }
    }

    @Override
    public synchronized void write(int b) throws IOException {
      super.write(b);
      if (direct) {
        flush();
      }
    }
  }
}
