package dev.hermesharden.tui;

import dev.hermesharden.checks.Status;
import dev.hermesharden.engine.StepStatus;

/**
 * The symbols drawn beside words (never instead of them), in Unicode or in plain ASCII for
 * terminals whose charset is not UTF-8.
 */
final class Glyphs {
  private final boolean ascii;

  Glyphs(boolean ascii) {
    this.ascii = ascii;
  }

  boolean ascii() {
    return ascii;
  }

  String step(StepStatus s, boolean current) {
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

  String check(Status s) {
    return switch (s) {
      case PASS -> ascii ? "[x]" : "✔";
      case FAIL -> ascii ? "[!]" : "✘";
      case NOT_APPLICABLE, SKIPPED -> ascii ? "[-]" : "–";
      case ERROR -> ascii ? "[?]" : "?";
    };
  }

  String ok(boolean ok) {
    return ok ? (ascii ? "[x]" : "✔") : (ascii ? "[!]" : "✘");
  }

  String dot() {
    return ascii ? "-" : "·";
  }

  char horizontal() {
    return ascii ? '-' : '─';
  }

  char vertical() {
    return ascii ? '|' : '│';
  }

  String busy() {
    return ascii ? "..." : "…";
  }
}
