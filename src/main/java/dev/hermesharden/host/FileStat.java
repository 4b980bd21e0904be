package dev.hermesharden.host;

import java.util.Locale;

/**
 * The answer of {@code stat} for one path.
 *
 * @param mode permission bits as a number (e.g. {@code 0600} octal = 384)
 * @param type {@code stat}'s %F word: "regular file", "regular empty file", "directory", ...
 * @param mtimeEpochSeconds modification time, seconds since the epoch
 */
public record FileStat(
    String path,
    String owner,
    String group,
    int mode,
    long size,
    String type,
    long mtimeEpochSeconds) {

  /** The stat format we ask for; {@link #parse} reads it back. */
  public static final String FORMAT = "%U\t%G\t%a\t%s\t%Y\t%F\t%n\n";

  public boolean isDirectory() {
    return type.equals("directory");
  }

  public boolean isRegularFile() {
    return type.startsWith("regular");
  }

  public boolean isSymlink() {
    return type.equals("symbolic link");
  }

  /** Mode as four octal digits, e.g. "0600". */
  public String octalMode() {
    return String.format(Locale.ROOT, "%04o", mode);
  }

  public boolean worldWritable() {
    return (mode & 0002) != 0;
  }

  public boolean groupOrWorldAccessible() {
    return (mode & 0077) != 0;
  }

  /**
   * Parses one line printed by {@code stat --printf=FORMAT -- path}.
   *
   * @throws IllegalArgumentException when the line does not have that shape
   */
  public static FileStat parse(String line) {
    String[] f = line.stripTrailing().split("\t", 7);
    if (f.length != 7) {
      throw new IllegalArgumentException("unexpected stat output: " + line);
    }
    return new FileStat(
        f[6],
        f[0],
        f[1],
        Integer.parseInt(f[2], 8),
        Long.parseLong(f[3]),
        f[5],
        Long.parseLong(f[4]));
  }
}
