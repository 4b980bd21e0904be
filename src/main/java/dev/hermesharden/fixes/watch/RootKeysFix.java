package dev.hermesharden.fixes.watch;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.sshkeys.AccountKeys;
import dev.hermesharden.checks.sshkeys.AdminKeys.KeyFile;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.PlannedAction;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code watch.root-keys}: empties every file of root's that holds a key and sshd reads ({@code
 * ~/.ssh/authorized_keys}, {@code authorized_keys2} by OpenSSH's default: {@link AccountKeys#of};
 * the engine keeps each old file as a backup, so the revert puts the keys back). It runs only with
 * a fresh proof that the admin logs in with a key ({@code requires: [key-login]}), so nobody is
 * left without a way in; it is not destructive: root's keys are not the admin's way in, nothing to
 * arm a revert for.
 */
public final class RootKeysFix implements Fix {
  public static final String ID = "watch.root-keys";
  static final String EMPTY =
      "# Emptied by hermes-harden (step watch): log in as the admin and use sudo.\n";

  @Override
  public Plan plan(Host host, Params params, StepContext ctx) throws HostException {
    List<PlannedAction> actions = new ArrayList<>();
    for (KeyFile f : AccountKeys.of(host, "root").holding()) {
      actions.add(new WriteFile(f.path(), f.text(), EMPTY, FileAttrs.of("root", "root", 0600)));
    }
    return actions.isEmpty() ? Plan.nothing(ID) : new Plan(ID, actions);
  }
}
