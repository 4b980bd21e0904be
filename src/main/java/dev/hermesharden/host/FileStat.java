package dev.hermesharden.host;

import java.util.Locale;

/**
 * The answer of {@code stat} for one path.
 *
 * @param mode permission bits as a number (e.g. {@code 0600} octal = 384), special bits included
 * @param type {@code stat}'s %F word: "regular file", "regular empty file", "directory", ...
 * @param mtimeEpochSeconds modification time, seconds since the epoch
 * @param uid numeric owner; {@code -1} when unknown
 * @param gid numeric group; {@code -1} when unknown
 * @param links number of hard links
 */
public record FileStat(
    String path,
    String owner,
    String group,
    int mode,
    long size,
    String type,
    long mtimeEpochSeconds,
    int uid,
    int gid,
    long links) {

  /** The stat format we ask for; {@link #parse} reads it back. The name comes last (any bytes). */
  public static final String FORMAT = "%U\t%G\t%a\t%s\t%Y\t%F\t%u\t%g\t%h\t%n\n";

  /**
   * A stat without numeric ids (root by name is uid 0), for hosts and tests that only have names.
   */
  public FileStat(
      String path,
      String owner,
      String group,
      int mode,
      long size,
      String type,
      long mtimeEpochSeconds) {
    this(
        path,
        owner,
        group,
        mode,
        size,
        type,
        mtimeEpochSeconds,
        owner.equals("root") ? 0 : -1,
        group.equals("root") ? 0 : -1,
        type.equals("directory") ? 2 : 1);
  }

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
    return String.format(Locale.ROOT, "%04o", mode & 07777);
  }

  public boolean worldWritable() {
    return (mode & 0002) != 0;
  }

  public boolean groupWritable() {
    return (mode & 0020) != 0;
  }

  /** The sticky bit: in such a directory only an entry's owner may rename or remove it. */
  public boolean sticky() {
    return (mode & 01000) != 0;
  }

  public boolean groupOrWorldAccessible() {
    return (mode & 0077) != 0;
  }

  /**
   * Parses one line printed by {@code stat --printf=FORMAT -- path}; the older seven-field format
   * (without ids and links) is read too.
   *
   * @throws IllegalArgumentException when the line does not have that shape
   */
  public static FileStat parse(String line) {
    String text = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    String[] f = text.split("\t", 10);
    if (f.length != 10) {
      String[] old = text.split("\t", 7); // no ids and links: root by name, one link
      if (old.length != 7) {
        throw new IllegalArgumentException("unexpected stat output: " + line);
      }
      boolean dir = old[5].equals("directory");
      f =
          new String[] {
            old[0],
            old[1],
            old[2],
            old[3],
            old[4],
            old[5],
            old[0].equals("root") ? "0" : "-1",
            old[1].equals("root") ? "0" : "-1",
            dir ? "2" : "1",
            old[6]
          };
    }
    try {
      return new FileStat(
          f[9],
          f[0],
          f[1],
          Integer.parseInt(f[2], 8),
          Long.parseLong(f[3]),
          f[5],
          Long.parseLong(f[4]),
          Integer.parseInt(f[6]),
          Integer.parseInt(f[7]),
          Long.parseLong(f[8]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("unexpected stat output: " + line, e);
    }
  }
}
