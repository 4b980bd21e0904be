package dev.hermesharden.checks.backups;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import java.util.List;
import java.util.Optional;

/**
 * Kind {@code backup-archive}: the newest archive in {@code dir} (root's, written by the backup
 * script) is recent ({@code max-age-hours}, by its mtime against the server's own clock), not
 * empty, encrypted — its first bytes say so: {@code age-encryption.org/v1}, an ASCII-armored {@code
 * -----BEGIN PGP MESSAGE-----}, or a binary OpenPGP symmetric-key packet (tag 3, old or new format)
 * — and its listing ({@code NAME.list}, what tar reported while it wrote the archive) names every
 * file in {@code expect}.
 *
 * <p>Caveat, said plainly: without the key an age archive cannot be opened here, and a gpg one is
 * not decrypted by a check; the listing is tar's own account of what it read (tar runs as
 * HERMES_HOME's owner, so that account could also make it lie). That the archive really holds those
 * files is proven only by the restore test, a manual item.
 */
public final class BackupArchiveCheck implements Check<BackupArchiveCheck.Facts> {
  private static final ParamSchema SCHEMA =
      ParamSchema.of(
          Param.text("dir").orElse("/var/backups/hermes-harden"),
          Param.integer("max-age-hours").orElse("26"),
          Param.list("expect").orElse(List.of("config.yaml")));

  /**
   * @param newest the newest archive's name, if any
   * @param headerHex its first 16 bytes as hex ({@code od -An -tx1})
   * @param listing its {@code .list}
   * @param now the server's clock ({@code date -u +%s}), seconds
   */
  public record Facts(
      Optional<String> newest,
      Optional<FileStat> stat,
      String headerHex,
      Optional<String> listing,
      long now) {}

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Facts gather(Host host, StepContext ctx) {
    throw new IllegalStateException("backup-archive gathers with its parameters");
  }

  @Override
  public Facts gather(Host host, Params params, StepContext ctx) throws HostException {
    String dir = params.string("dir");
    Optional<String> newest =
        host.listDirectory(dir).stream()
            .filter(n -> n.matches("hermes-\\d{8}T\\d{6}Z\\.tar\\.(age|gpg)"))
            .max(String::compareTo);
    long now = parseLong(host.exec("date", "-u", "+%s").stdout().strip());
    if (newest.isEmpty()) {
      return new Facts(newest, Optional.empty(), "", Optional.empty(), now);
    }
    String path = dir + "/" + newest.get();
    ExecResult od = host.exec("od", "-An", "-tx1", "-N", "32", "--", path);
    String base = newest.get().substring(0, newest.get().indexOf(".tar."));
    return new Facts(
        newest, host.lstat(path), od.stdout(), host.readFile(dir + "/" + base + ".list"), now);
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public Verdict evaluate(Facts f, Params params, StepContext ctx) {
    if (f.newest().isEmpty() || f.stat().isEmpty()) {
      return Verdict.fail("reason.backups.none", params.string("dir"));
    }
    String name = f.newest().get();
    FileStat st = f.stat().get();
    Verdict v;
    long ageHours = (f.now() - st.mtimeEpochSeconds()) / 3600;
    Optional<String> encryption = ArchiveHeader.encryption(f.headerHex());
    List<String> missing =
        params.list("expect").stream().filter(e -> !lists(f.listing().orElse(""), e)).toList();
    if (!st.type().equals("regular file") || st.size() == 0) {
      v = Verdict.fail("reason.backups.empty", name);
    } else if (encryption.isEmpty()) {
      v = Verdict.fail("reason.backups.not-encrypted", name);
    } else if (f.now() == 0 || ageHours > params.integer("max-age-hours")) {
      v = Verdict.fail("reason.backups.old", name, ageHours, params.integer("max-age-hours"));
    } else if (!missing.isEmpty()) {
      v = Verdict.fail("reason.backups.missing-files", name, String.join(", ", missing));
    } else {
      v = Verdict.pass("reason.backups.ok", name, encryption.get(), ageHours);
    }
    return v.with("archive", params.string("dir") + "/" + name)
        .with("bytes", String.valueOf(st.size()))
        .with("encryption", encryption.orElse("none"));
  }

  /** Whether tar's verbose listing names {@code file} (relative to HERMES_HOME). */
  static boolean lists(String listing, String file) {
    return listing.lines().anyMatch(l -> l.strip().equals("./" + file));
  }
}
