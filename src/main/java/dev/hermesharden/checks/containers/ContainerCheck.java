package dev.hermesharden.checks.containers;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;

/**
 * The container kinds ({@code container-host-mounts}, {@code container-cap-drop}, …): they share
 * the gathering ({@link ContainerFacts}) and differ in their pure {@link Rule} ({@link
 * ContainerRules}).
 */
public final class ContainerCheck implements Check<ContainerFacts> {
  /** The pure judgement of one confinement setting over every Hermes service and container. */
  @FunctionalInterface
  public interface Rule {
    Verdict judge(ContainerFacts facts, Params params);
  }

  private final Rule rule;
  private final ParamSchema schema;

  public ContainerCheck(Rule rule, ParamSchema schema) {
    this.rule = rule;
    this.schema = schema;
  }

  public ContainerCheck(Rule rule) {
    this(rule, ParamSchema.NONE);
  }

  @Override
  public ParamSchema schema() {
    return schema;
  }

  @Override
  public ContainerFacts gather(Host host, StepContext ctx) throws HostException {
    return ContainerFacts.gather(host, ctx);
  }

  @Override
  public Verdict evaluate(ContainerFacts facts, Params params, StepContext ctx) {
    return rule.judge(facts, params);
  }
}
