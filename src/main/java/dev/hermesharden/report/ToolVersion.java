package dev.hermesharden.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The tool's name and version from the build (filtered resource), e.g. {@code hermes-harden 0.1.0}:
 * shown by {@code --version} and written into every report.
 *
 * <p>Caveat: {@code unknown} as the version when run from classes without the filtered resource.
 */
public final class ToolVersion {
  private ToolVersion() {}

  /** The version alone, e.g. {@code 0.1.0}. */
  public static String version() {
    Properties p = new Properties();
    try (InputStream in =
        ToolVersion.class
            .getClassLoader()
            .getResourceAsStream("hermes-harden-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version", "unknown");
  }

  /** {@code hermes-harden <version>}. */
  public static String text() {
    return "hermes-harden " + version();
  }
}
