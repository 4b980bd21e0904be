package dev.hermesharden.fixes;

import java.util.List;

/**
 * One command a host-side revert runs after putting the files back: the first of {@code
 * alternatives} that exits 0 counts (e.g. {@code systemctl reload ssh}, else {@code systemctl
 * reload sshd}). When none succeeds and {@code required} is set, the revert runs no further command
 * (e.g. {@code sshd -t} failing must stop the reload).
 *
 * <p>Caveat: argv only, never a shell string; the revert script quotes every word itself.
 */
public record RevertCommand(List<List<String>> alternatives, boolean required) {
  public RevertCommand {
    alternatives = alternatives.stream().map(List::copyOf).toList();
    if (alternatives.isEmpty() || alternatives.stream().anyMatch(List::isEmpty)) {
      throw new IllegalArgumentException("a revert command needs argv");
    }
  }

  /** A command whose failure stops the commands after it. */
  public static RevertCommand required(String... argv) {
    return new RevertCommand(List.of(List.of(argv)), true);
  }

  /** A command that is tried; the revert goes on if it fails. */
  public static RevertCommand of(String... argv) {
    return new RevertCommand(List.of(List.of(argv)), false);
  }

  /** The same, trying {@code argv} when every earlier alternative failed. */
  public RevertCommand orElse(String... argv) {
    List<List<String>> all = new java.util.ArrayList<>(alternatives);
    all.add(List.of(argv));
    return new RevertCommand(all, required);
  }
}
