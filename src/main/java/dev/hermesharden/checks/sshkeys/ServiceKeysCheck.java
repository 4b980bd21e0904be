package dev.hermesharden.checks.sshkeys;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.checks.sshkeys.AdminKeys.KeyFile;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code users.service-user-no-keys}: nobody can log in as the service user with a key, so a
 * compromise of Hermes does not hand out an SSH login and SSH does not lead into Hermes's data.
 *
 * <p>The keys are those of every file sshd reads for the account ({@code sshd -T}'s {@code
 * AuthorizedKeysFile}, OpenSSH's default {@code .ssh/authorized_keys .ssh/authorized_keys2}) plus
 * {@code ~/.ssh/authorized_keys}, gathered as the watch step gathers them ({@link AccountKeys}).
 * Reading only {@code authorized_keys} passed a key in {@code authorized_keys2} that logged in.
 *
 * <p>An {@code AuthorizedKeysCommand} sshd runs for the account fails too: each key it prints logs
 * in and no file shows it (the agent's key came from one and logged in as hermes while this check
 * passed: EarlyStepsHostileSandbox3Test). So do {@code TrustedUserCAKeys}: a certificate one of
 * those CAs signed for the name {@code hermes} logged in the same way. A {@code Match User} block
 * that sets both to {@code none} for the account passes.
 */
public final class ServiceKeysCheck implements Check<AccountKeys> {
  @Override
  public AccountKeys gather(Host host, StepContext ctx) throws HostException {
    return AccountKeys.of(host, ctx.answers().serviceUser());
  }

  @Override
  public Verdict evaluate(AccountKeys k, Params params, StepContext ctx) {
    if (k.entry().isEmpty()) {
      return Verdict.fail("reason.users.service-missing", k.user());
    }
    List<KeyFile> holding = k.holding();
    if (holding.isEmpty() && !k.elsewhere().isEmpty()) {
      String elsewhere = String.join("; ", k.elsewhere());
      return Verdict.fail("reason.users.service-keys-elsewhere", k.user(), elsewhere)
          .with("sshd", elsewhere);
    }
    if (holding.isEmpty()) {
      return Verdict.pass("reason.users.service-no-keys", k.user());
    }
    int keys = holding.stream().mapToInt(f -> f.keys().size()).sum();
    String paths = holding.stream().map(KeyFile::path).collect(Collectors.joining(", "));
    return Verdict.fail("reason.users.service-has-keys", k.user(), keys, paths).with("file", paths);
  }
}
