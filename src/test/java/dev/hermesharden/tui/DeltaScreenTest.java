package dev.hermesharden.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link DeltaScreen}: the terminal shows what Lanterna's own refresh shows, in fewer moves. */
@Timeout(30)
class DeltaScreenTest {
  private static final TerminalSize SIZE = new TerminalSize(40, 8);
  private static final TextColor[] COLOURS = {
    TextColor.ANSI.DEFAULT, TextColor.ANSI.WHITE, TextColor.ANSI.BLUE, TextColor.ANSI.BLACK
  };

  @Test
  void everyCellEndsAsWithLanternasOwnRefresh() throws Exception {
    DefaultVirtualTerminal ours = new DefaultVirtualTerminal(SIZE);
    DefaultVirtualTerminal lanterna = new DefaultVirtualTerminal(SIZE);
    Screen delta = new DeltaScreen(ours);
    Screen plain = new TerminalScreen(lanterna);
    delta.startScreen();
    plain.startScreen();
    Random random = new Random(14);
    for (int frame = 0; frame < 60; frame++) {
      // few changes (gaps to step over or write again) and many (Lanterna would redraw whole)
      int changes = frame % 3 == 0 ? 400 : 1 + random.nextInt(12);
      for (int i = 0; i < changes; i++) {
        TextCharacter c = randomCharacter(random);
        int x = random.nextInt(SIZE.getColumns());
        int y = random.nextInt(SIZE.getRows());
        delta.setCharacter(x, y, c);
        plain.setCharacter(x, y, c);
      }
      delta.refresh();
      plain.refresh();
      for (int y = 0; y < SIZE.getRows(); y++) {
        for (int x = 0; x < SIZE.getColumns(); x++) {
          TerminalPosition p = new TerminalPosition(x, y);
          assertEquals(
              lanterna.getCharacter(p), ours.getCharacter(p), "frame " + frame + " cell " + p);
        }
      }
    }
  }

  @Test
  void aShortUnchangedGapIsWrittenAgainALongOneIsMovedOver() throws Exception {
    int[] moves = {0};
    Terminal counting = countingMoves(new DefaultVirtualTerminal(SIZE), moves);
    Screen screen = new DeltaScreen(counting);
    screen.startScreen();
    screen.newTextGraphics().putString(0, 0, "the same text on the first row");
    screen.refresh();

    moves[0] = 0;
    screen.setCharacter(0, 0, TextCharacter.fromCharacter('T')[0]);
    screen.setCharacter(2, 0, TextCharacter.fromCharacter('E')[0]);
    screen.refresh();
    assertEquals(
        2, moves[0], "a move to the first change and the cursor's; the 'h' between is rewritten");

    moves[0] = 0;
    screen.setCharacter(0, 0, TextCharacter.fromCharacter('t')[0]);
    screen.setCharacter(29, 0, TextCharacter.fromCharacter('W')[0]);
    screen.refresh();
    assertEquals(3, moves[0], "28 unchanged cells cost more than a move over them");
  }

  private static TextCharacter randomCharacter(Random random) {
    String chars = "ab ·»─✔";
    char ch = chars.charAt(random.nextInt(chars.length()));
    TextColor fg = COLOURS[random.nextInt(COLOURS.length)];
    TextColor bg = COLOURS[random.nextInt(COLOURS.length)];
    TextCharacter c = TextCharacter.fromCharacter(ch, fg, bg)[0];
    return random.nextBoolean() ? c.withModifier(SGR.BOLD) : c;
  }

  /** The terminal, counting the cursor moves sent to it (a refresh ends by placing the cursor). */
  private static Terminal countingMoves(Terminal t, int[] moves) {
    return (Terminal)
        Proxy.newProxyInstance(
            Terminal.class.getClassLoader(),
            new Class<?>[] {Terminal.class},
            (proxy, method, args) -> {
              if (method.getName().equals("setCursorPosition") && !method.isDefault()) {
                moves[0]++;
              }
              try {
                return method.invoke(t, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
