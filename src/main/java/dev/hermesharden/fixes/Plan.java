package dev.hermesharden.fixes;

import java.util.List;

/**
 * The exact commands and file changes one fix would make, in order. Empty when nothing to do.
 *
 * @param revert what a host-side revert runs after restoring the files this plan writes (reloads,
 *     {@code ufw --force disable}, re-adding a deleted rule); declared by the fix next to its plan
 *     because only the fix knows what its commands changed outside files
 */
public record Plan(String fixId, List<PlannedAction> actions, List<RevertCommand> revert) {
  public Plan {
    actions = List.copyOf(actions);
    revert = List.copyOf(revert);
  }

  /** A plan without revert commands (file restores only). */
  public Plan(String fixId, List<PlannedAction> actions) {
    this(fixId, actions, List.of());
  }

  public static Plan nothing(String fixId) {
    return new Plan(fixId, List.of());
  }

  public Plan withRevert(List<RevertCommand> commands) {
    return new Plan(fixId, actions, commands);
  }

  public boolean isEmpty() {
    return actions.isEmpty();
  }

  /** A plain-text rendering: one {@code $ argv} line per command and a unified diff per file. */
  public String render() {
    return render(UnifiedDiff.BodyMask.NONE);
  }

  /**
   * The same rendering with the diffs' body lines shown through {@code mask}: command lines, paths
   * and hunk ranges are always shown exactly as they will run (see docs/redaction.md).
   */
  public String render(UnifiedDiff.BodyMask mask) {
    StringBuilder sb = new StringBuilder();
    for (PlannedAction a : actions) {
      if (a instanceof RunCommand c) {
        sb.append("$ ").append(c.commandLine()).append('\n');
      } else if (a instanceof WriteFile w) {
        sb.append(w.diff(mask));
      }
    }
    return sb.toString();
  }
}
