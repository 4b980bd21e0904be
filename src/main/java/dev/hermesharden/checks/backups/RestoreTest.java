package dev.hermesharden.checks.backups;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Reason;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.Scratch;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.hermes.HermesConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The restore test, done for real where the key is: the newest backup archive is copied from the
 * server to the workstation, compared with the server's own SHA-256, decrypted there ({@code age}
 * with the admin's identity file, or {@code gpg} with the server's passphrase), and tar's listing
 * of what came out must name every expected file; {@code config.yaml} is read out of the archive
 * (to standard output, never extracted onto the disk) and must parse as Hermes' config.
 *
 * <p>The archive travels as {@code od}'s hex text, 1 MiB a command, because a host's command output
 * is text; on the server it must be a regular file of root's in root's own directory (what the
 * backup script makes). The copy and the decrypted tar live in a directory only the admin can read
 * and are deleted at the end, whatever happened.
 */
public final class RestoreTest {
  /** How much of the archive one command carries. */
  static final int CHUNK = 1024 * 1024;

  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  /**
   * What the test found.
   *
   * @param archive the archive's path on the server
   * @param members how many entries tar listed
   */
  public record Result(
      String archive, long bytes, String sha256, String encryption, long members, String config) {}

  /** Why the test failed; the reason is a message key with its arguments. */
  public static final class Failed extends Exception {
    private final transient Reason reason;

    Failed(String key, Object... args) {
      super(key);
      this.reason = Reason.of(key, args);
    }

    public Reason reason() {
      return reason;
    }
  }

  private RestoreTest() {}

  /**
   * @param server the server, as root
   * @param workstation where the key is and decrypting happens
   * @param archiveParams the {@code backup-archive} check's parameters (dir, expect)
   * @param identity the admin's age identity file (needed for an age archive)
   * @param passphraseFile where the server keeps the gpg passphrase (root's)
   * @param maxBytes the largest archive copied
   */
  public static Result run(
      Host server,
      Host workstation,
      Params archiveParams,
      StepContext ctx,
      Optional<Path> identity,
      String passphraseFile,
      long maxBytes)
      throws Failed, HostException, IOException {
    BackupArchiveCheck.Facts facts = new BackupArchiveCheck().gather(server, archiveParams, ctx);
    String dir = archiveParams.string("dir");
    if (facts.newest().isEmpty() || facts.stat().isEmpty()) {
      throw new Failed("reason.backups.none", dir);
    }
    String path = dir + "/" + facts.newest().get();
    FileStat st = facts.stat().get();
    Optional<FileStat> dirStat = server.lstat(dir);
    boolean rootOnly =
        dirStat.isPresent()
            && dirStat.get().type().equals("directory")
            && dirStat.get().uid() == 0
            && (dirStat.get().mode() & 0022) == 0;
    if (!rootOnly || !st.type().equals("regular file") || st.uid() != 0) {
      throw new Failed("restore.unsafe", path);
    }
    if (st.size() > maxBytes) {
      throw new Failed(
          "restore.too-large", path, st.size() / (1024 * 1024), maxBytes / (1024 * 1024));
    }
    String encryption =
        ArchiveHeader.encryption(facts.headerHex())
            .orElseThrow(() -> new Failed("reason.backups.not-encrypted", path));
    boolean age = encryption.startsWith("age");
    if (age && identity.isEmpty()) {
      throw new Failed("restore.needs-identity", path);
    }
    ExecResult sum = server.exec(List.of("sha256sum", "--", path), TIMEOUT);
    if (!sum.ok() || sum.stdout().length() < 64) {
      throw new Failed("restore.copy-failed", path, sum.stderr().strip());
    }
    String serverSha = sum.stdout().substring(0, 64);
    try (Scratch work = Scratch.create("hermes-harden-restore-")) {
      Path copy = work.file("archive");
      Path tar = work.file("archive.tar");
      String localSha = copy(server, path, st.size(), work);
      if (!localSha.equals(serverSha)) {
        throw new Failed("restore.changed", path);
      }
      ExecResult dec =
          age
              ? workstation.exec(
                  List.of(
                      "age",
                      "--decrypt",
                      "-i",
                      identity.get().toString(),
                      "-o",
                      tar.toString(),
                      copy.toString()),
                  TIMEOUT)
              : workstation.exec(
                  List.of(
                      "gpg",
                      "--batch",
                      "--quiet",
                      "--no-tty",
                      "--pinentry-mode",
                      "loopback",
                      "--passphrase-fd",
                      "0",
                      "--output",
                      tar.toString(),
                      "--decrypt",
                      copy.toString()),
                  TIMEOUT,
                  passphrase(server, passphraseFile),
                  64 * 1024);
      if (!dec.ok()) {
        throw new Failed("restore.decrypt-failed", path, dec.stderr().strip());
      }
      ExecResult list =
          workstation.exec(
              List.of("tar", "-tf", tar.toString()), TIMEOUT, new byte[0], Host.MAX_FILE_BYTES);
      if (!list.ok()) {
        throw new Failed("restore.not-a-tar", path, list.stderr().strip());
      }
      // each expected file asked of tar by name (a listing of a large home may be cut at the cap),
      // and as a regular file: a link or FIFO is listed by its name but restores no contents
      List<String> missing = new java.util.ArrayList<>();
      List<String> notFiles = new java.util.ArrayList<>();
      for (String e : archiveParams.list("expect")) {
        Optional<Boolean> regular = regular(workstation, tar, e);
        if (regular.isEmpty()) {
          missing.add(e);
        } else if (!regular.get()) {
          notFiles.add(e);
        }
      }
      if (!missing.isEmpty()) {
        throw new Failed("reason.backups.missing-files", path, String.join(", ", missing));
      }
      if (!notFiles.isEmpty()) {
        throw new Failed("restore.not-a-file", path, String.join(", ", notFiles));
      }
      long members = list.stdout().lines().count();
      String config = "";
      Optional<Boolean> configFile = regular(workstation, tar, "config.yaml");
      if (configFile.isPresent() && !configFile.get()) {
        throw new Failed("restore.not-a-file", path, "config.yaml");
      }
      if (configFile.isPresent()) {
        ExecResult out =
            workstation.exec(
                List.of("tar", "-xOf", tar.toString(), "./config.yaml"),
                TIMEOUT,
                new byte[0],
                Host.MAX_FILE_BYTES);
        try {
          HermesConfig.parse("config.yaml", out.stdout());
        } catch (RuntimeException e) {
          throw new Failed("restore.config-unreadable", path, e.getMessage());
        }
        config = out.stdout().length() + " B";
      }
      return new Result(path, st.size(), serverSha, encryption, members, config);
    }
  }

