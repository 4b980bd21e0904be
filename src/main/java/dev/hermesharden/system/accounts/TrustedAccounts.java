package dev.hermesharden.system.accounts;

import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.Answers;
import java.util.Optional;
import java.util.Set;

/**
 * Whose files root may act on as if they were its own (docs/threat-model.md): root, and the admin
 * who runs the wizard — who has sudo, so trusting their files gives away nothing. Every other
 * account, the service account first, is hostile.
 *
 * @param uids root's uid (0) and the admin's, when the admin exists and is not the service account
 */
public record TrustedAccounts(Set<Integer> uids) {
  public TrustedAccounts {
    uids = Set.copyOf(uids);
  }

  /** Root only. */
  public static final TrustedAccounts ROOT = new TrustedAccounts(Set.of(0));

  public static TrustedAccounts of(Host host, Answers answers) throws HostException {
    if (answers.adminUser().equals(answers.serviceUser())) {
      return ROOT;
    }
    Optional<AccountLookup> admin = AccountLookup.of(host, answers.adminUser());
    return admin.isPresent() && admin.get().uid() > 0
        ? new TrustedAccounts(Set.of(0, admin.get().uid()))
        : ROOT;
  }

  public boolean trusts(int uid) {
    return uid >= 0 && uids.contains(uid);
  }
}
