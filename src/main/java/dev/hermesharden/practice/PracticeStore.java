package dev.hermesharden.practice;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.LocalHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Keeps the practice VPS between runs, so a practice session can be quit and resumed like a real
 * one. The whole VPS is its {@link SimFs}, saved as JSON beside the wizard's state file.
 */
public final class PracticeStore {
  public static final String FILE = "practice-vps.json";

  /**
   * The mapper, made on first use (the first practice run has no file to read, and Jackson is ~600
   * classes the first frame does not need).
   */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private final Path file;

  public PracticeStore(Path stateDir) {
    this.file = stateDir.resolve(FILE);
  }

  /** The saved practice VPS, or a fresh one when none was saved or the file is unreadable. */
  public SimulatedHost load() {
    if (!Files.isRegularFile(file)) {
      return SimulatedHost.fresh();
    }
    try {
      Map<String, SimFile> files = Json.MAPPER.readValue(file.toFile(), new TypeReference<>() {});
      SimFs fs = new SimFs();
      fs.restore(files);
      return SimulatedHost.of(fs);
    } catch (IOException e) {
      // A damaged practice VPS is not worth an error: keep it aside and start fresh.
      try {
        Path aside = file.resolveSibling(FILE + ".corrupt-" + System.currentTimeMillis());
        LocalHost.renameHere(file.toString(), aside.toString());
      } catch (HostException ignored) {
        // best effort: a fresh VPS replaces it on the next save
      }
      return SimulatedHost.fresh();
    }
  }

  /** Saves by the host's one atomic write (temp file, fsync, rename), 0600. */
  public void save(SimulatedHost host) throws IOException {
    try {
      LocalHost.makeDirsHere(file.getParent().toString(), 0700);
      LocalHost.writeHere(
          file.toString(), Json.MAPPER.writeValueAsString(host.fs().snapshot()), 0600);
    } catch (HostException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }
}
