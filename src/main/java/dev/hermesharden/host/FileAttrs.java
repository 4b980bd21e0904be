package dev.hermesharden.host;

/**
 * Owner, group and permission bits for a file we write. A {@code null} owner or group, or a
 * negative mode, means "keep what the file has now" (or the host's default for a new file).
 */
public record FileAttrs(String owner, String group, int mode) {
  public static final FileAttrs KEEP = new FileAttrs(null, null, -1);

  public static FileAttrs of(String owner, String group, int mode) {
    return new FileAttrs(owner, group, mode);
  }

  public static FileAttrs mode(int mode) {
    return new FileAttrs(null, null, mode);
  }
}
