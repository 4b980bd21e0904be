package dev.hermesharden.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextImage;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;

/**
 * Lanterna's terminal screen with a cheaper way to send what changed between two frames.
 *
 * <ul>
 *   <li>Lanterna moves the cursor over every unchanged cell between two changed ones: a move costs
 *       eight bytes or so ({@code ESC[13;37H}), one unchanged space one byte. Here a short run of
 *       unchanged cells in the same colours is written again when that is fewer bytes than the
 *       move.
 *   <li>Lanterna redraws the whole screen (clear, then every cell) when more than a quarter of the
 *       cells changed, which is most of the time more than the changed cells alone. Here only a
 *       start, a resize or a clear redraws whole; every other frame sends what changed.
 * </ul>
 *
 * The terminal ends in the same state as with Lanterna's own refresh: the same characters, colours
 * and modifiers in every cell (the tests compare whole screens on a virtual terminal).
 */
final class DeltaScreen extends TerminalScreen {
  private boolean started;
  private boolean wholeNext = true;

  DeltaScreen(Terminal terminal) throws IOException {
    super(terminal);
  }

  @Override
  public synchronized void startScreen() throws IOException {
    super.startScreen();
    started = true;
    wholeNext = true;
  }

  @Override
  public synchronized void stopScreen(boolean flushInput) throws IOException {
    super.stopScreen(flushInput);
    started = false;
  }

  @Override
  public synchronized void clear() {
    super.clear();
    wholeNext = true;
  }

  @Override
  public synchronized TerminalSize doResizeIfNecessary() {
    TerminalSize resized = super.doResizeIfNecessary();
    if (resized != null) {
      wholeNext = true;
    }
    return resized;
  }

  @Override
  public synchronized void refresh(RefreshType type) throws IOException {
    if (!started) {
      return;
    }
    if (wholeNext || type == RefreshType.COMPLETE) {
      wholeNext = false;
      super.refresh(RefreshType.COMPLETE);
      return;
    }
    sendChanges();
    getBackBuffer().copyTo(getFrontBuffer());
    // the buffers agree now: Lanterna's own delta finds nothing to send and only places the
    // cursor, flushes and takes the frame as the one on the terminal
    super.refresh(RefreshType.DELTA);
  }

  private void sendChanges() throws IOException {
    TextImage back = getBackBuffer();
    TextImage front = getFrontBuffer();
    TerminalSize size = getTerminalSize();
    Terminal t = getTerminal();
    Pen pen = null;
    int penRow = -1;
    int penCol = -1;
    for (int y = 0; y < size.getRows(); y++) {
      for (int x = 0; x < size.getColumns(); x++) {
        TextCharacter c = back.getCharacterAt(x, y);
        if (c.equals(front.getCharacterAt(x, y))) {
          continue;
        }
        if (pen == null) {
          t.setCursorPosition(x, y);
          pen = new Pen(t, c);
        } else if (penRow != y || penCol != x) {
          if (penRow == y && penCol < x && cheaperToRewrite(back, pen, y, penCol, x)) {
            for (int gap = penCol; gap < x; gap++) {
              t.putCharacter(back.getCharacterAt(gap, y).getCharacter());
            }
          } else {
            t.setCursorPosition(x, y);
          }
        }
        pen.take(c);
        t.putCharacter(c.getCharacter());
        boolean wide = c.isDoubleWidth();
        penRow = y;
        penCol = x + (wide ? 2 : 1);
        if (wide) {
          x++; // its second column is its own
        }
      }
    }
  }

  /**
   * Whether writing the unchanged cells {@code from..to-1} of a row again costs fewer bytes than a
   * cursor move over them; only cells in the pen's colours and modifiers qualify.
   */
  private static boolean cheaperToRewrite(TextImage back, Pen pen, int row, int from, int to) {
    int move = 4 + digits(row + 1) + digits(to + 1); // ESC [ row ; col H
    int bytes = 0;
    for (int x = from; x < to; x++) {
      TextCharacter c = back.getCharacterAt(x, row);
      if (c.isDoubleWidth() || !pen.draws(c)) {
        return false;
      }
      bytes += c.getCharacterString().getBytes(StandardCharsets.UTF_8).length;
      if (bytes > move) {
        return false;
      }
    }
    return true;
  }

  private static int digits(int n) {
    return n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : 4;
  }

  /** The colours and modifiers the terminal writes with now; changed only when a cell needs it. */
  private static final class Pen {
    private final Terminal t;
    private TextColor fg;
    private TextColor bg;
    private final EnumSet<SGR> sgr;

    Pen(Terminal t, TextCharacter first) throws IOException {
      this.t = t;
      // as Lanterna's delta starts: from a reset, in the first changed cell's colours
      t.resetColorAndSGR();
      sgr = EnumSet.noneOf(SGR.class);
      for (SGR s : first.getModifiers()) {
        t.enableSGR(s);
        sgr.add(s);
      }
      fg = first.getForegroundColor();
      bg = first.getBackgroundColor();
      t.setForegroundColor(fg);
      t.setBackgroundColor(bg);
    }

    boolean draws(TextCharacter c) {
      return fg.equals(c.getForegroundColor())
          && bg.equals(c.getBackgroundColor())
          && sgr.equals(c.getModifiers());
    }

    void take(TextCharacter c) throws IOException {
      if (!fg.equals(c.getForegroundColor())) {
        fg = c.getForegroundColor();
        t.setForegroundColor(fg);
      }
      if (!bg.equals(c.getBackgroundColor())) {
        bg = c.getBackgroundColor();
        t.setBackgroundColor(bg);
      }
      for (SGR s : SGR.values()) {
        boolean want = c.getModifiers().contains(s);
        if (sgr.contains(s) && !want) {
          t.disableSGR(s);
          sgr.remove(s);
        } else if (!sgr.contains(s) && want) {
          t.enableSGR(s);
          sgr.add(s);
        }
      }
    }
  }
}
