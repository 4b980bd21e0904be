package dev.hermesharden.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.ThemeDefinition;
import com.googlecode.lanterna.gui2.Button;
import com.googlecode.lanterna.gui2.TextGUIGraphics;

/**
 * A button that shows its own key ({@code [a] Apply}) instead of Lanterna's highlighted first
 * letter, which named the wrong key in both languages ({@code Show changes} and {@code Skip} both
 * lit up S). No padding; the focused one is drawn in the theme's active style and marked with an
 * arrow, so focus is seen without colour too.
 */
final class KeyButton extends Button {
  private final String marker;

  KeyButton(char key, String label, String marker, Runnable action) {
    super("[" + key + "] " + label, action);
    this.marker = marker;
    setRenderer(new Renderer());
  }

  private final class Renderer implements Button.ButtonRenderer {
    @Override
    public TerminalPosition getCursorLocation(Button b) {
      return null; // no blinking cursor on a button
    }

    @Override
    public TerminalSize getPreferredSize(Button b) {
      return new TerminalSize(b.getLabel().length() + 1, 1);
    }

    @Override
    public void drawComponent(TextGUIGraphics g, Button b) {
      ThemeDefinition td = b.getThemeDefinition();
      g.applyThemeStyle(b.isFocused() ? td.getActive() : td.getNormal());
      g.fill(' ');
      g.putString(0, 0, (b.isFocused() ? marker : " ") + b.getLabel());
    }
  }
}
