package dev.hermesharden.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.AbstractComponent;
import com.googlecode.lanterna.gui2.ComponentRenderer;
import com.googlecode.lanterna.gui2.TextGUIGraphics;

/** A line of one character filling its area: the frame between header, panes and status bar. */
final class Rule extends AbstractComponent<Rule> {
  private final char c;

  Rule(char c, TerminalSize size) {
    this.c = c;
    setPreferredSize(size);
  }

  @Override
  protected ComponentRenderer<Rule> createDefaultRenderer() {
    return new ComponentRenderer<>() {
      @Override
      public TerminalSize getPreferredSize(Rule component) {
        return component.getPreferredSize();
      }

      @Override
      public void drawComponent(TextGUIGraphics g, Rule component) {
        g.applyThemeStyle(component.getThemeDefinition().getNormal());
        g.fill(c);
      }
    };
  }
}
