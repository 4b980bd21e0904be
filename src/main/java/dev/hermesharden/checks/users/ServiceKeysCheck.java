package dev.hermesharden.checks.users;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.sshkeys.AuthorizedKeysParser;

/**
 * {@code users.service-user-no-keys}: nobody can log in as the service user with a key, so a
 * compromise of Hermes does not hand out an SSH login and SSH does not lead into Hermes's data.
 */
public final class ServiceKeysCheck extends AccountCheck {
  public ServiceKeysCheck() {
    super(false);
  }

  @Override
  public Verdict evaluate(Account a, Params params, StepContext ctx) {
    if (a.entry().isEmpty()) {
      return Verdict.fail("reason.users.service-missing", a.name());
    }
    String path = a.entry().get().home() + "/.ssh/authorized_keys";
    int keys = a.authorizedKeys().map(t -> AuthorizedKeysParser.parse(t).keys().size()).orElse(0);
    return keys == 0
        ? Verdict.pass("reason.users.service-no-keys", a.name())
        : Verdict.fail("reason.users.service-has-keys", a.name(), keys, path).with("file", path);
  }
}
