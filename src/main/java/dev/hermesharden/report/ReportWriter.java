package dev.hermesharden.report;

import dev.hermesharden.host.HostException;
import dev.hermesharden.host.LocalHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes reports: by default to {@code <stateDir>/reports/summary-<UTC time>.<ext>} (directory
 * 0700), always mode 0600 and atomically (temp file in the same directory, fsync, rename), so a
 * reader never sees half a report and nobody else can read it.
 *
 * <p>Caveat: two reports in the same second get distinct names by a numeric suffix; an explicit
 * target is replaced.
 */
public final class ReportWriter {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private ReportWriter() {}

  /** The Markdown summary of the wizard (kept for the TUI). */
  public static Path write(Path stateDir, String markdown, Instant now) throws IOException {
    return writeDefault(stateDir, "md", markdown, now);
  }

  /** A new file under {@code <stateDir>/reports/} with the extension {@code ext}. */
  public static Path writeDefault(Path stateDir, String ext, String content, Instant now)
      throws IOException {
    Path dir = stateDir.resolve("reports");
    try {
      LocalHost.makeDirsHere(dir.toString(), 0700);
    } catch (HostException e) {
      throw new IOException(e.getMessage(), e);
    }
    String base = "summary-" + STAMP.format(now);
    Path target = dir.resolve(base + "." + ext);
    for (int i = 2; Files.exists(target); i++) {
      target = dir.resolve(base + "-" + i + "." + ext);
    }
    return writeTo(target, content);
  }

  /**
   * Writes {@code content} to {@code target} atomically with mode 0600, by the host's one write (so
   * as root never through a directory another account can change).
   */
  public static Path writeTo(Path target, String content) throws IOException {
    Path abs = target.toAbsolutePath();
    try {
      if (!Files.isDirectory(abs.getParent())) {
        LocalHost.makeDirsHere(abs.getParent().toString(), 0700);
      }
      LocalHost.writeHere(abs.toString(), content, 0600);
    } catch (HostException e) {
      throw new IOException(e.getMessage(), e);
    }
    return target;
  }
}
