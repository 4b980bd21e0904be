package dev.hermesharden.checks.watch;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.checks.users.Account;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.sshkeys.AuthorizedKey;
import dev.hermesharden.system.sshkeys.AuthorizedKeysParser;
import java.util.List;

/**
 * Kind {@code watch-no-authorized-keys}: {@code account} ({@code root} or the {@code service}
 * account) has no key in {@code ~/.ssh/authorized_keys}. A key there is a way in that bypasses the
 * admin's account: after step 5 root cannot log in with it, but a key in the agent's account is the
 * classic way an attacker keeps a door open. The service account's file is read with its own rights
 * ({@link Account#gather}).
 */
public final class NoAuthorizedKeysCheck implements Check<Account> {
  private static final ParamSchema SCHEMA =
      ParamSchema.of(Param.oneOf("account", "root", "service"));

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Account gather(Host host, StepContext ctx) {
    throw new IllegalStateException("watch-no-authorized-keys gathers with its parameters");
  }

  @Override
  public Account gather(Host host, Params params, StepContext ctx) throws HostException {
    return Account.gather(host, user(params, ctx));
  }

  static String user(Params params, StepContext ctx) {
    return params.string("account").equals("root") ? "root" : ctx.answers().serviceUser();
  }

  @Override
  public Verdict evaluate(Account a, Params params, StepContext ctx) {
    if (a.entry().isEmpty()) {
      // the users step creates the account; a missing one cannot be vouched for here
      return Verdict.fail("reason.watch.no-account", a.name());
    }
    String path = a.entry().get().home() + "/.ssh/authorized_keys";
    List<AuthorizedKey> keys =
        a.authorizedKeys().map(t -> AuthorizedKeysParser.parse(t).keys()).orElse(List.of());
    if (keys.isEmpty()) {
      return Verdict.pass("reason.watch.no-keys", a.name());
    }
    Verdict v = Verdict.fail("reason.watch.keys", a.name(), keys.size(), path).with("file", path);
    for (AuthorizedKey k : keys) {
      v = v.with("key " + k.line(), k.key().fingerprint() + " " + k.declaredType());
    }
    return v;
  }
}
