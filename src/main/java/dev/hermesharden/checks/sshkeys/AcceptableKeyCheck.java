package dev.hermesharden.checks.sshkeys;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.sshkeys.AuthorizedKey;
import dev.hermesharden.system.sshkeys.KeyPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ssh-keys.acceptable-key}: at least one key where sshd looks is strong enough (ed25519,
 * ECDSA, RSA ≥ 3072) and not past its {@code expiry-time}. Rejected keys are named with why; a
 * pasted key that cannot be used is reported too, because the fix {@code ssh-keys.add-key} then
 * plans nothing.
 */
public final class AcceptableKeyCheck extends AdminKeysCheck {
  @Override
  public Verdict evaluate(AdminKeys f, Params params, StepContext ctx) {
    if (f.entry().isEmpty()) {
      return Verdict.fail("reason.ssh-keys.admin-missing", f.user());
    }
    List<String> good = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    for (AdminKeys.KeyFile file : f.effectiveFiles()) {
      for (AuthorizedKey k : file.keys()) {
        Optional<String> why = KeyPolicy.rejection(k, ctx.clock().instant());
        if (why.isPresent()) {
          rejected.add(k.label() + ": " + why.get());
        } else {
          good.add(k.key().fingerprint());
        }
      }
    }
    String rejectedText = rejected.isEmpty() ? "-" : String.join("; ", rejected);
    if (!good.isEmpty()) {
      Verdict v = Verdict.pass("reason.ssh-keys.key-ok", good.size(), good.get(0));
      return rejected.isEmpty() ? v : v.with("rejected", rejectedText);
    }
    Optional<String> pastedProblem = f.pastedKey().flatMap(PastedKey::problem);
    if (pastedProblem.isPresent()) {
      return Verdict.fail("reason.ssh-keys.pasted-key-rejected", pastedProblem.get(), rejectedText);
    }
    if (!rejected.isEmpty()) {
      return Verdict.fail("reason.ssh-keys.key-weak", rejectedText);
    }
    String looked =
        String.join(" ", f.effectiveFiles().stream().map(AdminKeys.KeyFile::path).toList());
    return Verdict.fail("reason.ssh-keys.key-none", looked);
  }
}
