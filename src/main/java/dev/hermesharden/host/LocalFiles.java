package dev.hermesharden.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@link LocalHost}'s own file operations, for paths only root can change ({@link SafeFiles}
 * decides that first). Never follows a final symlink: files are opened with {@code O_NOFOLLOW}, a
 * new file is created with {@code O_EXCL} in the target's directory and renamed over the target.
 */
final class LocalFiles implements SafeFiles.Direct {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public String read(String resolved, FileStat st, Charset cs) throws HostException {
    Path p = Path.of(resolved);
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        InputStream in = Channels.newInputStream(ch)) {
      byte[] bytes = in.readNBytes(Host.MAX_FILE_BYTES + 1);
      if (bytes.length > Host.MAX_FILE_BYTES) {
        throw CommandFiles.tooLarge(resolved);
      }
      return cs.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new HostException(HostException.Kind.IO, resolved + " is not valid " + cs, e);
    } catch (NoSuchFileException e) {
      throw new HostException(HostException.Kind.NOT_FOUND, resolved + " vanished", e);
    } catch (AccessDeniedException e) {
      throw new HostException(HostException.Kind.PERMISSION, "cannot read " + resolved, e);
    } catch (IOException e) {
      throw new HostException(HostException.Kind.IO, "cannot read " + resolved, e);
    }
  }

  @Override
  public void write(String resolved, byte[] content, FileAttrs attrs) throws HostException {
    Path target = Path.of(resolved);
    Path dir = target.getParent();
    Path tmp =
        dir.resolve(
            "." + target.getFileName() + "." + HexFormat.of().formatHex(random()) + ".hh-tmp");
    boolean done = false;
    try {
      Optional<FileStat> old = lstat(target);
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              Set.of(
                  StandardOpenOption.CREATE_NEW,
                  StandardOpenOption.WRITE,
                  LinkOption.NOFOLLOW_LINKS),
              PosixFilePermissions.asFileAttribute(fromMode(0600)))) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      // tmp is in a directory only root can change: setting attributes by its path is safe here
      PosixFileAttributeView view =
          Files.getFileAttributeView(tmp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
      UserPrincipalLookupService users = target.getFileSystem().getUserPrincipalLookupService();
      if (attrs.owner() != null) {
        view.setOwner(users.lookupPrincipalByName(attrs.owner()));
      } else if (old.isPresent()) {
        view.setOwner(principal(users, old.get().uid()));
      }
      if (attrs.group() != null) {
        view.setGroup(users.lookupPrincipalByGroupName(attrs.group()));
      } else if (old.isPresent()) {
        view.setGroup(users.lookupPrincipalByGroupName(String.valueOf(old.get().gid())));
      }
      int mode = attrs.mode() >= 0 ? attrs.mode() : old.map(FileStat::mode).orElse(0644);
      view.setPermissions(fromMode(mode));
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      done = true;
      syncDirectory(dir);
    } catch (AccessDeniedException e) {
      throw new HostException(HostException.Kind.PERMISSION, "cannot write " + resolved, e);
    } catch (IOException e) {
      throw new HostException(HostException.Kind.IO, "cannot write " + resolved + ": " + e, e);
    } finally {
      if (!done) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the original is untouched either way
        }
      }
    }
  }

  @Override
  public void delete(String resolved) throws HostException {
    try {
      Files.deleteIfExists(Path.of(resolved));
    } catch (IOException e) {
      throw new HostException(HostException.Kind.IO, "cannot delete " + resolved, e);
    }
  }

  @Override
  public List<String> list(String resolved) throws HostException {
    // Not Files.isDirectory first: it says false for a directory we may not enter, and an empty
    // answer would then read as "no keys there" instead of "cannot see".
    try (Stream<Path> s = Files.list(Path.of(resolved))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (NoSuchFileException | NotDirectoryException e) {
      return List.of();
    } catch (AccessDeniedException e) {
      throw new HostException(HostException.Kind.PERMISSION, "cannot list " + resolved, e);
    } catch (IOException e) {
      throw new HostException(HostException.Kind.IO, "cannot list " + resolved, e);
    }
  }

  /** {@code lstat(2)} of a path, in the shape {@code stat --printf=FileStat.FORMAT} gives. */
  static Optional<FileStat> lstat(Path p) throws HostException {
    Map<String, Object> a;
    try {
      a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException | NotDirectoryException e) {
      return Optional.empty();
    } catch (AccessDeniedException e) {
      throw new HostException(HostException.Kind.PERMISSION, "stat " + p, e);
    } catch (IOException e) {
      throw new HostException(HostException.Kind.IO, "stat " + p + ": " + e, e);
    }
    int mode = (Integer) a.get("mode");
    long size = (Long) a.get("size");
    return Optional.of(
        new FileStat(
            p.toString(),
            String.valueOf(((UserPrincipal) a.get("owner")).getName()),
            String.valueOf(((UserPrincipal) a.get("group")).getName()),
            mode & 07777,
            size,
            type(mode, size),
            ((java.nio.file.attribute.FileTime) a.get("lastModifiedTime")).toMillis() / 1000,
            (Integer) a.get("uid"),
            (Integer) a.get("gid"),
            ((Number) a.get("nlink")).longValue()));
  }

  /** {@code stat}'s %F words for the file type bits of {@code st_mode}. */
  static String type(int mode, long size) {
    return switch (mode & 0170000) {
      case 0100000 -> size == 0 ? "regular empty file" : "regular file";
      case 0040000 -> "directory";
      case 0120000 -> "symbolic link";
      case 0010000 -> "fifo";
      case 0140000 -> "socket";
      case 0020000 -> "character special file";
      case 0060000 -> "block special file";
      default -> "weird file";
    };
  }

  /** {@link LocalHost#makeDirsHere}. */
  static void makeDirs(Path dir, int mode) throws HostException {
    try {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, fromMode(mode));
    } catch (IOException e) {
      throw new HostException(HostException.Kind.IO, "cannot make " + dir + ": " + e, e);
    }
  }

  /** {@link LocalHost#renameHere}. */
  static void rename(Path from, Path to) throws HostException {
    try {
      Files.move(from, to);
    } catch (IOException e) {
      throw new HostException(HostException.Kind.IO, "cannot rename " + from + ": " + e, e);
    }
  }

  /** {@link LocalHost#createHere}. */
  static void createNew(Path file, byte[] content, int mode) throws IOException {
    try {
      Files.delete(file);
    } catch (NoSuchFileException gone) {
      // the usual case
    }
    try (FileChannel ch =
        FileChannel.open(
            file,
            Set.of(
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
            PosixFilePermissions.asFileAttribute(fromMode(mode)))) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
    }
  }

  private static UserPrincipal principal(UserPrincipalLookupService users, int uid)
      throws IOException {
    return users.lookupPrincipalByName(String.valueOf(uid));
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException ignored) {
      // some filesystems cannot sync a directory; the rename itself is atomic either way
    }
  }

  private static byte[] random() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return b;
  }

  static Set<PosixFilePermission> fromMode(int mode) {
    Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
    for (PosixFilePermission p : PosixFilePermission.values()) {
      if ((mode & (1 << (8 - p.ordinal()))) != 0) {
        perms.add(p);
      }
    }
    return perms;
  }
}