  /**
   * Whether the archive holds {@code ./NAME} as a regular file ({@code tar -tv}'s mode starts with
   * {@code -}); empty when it does not hold it at all.
   */
  private static Optional<Boolean> regular(Host workstation, Path tar, String name)
      throws HostException {
    ExecResult r = workstation.exec(List.of("tar", "-tvf", tar.toString(), "./" + name), TIMEOUT);
    return r.ok() ? Optional.of(r.stdout().startsWith("-")) : Optional.empty();
  }

  /** Copies the archive in chunks of {@link #CHUNK} and returns the copy's SHA-256. */
  private static String copy(Host server, String path, long size, Scratch to)
      throws Failed, HostException, IOException {
    MessageDigest sha = sha256();
    try (OutputStream out = to.append("archive")) {
      for (long off = 0; off < size; off += CHUNK) {
        long len = Math.min(CHUNK, size - off);
        ExecResult r =
            server.exec(
                List.of(
                    "od",
                    "-An",
                    "-v",
                    "-tx1",
                    "-j",
                    Long.toString(off),
                    "-N",
                    Long.toString(len),
                    "--",
                    path),
                TIMEOUT,
                new byte[0],
                CHUNK * 4);
        byte[] bytes = hex(r.stdout());
        if (!r.ok() || bytes.length != len) {
          throw new Failed("restore.copy-failed", path, r.stderr().strip());
        }
        out.write(bytes);
        sha.update(bytes);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** {@code od -An -tx1} text back to bytes (whitespace between the pairs ignored). */
  public static byte[] hex(String od) {
    StringBuilder digits = new StringBuilder(od.length() / 3 * 2 + 2);
    for (int i = 0; i < od.length(); i++) {
      char c = od.charAt(i);
      if (!Character.isWhitespace(c)) {
        digits.append(c);
      }
    }
    return HexFormat.of().parseHex(digits);
  }

  /** The gpg passphrase, root's file on the server, given to gpg on standard input only. */
  private static byte[] passphrase(Host server, String file) throws Failed, HostException {
    Optional<String> pass = server.readFile(file);
    if (pass.isEmpty()) {
      throw new Failed("restore.no-passphrase", file);
    }
    return (pass.get().strip() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
