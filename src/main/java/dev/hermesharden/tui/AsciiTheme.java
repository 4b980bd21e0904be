package dev.hermesharden.tui;

import com.googlecode.lanterna.graphics.DelegatingTheme;
import com.googlecode.lanterna.graphics.Theme;
import com.googlecode.lanterna.graphics.ThemeDefinition;
import com.googlecode.lanterna.graphics.ThemeStyle;
import com.googlecode.lanterna.gui2.Component;
import com.googlecode.lanterna.gui2.ComponentRenderer;

/**
 * A theme whose drawing characters are plain ASCII, for terminals that are not UTF-8: Lanterna's
 * own borders, title bars and scroll bars ask the theme for their characters, so mapping them here
 * covers every dialog, not only our own texts.
 */
final class AsciiTheme extends DelegatingTheme {
  AsciiTheme(Theme base) {
    super(base);
  }

  @Override
  public ThemeDefinition getDefaultDefinition() {
    return new Ascii(super.getDefaultDefinition());
  }

  @Override
  public ThemeDefinition getDefinition(Class<?> clazz) {
    return new Ascii(super.getDefinition(clazz));
  }

  /** The ASCII stand-in for a drawing character; ASCII stays as it is. */
  static char ascii(char c) {
    if (c < 0x80) {
      return c;
    }
    return switch (c) {
      case '─', '═', '━' -> '-';
      case '│', '║', '┃' -> '|';
      case '█', '■' -> '#';
      case '░', '▒', '▓' -> ':';
      case '▲', '↑' -> '^';
      case '▼', '↓' -> 'v';
      case '◄', '←' -> '<';
      case '►', '→' -> '>';
      case '•', '·', '●' -> '*';
      default -> c >= 0x2500 && c <= 0x257f ? '+' : '?';
    };
  }

  private record Ascii(ThemeDefinition d) implements ThemeDefinition {
    @Override
    public char getCharacter(String name, char fallback) {
      return ascii(d.getCharacter(name, fallback));
    }

    @Override
    public ThemeStyle getNormal() {
      return d.getNormal();
    }

    @Override
    public ThemeStyle getPreLight() {
      return d.getPreLight();
    }

    @Override
    public ThemeStyle getSelected() {
      return d.getSelected();
    }

    @Override
    public ThemeStyle getActive() {
      return d.getActive();
    }

    @Override
    public ThemeStyle getInsensitive() {
      return d.getInsensitive();
    }

    @Override
    public ThemeStyle getCustom(String name) {
      return d.getCustom(name);
    }

    @Override
    public ThemeStyle getCustom(String name, ThemeStyle fallback) {
      return d.getCustom(name, fallback);
    }

    @Override
    public boolean getBooleanProperty(String name, boolean fallback) {
      return d.getBooleanProperty(name, fallback);
    }

    @Override
    public boolean isCursorVisible() {
      return d.isCursorVisible();
    }

    @Override
    public <T extends Component> ComponentRenderer<T> getRenderer(Class<T> type) {
      return d.getRenderer(type);
    }
  }
}
