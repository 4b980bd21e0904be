package dev.hermesharden.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.AbstractComponent;
import com.googlecode.lanterna.gui2.ComponentRenderer;
import com.googlecode.lanterna.gui2.TextGUIGraphics;
import java.util.List;

/**
 * Lines already wrapped to a width, drawn as they are. Lanterna's Label wraps a line again when it
 * gets less room than it asked for, and a line that starts with spaces then turns into an empty row
 * and a line without its indentation.
 */
final class Lines extends AbstractComponent<Lines> {
  private final List<String> lines;

  Lines(List<String> lines, int width) {
    this.lines = List.copyOf(lines);
    setPreferredSize(new TerminalSize(width, lines.size()));
  }

  @Override
  protected ComponentRenderer<Lines> createDefaultRenderer() {
    return new ComponentRenderer<>() {
      @Override
      public TerminalSize getPreferredSize(Lines component) {
        return component.getPreferredSize();
      }

      @Override
      public void drawComponent(TextGUIGraphics g, Lines component) {
        g.applyThemeStyle(component.getThemeDefinition().getNormal());
        g.fill(' ');
        for (int i = 0; i < lines.size(); i++) {
          g.putString(0, i, lines.get(i));
        }
      }
    };
  }
}
