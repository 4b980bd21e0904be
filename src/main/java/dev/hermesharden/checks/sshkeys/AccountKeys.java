package dev.hermesharden.checks.sshkeys;

import dev.hermesharden.checks.sshkeys.AdminKeys.KeyFile;
import dev.hermesharden.checks.users.Account;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.system.accounts.PasswdEntry;
import java.util.List;
import java.util.Optional;

/**
 * Every key file sshd reads for one account ({@link AdminKeys#sources}): what the users step
 * ({@code users.service-user-no-keys}) and the watch step ({@code watch-no-authorized-keys}, root's
 * and the service account's) judge, and what {@code watch.root-keys} empties.
 *
 * @param user the account's name
 * @param entry its passwd entry, empty when it does not exist
 * @param files the files sshd reads its keys from, then {@code ~/.ssh/authorized_keys}
 */
public record AccountKeys(String user, Optional<PasswdEntry> entry, List<KeyFile> files) {
  public AccountKeys {
    files = List.copyOf(files);
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
    return new AccountKeys(user, e, AdminKeys.sources(host, user, e.get()).files());
  }
}
