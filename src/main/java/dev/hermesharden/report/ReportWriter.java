package dev.hermesharden.report;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes a summary to {@code <stateDir>/reports/summary-<UTC time>.md}: directory 0700, file 0600,
 * atomically (temp file in the same directory, fsync, rename), so a reader never sees half a
 * report.
 *
 * <p>Caveat: two reports in the same second get distinct names by a numeric suffix.
 */
public final class ReportWriter {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private ReportWriter() {}

  public static Path write(Path stateDir, String markdown, Instant now) throws IOException {
    Path dir = stateDir.resolve("reports");
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    String base = "summary-" + STAMP.format(now);
    Path target = dir.resolve(base + ".md");
    for (int i = 2; Files.exists(target); i++) {
      target = dir.resolve(base + "-" + i + ".md");
    }
    Path tmp = Files.createTempFile(dir, base, ".tmp");
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(tmp, markdown, StandardCharsets.UTF_8);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return target;
  }
}
