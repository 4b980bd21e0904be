package dev.hermesharden.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version from the build (filtered resource), e.g. {@code hermes-harden 0.1.0}. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    return new String[] {"hermes-harden " + version()};
  }

  static String version() throws IOException {
    Properties p = new Properties();
    try (InputStream in =
        VersionProvider.class
            .getClassLoader()
            .getResourceAsStream("hermes-harden-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    }
    return p.getProperty("version", "unknown");
  }
}
