package dev.hermesharden.checks;

import java.util.Arrays;
import java.util.List;

/** Why a result is what it is: an i18n message key plus its arguments; words come later. */
public record Reason(String key, List<String> args) {
  public Reason {
    args = List.copyOf(args);
  }

  public static Reason of(String key, Object... args) {
    return new Reason(key, Arrays.stream(args).map(String::valueOf).toList());
  }
}
