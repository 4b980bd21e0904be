package dev.hermesharden.cli;

import dev.hermesharden.practice.PracticeStore;
import dev.hermesharden.practice.SimFile;
import dev.hermesharden.practice.SimulatedHost;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** A fresh practice VPS with some of its files changed, saved where the CLI will load it. */
final class PracticeFiles {
  private final SimulatedHost vps = SimulatedHost.fresh();

  /** Changes one existing file, keeping its owner, group and mode. */
  PracticeFiles edit(String path, UnaryOperator<String> change) {
    SimFile old = vps.fs().get(path).orElseThrow(() -> new AssertionError("no file " + path));
    vps.fs()
        .put(path, SimFile.file(change.apply(old.content()), old.owner(), old.group(), old.mode()));
    return this;
  }

  /** Saves the VPS as the practice store of {@code stateDir}. */
  void saveTo(Path stateDir) throws java.io.IOException {
    new PracticeStore(stateDir).save(vps);
  }
}
