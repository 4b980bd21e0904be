package dev.hermesharden.system.accounts;

import java.util.Optional;

/**
 * One line of {@code passwd -S NAME}, e.g. {@code admin P 2024-11-20 0 99999 7 -1}.
 *
 * <p>Caveat: {@code passwd -S} says {@code P} for a {@code *} hash too (shadow-utils tests only for
 * a leading {@code !} or an empty field), so {@code P} means "not locked", not "has a password".
 */
public record PasswordStatus(String user, State state, String lastChange) {
  /** The second field: L (locked), NP (no password), P (usable password). */
  public enum State {
    LOCKED,
    NO_PASSWORD,
    PASSWORD
  }

  public static Optional<PasswordStatus> parse(String output) {
    String[] f = output.strip().split("\\s+");
    if (f.length < 2) {
      return Optional.empty();
    }
    State s =
        switch (f[1]) {
          case "L", "LK" -> State.LOCKED;
          case "NP" -> State.NO_PASSWORD;
          case "P", "PS" -> State.PASSWORD;
          default -> null;
        };
    return s == null
        ? Optional.empty()
        : Optional.of(new PasswordStatus(f[0], s, f.length > 2 ? f[2] : ""));
  }
}
