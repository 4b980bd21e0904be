package dev.hermesharden.checks.watch;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.checks.users.Account;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.accounts.PasswdEntry;
import dev.hermesharden.system.sshkeys.AuthorizedKey;
import dev.hermesharden.system.sshkeys.AuthorizedKeysFiles;
import dev.hermesharden.system.sshkeys.AuthorizedKeysParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kind {@code watch-no-authorized-keys}: {@code account} ({@code root} or the {@code service}
 * account) has no key in any file sshd reads for it — the {@code AuthorizedKeysFile} of {@code sshd
 * -T} for that user (OpenSSH's default: {@code .ssh/authorized_keys} <em>and</em> {@code
 * .ssh/authorized_keys2}), and {@code ~/.ssh/authorized_keys} always. A key there is a way in that
 * bypasses the admin's account: after step 5 root cannot log in with it, but a key in the agent's
 * account is the classic way an attacker keeps a door open. The service account's files are read
 * through the {@link Host} (docs/threat-model.md: a link or FIFO is refused, never followed).
 */
public final class NoAuthorizedKeysCheck implements Check<NoAuthorizedKeysCheck.Keys> {
  private static final ParamSchema SCHEMA =
      ParamSchema.of(Param.oneOf("account", "root", "service"));

  /**
   * @param account the account
   * @param files every key file sshd reads for it that exists, path → text, in sshd's order
   */
  public record Keys(Account account, Map<String, String> files) {
    /**
     * The keys of every file by where they are: {@code LINE} in {@code ~/.ssh/authorized_keys},
     * {@code PATH:LINE} in any other file.
     */
    public Map<String, AuthorizedKey> keys() {
      String main = account.entry().map(e -> e.home() + "/.ssh/authorized_keys").orElse("");
      Map<String, AuthorizedKey> out = new LinkedHashMap<>();
      files.forEach(
          (path, text) -> {
            for (AuthorizedKey k : AuthorizedKeysParser.parse(text).keys()) {
              out.put(path.equals(main) ? String.valueOf(k.line()) : path + ":" + k.line(), k);
            }
          });
      return out;
    }
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Keys gather(Host host, StepContext ctx) {
    throw new IllegalStateException("watch-no-authorized-keys gathers with its parameters");
  }

  @Override
  public Keys gather(Host host, Params params, StepContext ctx) throws HostException {
    return keys(host, user(params, ctx));
  }

  /** The account and the text of every key file sshd reads for it. */
  public static Keys keys(Host host, String user) throws HostException {
    Account a = Account.gather(host, user);
    Map<String, String> files = new LinkedHashMap<>();
    if (a.entry().isEmpty()) {
      return new Keys(a, files);
    }
    PasswdEntry e = a.entry().get();
    ExecResult t = host.exec("sshd", "-T", "-C", "user=" + user + ",host=localhost,addr=127.0.0.1");
    List<String> patterns =
        t.ok()
            ? AuthorizedKeysFiles.fromSshdT(t.stdout()).orElse(AuthorizedKeysFiles.DEFAULT)
            : AuthorizedKeysFiles.DEFAULT;
    Set<String> paths = new LinkedHashSet<>();
    paths.add(e.home() + "/.ssh/authorized_keys");
    paths.addAll(AuthorizedKeysFiles.resolve(patterns, user, e.uid(), e.home()));
    for (String p : paths) {
      host.readFile(p).ifPresent(text -> files.put(p, text));
    }
    return new Keys(a, files);
  }

  static String user(Params params, StepContext ctx) {
    return params.string("account").equals("root") ? "root" : ctx.answers().serviceUser();
  }

  @Override
  public Verdict evaluate(Keys k, Params params, StepContext ctx) {
    Account a = k.account();
    if (a.entry().isEmpty()) {
      // the users step creates the account; a missing one cannot be vouched for here
      return Verdict.fail("reason.watch.no-account", a.name());
    }
    Map<String, AuthorizedKey> keys = k.keys();
    if (keys.isEmpty()) {
      return Verdict.pass("reason.watch.no-keys", a.name());
    }
    List<String> holding = new ArrayList<>();
    k.files()
        .forEach(
            (path, text) -> {
              if (!AuthorizedKeysParser.parse(text).keys().isEmpty()) {
                holding.add(path);
              }
            });
    String paths = String.join(", ", holding);
    Verdict v = Verdict.fail("reason.watch.keys", a.name(), keys.size(), paths).with("file", paths);
    for (Map.Entry<String, AuthorizedKey> e : keys.entrySet()) {
      v =
          v.with(
              "key " + e.getKey(),
              e.getValue().key().fingerprint() + " " + e.getValue().declaredType());
    }
    return v;
  }
}
