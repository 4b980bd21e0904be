package dev.hermesharden.fixes.watch;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.users.Account;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.sshkeys.AuthorizedKeysParser;
import java.util.List;
import java.util.Optional;

/**
 * {@code watch.root-keys}: empties root's {@code ~/.ssh/authorized_keys} (the engine keeps the old
 * file as a backup, so the revert puts the keys back). It runs only with a fresh proof that the
 * admin logs in with a key ({@code requires: [key-login]}), so nobody is left without a way in; it
 * is not destructive: root's keys are not the admin's way in, nothing to arm a revert for.
 */
public final class RootKeysFix implements Fix {
  public static final String ID = "watch.root-keys";
  static final String EMPTY =
      "# Emptied by hermes-harden (step watch): log in as the admin and use sudo.\n";

  @Override
  public Plan plan(Host host, Params params, StepContext ctx) throws HostException {
    Account root = Account.gather(host, "root");
    Optional<String> before = root.authorizedKeys();
    if (root.entry().isEmpty()
        || before.isEmpty()
        || AuthorizedKeysParser.parse(before.get()).keys().isEmpty()) {
      return Plan.nothing(ID);
    }
    String path = root.entry().get().home() + "/.ssh/authorized_keys";
    return new Plan(
        ID, List.of(new WriteFile(path, before, EMPTY, FileAttrs.of("root", "root", 0600))));
  }
}
