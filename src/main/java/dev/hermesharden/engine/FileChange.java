package dev.hermesharden.engine;

/**
 * One file an apply wrote.
 *
 * @param backupPath where the original was copied on the host, {@code null} for a new file
 * @param sha256Before sha256 of the original content, {@code null} for a new file
 * @param sha256After sha256 of what was written
 */
public record FileChange(String path, String backupPath, String sha256Before, String sha256After) {
  public boolean created() {
    return sha256Before == null;
  }
}
