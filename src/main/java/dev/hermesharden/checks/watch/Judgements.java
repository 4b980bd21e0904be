package dev.hermesharden.checks.watch;

import dev.hermesharden.checks.watch.CronWritableCheck.Finding;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.SideBySide;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The paths a watch check finds root running or reading, judged together once all are found: each
 * judgement is a walk of the path ({@link CronWritableCheck#rootOnly}), and over SSH each walk is a
 * round trip or more, so there they are asked side by side ({@link SideBySide}) instead of one
 * after another (75 hooks, units and loader files took ~6 s of a remote audit in turn). The
 * findings keep the order the paths were found in.
 */
final class Judgements {
  /**
   * One path found.
   *
   * @param judged the path to walk, empty when there is none (not judged: never root-only)
   */
  private record Found(String file, int line, String runAs, String path, Optional<String> judged) {}

  private final List<Found> found = new ArrayList<>();

  /** {@code path}, named at {@code file:line} by something that runs as {@code runAs}. */
  void path(String file, int line, String runAs, String path) {
    named(file, line, runAs, path, Optional.of(path));
  }

  /**
   * {@code named} as written at {@code file:line}, judged as {@code judged} (a {@code ~} path as
   * the shell expands it; empty when it cannot be).
   */
  void named(String file, int line, String runAs, String named, Optional<String> judged) {
    found.add(new Found(file, line, runAs, named, judged));
  }

  /** Something that could not be judged (a cap reached): a finding that is never root-only. */
  void unjudged(String file, String what) {
    named(file, 0, "root", what, Optional.empty());
  }

  /** How many have been found. */
  int size() {
    return found.size();
  }

  /** Every finding, in the order found. */
  List<Finding> judge(Host host) throws HostException {
    List<Boolean> rootOnly =
        SideBySide.map(
            host,
            found,
            f -> f.judged().isPresent() && CronWritableCheck.rootOnly(host, f.judged().get()));
    List<Finding> out = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      Found f = found.get(i);
      out.add(new Finding(f.file(), f.line(), f.runAs(), f.path(), rootOnly.get(i)));
    }
    return out;
  }
}
