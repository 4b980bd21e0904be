package dev.hermesharden.checks.sshkeys;

import dev.hermesharden.checks.users.Account;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PasswdEntry;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.sshkeys.AuthorizedKey;
import dev.hermesharden.system.sshkeys.AuthorizedKeysFiles;
import dev.hermesharden.system.sshkeys.AuthorizedKeysParser;
import dev.hermesharden.system.sshkeys.StrictModesPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The admin's SSH key setup as the host has it: passwd entry, {@code ~/.ssh}, where sshd looks for
 * keys ({@code sshd -T}) and each of those files, plus {@code ~/.ssh/authorized_keys} even when
 * sshd does not look there (to notice keys that are silently ignored).
 *
 * @param sshdPatterns the {@code authorizedkeysfile} tokens of {@code sshd -T}; empty when sshd
 *     could not answer, and then {@link AuthorizedKeysFiles#DEFAULT} is assumed
 * @param sshdError why {@code sshd -T} did not answer, empty when it did
 * @param files the effective files in sshd's order, then the home file if it is not one of them
 */
public record AdminKeys(
    String user,
    Optional<PasswdEntry> entry,
    Optional<List<String>> sshdPatterns,
    String sshdError,
    Optional<FileStat> sshDir,
    List<KeyFile> files,
    Optional<String> pastedKey) {
  public AdminKeys {
    files = List.copyOf(files);
  }

  /**
   * One candidate keys file.
   *
   * @param keys what the text holds, parsed once per run ({@link AuthorizedKeysParser#parse(Host,
   *     String, String)})
   * @param strictModes what sshd's StrictModes looks at for this file (the admin's effective files
   *     that exist; empty for the others)
   */
  public record KeyFile(
      String path,
      boolean effective,
      Optional<FileStat> stat,
      Optional<String> text,
      List<AuthorizedKey> keys,
      Optional<StrictModesPath> strictModes) {
    public KeyFile {
      keys = List.copyOf(keys);
    }

    public KeyFile(
        String path,
        boolean effective,
        Optional<FileStat> stat,
        Optional<String> text,
        List<AuthorizedKey> keys) {
      this(path, effective, stat, text, keys, Optional.empty());
    }

    /** This file with what StrictModes looks at for it. */
    public KeyFile withStrictModes(StrictModesPath walk) {
      return new KeyFile(path, effective, stat, text, keys, Optional.of(walk));
    }

    /** A file whose keys are parsed from its text here (tests). */
    public KeyFile(String path, boolean effective, Optional<FileStat> stat, Optional<String> text) {
      this(path, effective, stat, text, AuthorizedKeysParser.parse(text.orElse("")).keys());
    }

    static KeyFile read(Host host, String path, boolean effective) throws HostException {
      Optional<String> text = host.readFile(path);
      return new KeyFile(
          path,
          effective,
          host.stat(path),
          text,
          AuthorizedKeysParser.parse(host, path, text.orElse("")).keys());
    }
  }

  public String homeFile() {
    return entry.map(e -> e.home() + "/.ssh/authorized_keys").orElse("");
  }

  public List<KeyFile> effectiveFiles() {
    return files.stream().filter(KeyFile::effective).toList();
  }

  public static AdminKeys gather(Host host, StepContext ctx) throws HostException {
    String user = ctx.answers().adminUser();
    Optional<String> pasted = ctx.answers().get(Answers.PUBLIC_KEY);
    Optional<PasswdEntry> entry = Account.lookup(host, user);
    if (entry.isEmpty()) {
      return new AdminKeys(user, entry, Optional.empty(), "", Optional.empty(), List.of(), pasted);
    }
    PasswdEntry e = entry.get();
    Sources s = sources(host, user, e);
    List<KeyFile> files = new ArrayList<>();
    for (KeyFile k : s.files()) {
      files.add(
          k.effective() && k.stat().isPresent()
              ? k.withStrictModes(StrictModesPath.gather(host, k.path(), e.home()))
              : k);
    }
    return new AdminKeys(
        user, entry, s.sshdPatterns(), s.sshdError(), host.stat(e.home() + "/.ssh"), files, pasted);
  }

  /**
   * Where sshd looks for one account's keys, and what each file holds.
   *
   * @param sshdPatterns as {@link AdminKeys#sshdPatterns}
   * @param sshdError as {@link AdminKeys#sshdError}
   * @param files as {@link AdminKeys#files}
   * @param elsewhere what else than a file gives sshd the account's keys ({@link
   *     AuthorizedKeysFiles#elsewhereFromSshdT}: a keys command, certificate authorities)
   */
  public record Sources(
      Optional<List<String>> sshdPatterns,
      String sshdError,
      List<KeyFile> files,
      List<String> elsewhere) {
    public Sources {
      files = List.copyOf(files);
      elsewhere = List.copyOf(elsewhere);
    }
  }

  /**
   * The files sshd reads {@code user}'s keys from ({@code sshd -T}'s {@code AuthorizedKeysFile} for
   * that user; OpenSSH's default when it cannot say), in its order, each read and parsed, then
   * {@code ~/.ssh/authorized_keys} if it is not one of them: the admin's keys step, and the watch
   * step for root's and the service account's.
   */
  public static Sources sources(Host host, String user, PasswdEntry e) throws HostException {
    ExecResult t = host.exec("sshd", "-T", "-C", "user=" + user + ",host=localhost,addr=127.0.0.1");
    Optional<List<String>> patterns =
        t.ok() ? AuthorizedKeysFiles.fromSshdT(t.stdout()) : Optional.empty();
    String err =
        t.ok() ? "" : firstLine(t.stderr().isBlank() ? "exit " + t.exitCode() : t.stderr());
    if (t.ok() && patterns.isEmpty()) {
      err = "no authorizedkeysfile line";
    }
    List<String> paths =
        AuthorizedKeysFiles.resolve(
            patterns.orElse(AuthorizedKeysFiles.DEFAULT), user, e.uid(), e.home());
    List<KeyFile> files = new ArrayList<>();
    for (String p : paths) {
      files.add(KeyFile.read(host, p, true));
    }
    String home = e.home() + "/.ssh/authorized_keys";
    if (!paths.contains(home)) {
      files.add(KeyFile.read(host, home, false));
    }
    List<String> elsewhere =
        t.ok() ? AuthorizedKeysFiles.elsewhereFromSshdT(t.stdout()) : List.of();
    return new Sources(patterns, err, files, elsewhere);
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }
}
