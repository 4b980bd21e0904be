package dev.hermesharden.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;

/**
 * A virtual terminal's screen as text, one line per row: what the TUI tests compare and wait for,
 * and what the build's headless first minute ({@link ClassListRun}) waits for. No test framework
 * here: the build runs {@link ClassListRun} without one.
 */
final class ScreenText {
  private ScreenText() {}

  static String of(DefaultVirtualTerminal term) {
    TerminalSize size = term.getTerminalSize();
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r < size.getRows(); r++) {
      for (int c = 0; c < size.getColumns(); c++) {
        sb.append(term.getCharacter(c, r).getCharacterString());
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
