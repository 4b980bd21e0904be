package dev.hermesharden.words;

import dev.hermesharden.checks.Status;
import dev.hermesharden.engine.StepStatus;
import java.util.Locale;
import java.util.Map;

/**
 * The symbols drawn beside words (never instead of them), in Unicode or in plain ASCII for
 * terminals whose charset is not UTF-8.
 */
public final class Glyphs {
  private final boolean ascii;

  public Glyphs(boolean ascii) {
    this.ascii = ascii;
  }

  /** Unicode symbols when the terminal's charset is UTF-8, else ASCII ones. */
  public static Glyphs forEnvironment(Map<String, String> env) {
    return new Glyphs(!utf8(env));
  }

  /**
   * Whether the locale's charset is UTF-8. The first of LC_ALL, LC_CTYPE, LANG that is set wins, as
   * in POSIX; nothing set means the "C" locale, which is not UTF-8.
   */
  public static boolean utf8(Map<String, String> env) {
    for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
      String v = env.get(name);
      if (v != null && !v.isEmpty()) {
        String s = v.toUpperCase(Locale.ROOT);
        return s.contains("UTF-8") || s.contains("UTF8");
      }
    }
    return false;
  }

  public boolean ascii() {
    return ascii;
  }

  public String step(StepStatus s, boolean current) {
    if (s == StepStatus.VERIFIED) {
      return ascii ? "[x]" : "✔";
    }
    if (s == StepStatus.SKIPPED) {
      return ascii ? "[-]" : "↷";
    }
    if (s == StepStatus.LOCKED) {
      return ascii ? " . " : "·";
    }
    if (current) {
      return ascii ? " > " : "▶";
    }
    return ascii ? " o " : "○";
  }

  public String check(Status s) {
    return switch (s) {
      case PASS -> ascii ? "[x]" : "✔";
      case FAIL -> ascii ? "[!]" : "✘";
      case NOT_APPLICABLE, SKIPPED -> ascii ? "[-]" : "–";
      case ERROR -> ascii ? "[?]" : "?";
    };
  }

  public String ok(boolean ok) {
    return ok ? (ascii ? "[x]" : "✔") : (ascii ? "[!]" : "✘");
  }

  public String dot() {
    return ascii ? "-" : "·";
  }

  public char horizontal() {
    return ascii ? '-' : '─';
  }

  public char vertical() {
    return ascii ? '|' : '│';
  }

  /** The dash between what is checked and what was found. */
  public String dash() {
    return ascii ? "-" : "—";
  }

  public String busy() {
    return ascii ? "..." : "…";
  }
}
