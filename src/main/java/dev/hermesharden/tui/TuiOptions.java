package dev.hermesharden.tui;

import dev.hermesharden.words.Glyphs;
import java.util.Map;
import java.util.Optional;

/**
 * How the wizard draws: ASCII symbols instead of Unicode ones, colour or monochrome, and the host's
 * OS name for the header.
 *
 * @param ascii draw {@code [x] > .} instead of {@code ✔ ▶ ·} (terminal charset is not UTF-8)
 * @param color false when {@code NO_COLOR} is set or the terminal is a VT100-family one without
 *     colours: symbols and words carry every meaning anyway
 * @param osName e.g. "Ubuntu 24.04" (from {@code HostProbe.os}), when known
 */
public record TuiOptions(boolean ascii, boolean color, Optional<String> osName) {
  public TuiOptions {
    osName = osName == null ? Optional.empty() : osName;
  }

  /** Decides from the environment: {@code LC_ALL}, then {@code LC_CTYPE}, then {@code LANG}. */
  public static TuiOptions fromEnvironment(Map<String, String> env, Optional<String> osName) {
    String term = env.getOrDefault("TERM", "");
    boolean color = !env.containsKey("NO_COLOR") && !term.matches("vt\\d+.*");
    return new TuiOptions(!Glyphs.utf8(env), color, osName);
  }
}
