package dev.hermesharden.tui;

import com.googlecode.lanterna.terminal.Terminal;
import java.io.IOException;
import java.nio.charset.Charset;

/**
 * Where the full-screen wizard draws: this process's own terminal ({@link #SYSTEM}), or a given one
 * (the build's class-list run draws on a virtual terminal, through the same command line and path
 * as a user's wizard).
 */
@FunctionalInterface
public interface TerminalSource {
  /** Standard input and output (Lanterna's Unix terminal, see {@link SystemTerminal}). */
  TerminalSource SYSTEM = SystemTerminal::open;

  /** The terminal, writing characters in {@code charset}. */
  Terminal open(Charset charset) throws IOException;

  /** Always {@code terminal}, whatever the charset (a virtual terminal holds characters). */
  static TerminalSource of(Terminal terminal) {
    return charset -> terminal;
  }
}
