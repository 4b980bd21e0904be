package dev.hermesharden.host;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A real host's file operations: every one goes through its {@link SafeFiles}, which decides how
 * root touches the path (docs/threat-model.md). {@link LocalHost} and {@link SshHost} differ only
 * in the {@link SafeFiles.Direct} half they give it.
 */
abstract class SafeFilesHost implements Host {
  /** The host's one decision point for files; set once the host knows whether it acts as root. */
  abstract SafeFiles files();

  @Override
  public final Optional<String> readFile(String path) throws HostException {
    return files().read(path, StandardCharsets.UTF_8);
  }

  @Override
  public final Optional<String> readFile(String path, Charset charset) throws HostException {
    return files().read(path, charset);
  }

  @Override
  public final void writeFile(String path, String content, FileAttrs attrs) throws HostException {
    files().write(path, content.getBytes(StandardCharsets.UTF_8), attrs);
  }

  @Override
  public final void writeFile(String path, String content, FileAttrs attrs, Charset charset)
      throws HostException {
    files().write(path, content.getBytes(charset), attrs);
  }

  @Override
  public final void deleteFile(String path) throws HostException {
    files().delete(path);
  }

  @Override
  public final List<String> listDirectory(String path) throws HostException {
    return files().list(path);
  }
}
