package dev.hermesharden.fixes.sshkeys;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.sshkeys.AdminKeys;
import dev.hermesharden.checks.sshkeys.PastedKey;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.PlannedAction;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.sshkeys.AuthorizedKey;
import dev.hermesharden.system.sshkeys.AuthorizedKeysParser;
import dev.hermesharden.system.sshkeys.KeyPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ssh-keys.add-key}: appends the public key the admin pasted ({@link Answers#PUBLIC_KEY}) to
 * the first file sshd reads for the admin, keeping every existing line. Plans nothing when no key
 * was pasted, when it is malformed or too weak (the check {@code ssh-keys.acceptable-key} says
 * why), or when that key is already in one of the files sshd reads on a line sshd takes.
 */
public final class AddKeyFix implements Fix {
  static final String ID = "ssh-keys.add-key";

  @Override
  public Plan plan(Host host, Params params, StepContext ctx) throws HostException {
    Optional<AuthorizedKey> key = ctx.answers().get(Answers.PUBLIC_KEY).flatMap(PastedKey::usable);
    if (key.isEmpty()) {
      return Plan.nothing(ID);
    }
    AdminKeys f = AdminKeys.gather(host, ctx);
    if (f.entry().isEmpty() || f.effectiveFiles().isEmpty()) {
      return Plan.nothing(ID);
    }
    for (AdminKeys.KeyFile k : f.effectiveFiles()) {
      for (AuthorizedKey present : AuthorizedKeysParser.parse(k.text().orElse("")).keys()) {
        // a copy sshd refuses (cert-authority, past its expiry-time) is no copy: sshd reads on to
        // the next line with the same key
        if (present.key().equals(key.get().key())
            && KeyPolicy.rejection(present, ctx.clock().instant()).isEmpty()) {
          return Plan.nothing(ID);
        }
      }
    }
    AdminKeys.KeyFile target = f.effectiveFiles().get(0);
    String home = f.entry().get().home();
    boolean inHome = target.path().startsWith(home + "/");
    String group = FixModesFix.primaryGroup(host, f.user());
    List<PlannedAction> actions = new ArrayList<>();
    String dir = home + "/.ssh";
    if (inHome && target.path().startsWith(dir + "/") && f.sshDir().isEmpty()) {
      actions.add(RunCommand.of("install", "-d", "-m", "700", "-o", f.user(), "-g", group, dir));
    }
    String before = target.text().orElse("");
    String sep = before.isEmpty() || before.endsWith("\n") ? "" : "\n";
    String after = before + sep + ctx.answers().get(Answers.PUBLIC_KEY).get().strip() + "\n";
    FileAttrs attrs =
        target.text().isPresent()
            ? FileAttrs.KEEP
            : inHome ? FileAttrs.of(f.user(), group, 0600) : FileAttrs.of("root", "root", 0644);
    actions.add(new WriteFile(target.path(), target.text(), after, attrs));
    return new Plan(ID, actions);
  }
}
