package dev.hermesharden.practice;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Keeps the practice VPS between runs, so a practice session can be quit and resumed like a real
 * one. The whole VPS is its {@link SimFs}, saved as JSON beside the wizard's state file.
 */
public final class PracticeStore {
  public static final String FILE = "practice-vps.json";
  private static final ObjectMapper JSON = new ObjectMapper();

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
      Map<String, SimFile> files = JSON.readValue(file.toFile(), new TypeReference<>() {});
      SimFs fs = new SimFs();
      fs.restore(files);
      return SimulatedHost.of(fs);
    } catch (IOException e) {
      // A damaged practice VPS is not worth an error: keep it aside and start fresh.
      try {
        Files.move(
            file, file.resolveSibling(FILE + ".corrupt"), StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException ignored) {
        // best effort
      }
      return SimulatedHost.fresh();
    }
  }

  /** Saves atomically (temp file, fsync, rename), 0600. */
  public void save(SimulatedHost host) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp");
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      Files.write(tmp, JSON.writeValueAsBytes(host.fs().snapshot()));
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  public Path file() {
    return file;
  }
}
