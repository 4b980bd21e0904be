package dev.hermesharden.host;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A directory of this machine's only the user running hermes-harden can read (0700), for files the
 * wizard needs for a moment on the workstation (the restore test's copy of an archive and what it
 * decrypts to); {@link #close} deletes it with everything in it, whatever happened.
 */
public final class Scratch implements AutoCloseable {
  private final Path dir;

  private Scratch(Path dir) {
    this.dir = dir;
  }

  public static Scratch create(String prefix) throws IOException {
    return new Scratch(
        Files.createTempDirectory(
            prefix,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
  }

  /** A path inside the directory (nothing is created). */
  public Path file(String name) {
    return dir.resolve(name);
  }

  /** An output stream that creates {@code name} and appends to it. */
  public OutputStream append(String name) throws IOException {
    return Files.newOutputStream(
        dir.resolve(name), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  @Override
  public void close() throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
