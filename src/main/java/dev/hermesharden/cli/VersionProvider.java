package dev.hermesharden.cli;

import dev.hermesharden.report.ToolVersion;
import picocli.CommandLine.IVersionProvider;

/** The version from the build (filtered resource), e.g. {@code hermes-harden 0.1.0}. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {ToolVersion.text()};
  }

  static String version() {
    return ToolVersion.version();
  }
}
