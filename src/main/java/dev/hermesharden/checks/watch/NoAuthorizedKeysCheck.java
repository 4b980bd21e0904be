package dev.hermesharden.checks.watch;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.checks.sshkeys.AccountKeys;
import dev.hermesharden.checks.sshkeys.AdminKeys;
import dev.hermesharden.checks.sshkeys.AdminKeys.KeyFile;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.sshkeys.AuthorizedKey;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Kind {@code watch-no-authorized-keys}: {@code account} ({@code root} or the {@code service}
 * account) has no key in any file sshd reads for it — the {@code AuthorizedKeysFile} of {@code sshd
 * -T} for that user (OpenSSH's default: {@code .ssh/authorized_keys} <em>and</em> {@code
 * .ssh/authorized_keys2}), and {@code ~/.ssh/authorized_keys} always ({@link AdminKeys#sources}, as
 * the keys step finds the admin's). A key there is a way in that bypasses the admin's account:
 * after step 5 root cannot log in with it, but a key in the agent's account is the classic way an
 * attacker keeps a door open. Keys no file shows (an {@code AuthorizedKeysCommand}, a {@code
 * TrustedUserCAKeys} CA, {@link AccountKeys#elsewhere}) fail as in the users step. The service
 * account's files are read through the {@link Host} (docs/threat-model.md: a link or FIFO is
 * refused, never followed).
 */
public final class NoAuthorizedKeysCheck implements Check<AccountKeys> {
  private static final ParamSchema SCHEMA =
      ParamSchema.of(Param.oneOf("account", "root", "service"));

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public AccountKeys gather(Host host, StepContext ctx) {
    throw new IllegalStateException("watch-no-authorized-keys gathers with its parameters");
  }

  @Override
  public AccountKeys gather(Host host, Params params, StepContext ctx) throws HostException {
    return AccountKeys.of(host, user(params, ctx));
  }

  static String user(Params params, StepContext ctx) {
    return params.string("account").equals("root") ? "root" : ctx.answers().serviceUser();
  }

  @Override
  public Verdict evaluate(AccountKeys k, Params params, StepContext ctx) {
    if (k.entry().isEmpty()) {
      // the users step creates the account; a missing one cannot be vouched for here
      return Verdict.fail("reason.watch.no-account", k.user());
    }
    List<KeyFile> holding = k.holding();
    if (holding.isEmpty() && !k.elsewhere().isEmpty()) {
      // a keys command or a CA sshd trusts: keys no file shows (the users step's same reason)
      String elsewhere = String.join("; ", k.elsewhere());
      return Verdict.fail("reason.users.service-keys-elsewhere", k.user(), elsewhere)
          .with("sshd", elsewhere);
    }
    if (holding.isEmpty()) {
      return Verdict.pass("reason.watch.no-keys", k.user());
    }
    String main = k.entry().get().home() + "/.ssh/authorized_keys";
    String paths = holding.stream().map(KeyFile::path).collect(Collectors.joining(", "));
    int count = holding.stream().mapToInt(f -> f.keys().size()).sum();
    Verdict v = Verdict.fail("reason.watch.keys", k.user(), count, paths).with("file", paths);
    for (KeyFile f : holding) {
      for (AuthorizedKey key : f.keys()) {
        // LINE in ~/.ssh/authorized_keys, PATH:LINE in any other file
        String where = f.path().equals(main) ? "" : f.path() + ":";
        v = v.with("key " + where + key.line(), key.key().fingerprint() + " " + key.declaredType());
      }
    }
    return v;
  }
}
