package dev.hermesharden.checks.sshkeys;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.Freshness;
import dev.hermesharden.model.StepContext;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code ssh-keys.key-login}: a key-only login as the admin was proven recently and nothing it
 * rests on ({@code authorized_keys}) changed since. Without such evidence this check fails: no file
 * on the server can show that the admin's own key really opens the door.
 */
public final class KeyLoginCheck implements Check<LoginProof> {
  /** The parameters of the kinds that judge a login proof: how old it may be. */
  public static final ParamSchema PROOF_SCHEMA =
      ParamSchema.of(
          Param.integer("max-age-minutes")
              .orElse(String.valueOf(Freshness.DEFAULT_MAX_AGE.toMinutes())));

  @Override
  public ParamSchema schema() {
    return PROOF_SCHEMA;
  }

  @Override
  public LoginProof gather(Host host, StepContext ctx) throws HostException {
    return LoginProof.gather(host, ctx, EvidenceKind.KEY_LOGIN, ctx.answers().adminUser());
  }

  @Override
  public Verdict evaluate(LoginProof p, Params params, StepContext ctx) {
    String user = ctx.answers().adminUser();
    if (p.evidence().isEmpty()) {
      return Verdict.fail("reason.ssh-keys.key-login-missing", user);
    }
    Evidence e = p.evidence().get();
    Optional<Verdict> stale = staleVerdict(e, p, params, ctx, "ssh-keys");
    if (stale.isPresent()) {
      return stale.get();
    }
    return Verdict.pass("reason.ssh-keys.key-login-ok", user, e.keyFingerprint(), e.at())
        .with("fingerprint", e.keyFingerprint())
        .with("server", e.serverAddress());
  }

  /** A FAIL naming why evidence is stale (age, changed file, clock), or empty when fresh. */
  public static Optional<Verdict> staleVerdict(
      Evidence e, LoginProof p, Params params, StepContext ctx, String step) {
    Duration maxAge = Duration.ofMinutes(PROOF_SCHEMA.resolve(params).integer("max-age-minutes"));
    return Freshness.check(e, p.currentHashes(), ctx.clock().instant(), maxAge)
        .map(
            s -> {
              String what = s.key().substring(s.key().lastIndexOf('.') + 1);
              return Verdict.fail("reason." + step + ".proof-stale-" + what, s.arg());
            });
  }
}
