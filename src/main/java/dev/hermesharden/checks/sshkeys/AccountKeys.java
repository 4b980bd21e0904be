package dev.hermesharden.checks.sshkeys;

import dev.hermesharden.checks.sshkeys.AdminKeys.KeyFile;
import dev.hermesharden.checks.users.Account;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PasswdEntry;
import dev.hermesharden.host.SideBySide;
import dev.hermesharden.system.sshd.MatchSpec;
import dev.hermesharden.system.sshd.SshdAccounts;
import dev.hermesharden.system.sshd.SshdConfigFiles;
import dev.hermesharden.system.sshd.SshdConfigReader;
import dev.hermesharden.system.sshd.SshdConnection;
import dev.hermesharden.system.sshd.SshdConnections;
import dev.hermesharden.system.sshkeys.AuthorizedKeysFiles;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every key file sshd reads for one account ({@link AdminKeys#sources}): what the users step
 * ({@code users.service-user-no-keys}) and the watch step ({@code watch-no-authorized-keys}, root's
 * and the service account's) judge, and what {@code watch.root-keys} empties.
 *
 * @param user the account's name
 * @param entry its passwd entry, empty when it does not exist
 * @param files the files sshd reads its keys from, then {@code ~/.ssh/authorized_keys}, then those
 *     only a Match block's {@code AuthorizedKeysFile} names (for a connection from the internet,
 *     say)
 * @param elsewhere what else than a file gives sshd the account's keys on those connections ({@code
 *     AuthorizedKeysCommand /etc/ssh/keys %u (as nobody)}, {@code TrustedUserCAKeys
 *     /etc/ssh/ca.pub}): a key or certificate from there logs in, and no file shows it
 */
public record AccountKeys(
    String user, Optional<PasswdEntry> entry, List<KeyFile> files, List<String> elsewhere) {
  public AccountKeys {
    files = List.copyOf(files);
    elsewhere = List.copyOf(elsewhere);
  }

  /** An account's key files, and nothing else that gives sshd its keys. */
  public AccountKeys(String user, Optional<PasswdEntry> entry, List<KeyFile> files) {
    this(user, entry, files, List.of());
  }

  /** The files that hold a key. */
  public List<KeyFile> holding() {
    return files.stream().filter(f -> !f.keys().isEmpty()).toList();
  }

  /** The account and every key file sshd reads for it. */
  public static AccountKeys of(Host host, String user) throws HostException {
    Optional<PasswdEntry> e = Account.lookup(host, user);
    if (e.isEmpty()) {
      return new AccountKeys(user, e, List.of());
    }
    AdminKeys.Sources sources = AdminKeys.sources(host, user, e.get());
    List<KeyFile> files = new ArrayList<>(sources.files());
    Set<String> read = new LinkedHashSet<>();
    files.forEach(f -> read.add(f.path()));
    Set<String> elsewhere = new LinkedHashSet<>(sources.elsewhere());
    Matched matched = matched(host, user, e.get());
    for (String p : matched.paths()) {
      if (read.add(p)) {
        files.add(KeyFile.read(host, p, true));
      }
    }
    elsewhere.addAll(matched.elsewhere());
    return new AccountKeys(user, e, files, List.copyOf(elsewhere));
  }

  /** What the connections a Match block tells apart add: key files and other key sources. */
  private record Matched(List<String> paths, List<String> elsewhere) {}

  /**
   * The key files sshd reads for {@code user} on the connections its Match blocks tell apart
   * ({@link SshdConnections}, each asked with {@code sshd -T -C}): {@code Match Address
   * 203.0.113.0/24} with its own {@code AuthorizedKeysFile} let the agent's key in from the
   * internet while {@code sources} asked only for a connection from 127.0.0.1. Empty without Match
   * blocks. The same for a keys command or CA a Match block sets. Caveat: connections are asked on
   * port 22; a {@code Match LocalPort} block for another port is not told apart.
   */
  private static Matched matched(Host host, String user, PasswdEntry e) throws HostException {
    SshdConfigFiles config = SshdConfigFiles.parse(SshdConfigReader.snapshot(host));
    if (config.matchBlocks().isEmpty()) {
      return new Matched(List.of(), List.of());
    }
    List<MatchSpec> specs = new ArrayList<>();
    for (SshdConnection c :
        SshdConnections.of(config, user, Optional.empty(), "22", SshdAccounts.read(host))) {
      if (c.spec().user().equals(user)) {
        specs.add(c.spec());
      }
    }
    List<String> out = new ArrayList<>();
    List<String> elsewhere = new ArrayList<>();
    for (ExecResult t :
        SideBySide.map(specs, spec -> host.exec("sshd", "-T", "-C", spec.toArgument()))) {
      if (t.ok()) {
        AuthorizedKeysFiles.fromSshdT(t.stdout())
            .ifPresent(p -> out.addAll(AuthorizedKeysFiles.resolve(p, user, e.uid(), e.home())));
        elsewhere.addAll(AuthorizedKeysFiles.elsewhereFromSshdT(t.stdout()));
      }
    }
    return new Matched(out, elsewhere);
  }
}
