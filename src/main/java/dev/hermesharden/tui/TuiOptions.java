package dev.hermesharden.tui;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How the wizard draws: ASCII symbols instead of Unicode ones, colour or monochrome, where reports
 * go, and the host's OS name for the header.
 *
 * @param ascii draw {@code [x] > .} instead of {@code ✔ ▶ ·} (terminal charset is not UTF-8)
 * @param color false when {@code NO_COLOR} is set: symbols and words carry every meaning anyway
 * @param stateDir where {@code reports/} is written (the local state directory)
 * @param osName e.g. "Ubuntu 24.04" (from {@code HostProbe.os}), when known
 */
public record TuiOptions(boolean ascii, boolean color, Path stateDir, Optional<String> osName) {
  public TuiOptions {
    osName = osName == null ? Optional.empty() : osName;
  }

  /** Decides from the environment: {@code LC_ALL}, then {@code LC_CTYPE}, then {@code LANG}. */
  public static TuiOptions fromEnvironment(
      Map<String, String> env, Path stateDir, Optional<String> osName) {
    return new TuiOptions(!utf8(env), !env.containsKey("NO_COLOR"), stateDir, osName);
  }

  /**
   * Whether the locale's charset is UTF-8. The first of LC_ALL, LC_CTYPE, LANG that is set wins, as
   * in POSIX; nothing set means the "C" locale, which is not UTF-8.
   */
  static boolean utf8(Map<String, String> env) {
    for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
      String v = env.get(name);
      if (v != null && !v.isEmpty()) {
        String s = v.toUpperCase(Locale.ROOT);
        return s.contains("UTF-8") || s.contains("UTF8");
      }
    }
    return false;
  }
}
