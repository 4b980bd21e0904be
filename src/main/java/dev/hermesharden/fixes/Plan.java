package dev.hermesharden.fixes;

import java.util.List;

/** The exact commands and file changes one fix would make, in order. Empty when nothing to do. */
public record Plan(String fixId, List<PlannedAction> actions) {
  public Plan {
    actions = List.copyOf(actions);
  }

  public static Plan nothing(String fixId) {
    return new Plan(fixId, List.of());
  }

  public boolean isEmpty() {
    return actions.isEmpty();
  }

  /** A plain-text rendering: one {@code $ argv} line per command and a unified diff per file. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    for (PlannedAction a : actions) {
      if (a instanceof RunCommand c) {
        sb.append("$ ").append(c.commandLine()).append('\n');
      } else if (a instanceof WriteFile w) {
        sb.append(w.diff());
      }
    }
    return sb.toString();
  }
}
