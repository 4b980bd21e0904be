package dev.hermesharden.checks.approvals;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.BadInputException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.hermes.DotEnv;
import dev.hermesharden.system.hermes.HermesConfig;
import dev.hermesharden.system.hermes.HermesFiles;
import dev.hermesharden.system.hermes.HermesHomeLocator;
import java.util.Optional;

/**
 * One approvals check: every id shares the gathering (find {@code HERMES_HOME}, read its {@code
 * config.yaml} and {@code .env}) and differs only in its pure {@link Rule}.
 *
 * <p>Caveat: only the files are read; variables set in a compose file's {@code environment:} are
 * the docker step's business.
 */
public final class ApprovalsCheck implements Check<ApprovalsFacts> {
  /** The pure judgement of one setting. Reasons and details name keys, never secret values. */
  @FunctionalInterface
  public interface Rule {
    Verdict judge(HermesConfig config, DotEnv env, Params params);
  }

  private final Rule rule;

  public ApprovalsCheck(Rule rule) {
    this.rule = rule;
  }

  @Override
  public ApprovalsFacts gather(Host host, StepContext ctx) throws HostException {
    Optional<String> home = HermesHomeLocator.locate(host, ctx.answers());
    if (home.isEmpty()) {
      return new ApprovalsFacts(
          home, HermesFiles.searched(ctx.answers()), Optional.empty(), Optional.empty());
    }
    return new ApprovalsFacts(
        home,
        java.util.List.of(home.get()),
        host.readFile(HermesFiles.config(home.get())),
        host.readFile(HermesFiles.env(home.get())));
  }

  @Override
  public Verdict evaluate(ApprovalsFacts facts, Params params, StepContext ctx) {
    if (facts.home().isEmpty()) {
      return Verdict.error("reason.approvals.no-home", String.join(", ", facts.searched()));
    }
    HermesConfig config;
    try {
      config = facts.config();
    } catch (BadInputException e) {
      return Verdict.error("reason.approvals.config-invalid", e.where());
    }
    return rule.judge(config, facts.env(), params).with("home", facts.home().get());
  }
}
