package dev.hermesharden.checks.approvals;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.checks.docker.DockerFacts;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.BadInputException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.compose.ComposeFile;
import dev.hermesharden.system.compose.ComposeService;
import dev.hermesharden.system.docker.ContainerState;
import dev.hermesharden.system.hermes.ComposeEnvironment;
import dev.hermesharden.system.hermes.HermesConfig;
import dev.hermesharden.system.hermes.HermesFiles;
import dev.hermesharden.system.hermes.HermesHomeLocator;
import dev.hermesharden.system.hermes.HermesSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The approvals kinds ({@code hermes-approvals-mode}, {@code hermes-api-key}, …): every one shares
 * the gathering (find {@code HERMES_HOME}, read its {@code config.yaml} and {@code .env}, and the
 * environment Hermes' process starts with: the running container's {@code Config.Env}, else its
 * compose service's {@code env_file:} and {@code environment:}) and differs only in its pure {@link
 * Rule}. Settings are combined as Hermes does ({@link HermesSettings}).
 */
public final class ApprovalsCheck implements Check<ApprovalsFacts> {
  /** The pure judgement of one setting. Reasons and details name keys, never secret values. */
  @FunctionalInterface
  public interface Rule {
    Verdict judge(HermesView view, Params params);
  }

  private final Rule rule;
  private final ParamSchema schema;

  /** A kind judged by {@code rule}, taking the parameters {@code schema} names. */
  public ApprovalsCheck(Rule rule, ParamSchema schema) {
    this.rule = rule;
    this.schema = schema;
  }

  /** A kind without parameters. */
  public ApprovalsCheck(Rule rule) {
    this(rule, ParamSchema.NONE);
  }

  @Override
  public ParamSchema schema() {
    return schema;
  }

  @Override
  public ApprovalsFacts gather(Host host, StepContext ctx) throws HostException {
    Optional<String> home = HermesHomeLocator.locate(host, ctx.answers());
    if (home.isEmpty()) {
      return new ApprovalsFacts(
          home, HermesFiles.searched(ctx.answers()), Optional.empty(), Optional.empty());
    }
    DockerFacts docker = DockerFacts.gather(host, ctx);
    Optional<ContainerState> container = docker.hermesContainers().stream().findFirst();
    Map<String, String> processEnv = Map.of();
    String envFrom = "";
    if (container.isPresent()) {
      processEnv = container.get().environment();
      envFrom = "container " + container.get().name();
    } else {
      for (ComposeFile f : docker.compose().files()) {
        List<ComposeService> s = f.hermesServices();
        if (!s.isEmpty()) {
          processEnv = ComposeEnvironment.of(host, f, s.get(0));
          envFrom = f.path() + " " + s.get(0).name();
          break;
        }
      }
    }
    Optional<String> config = host.readFile(HermesFiles.config(home.get()));
    Optional<String> env = host.readFile(HermesFiles.env(home.get()));
    List<String> links = new java.util.ArrayList<>();
    List<String> files = List.of(HermesFiles.config(home.get()), HermesFiles.env(home.get()));
    List<Optional<FileStat>> stats = host.lstatAll(files);
    for (int i = 0; i < files.size(); i++) {
      if (stats.get(i).map(FileStat::isSymlink).orElse(false)) {
        links.add(files.get(i));
      }
    }
    String profile =
        host.readFile(HermesFiles.activeProfile(home.get()))
            .map(t -> HermesFiles.activeProfileName(home.get(), t))
            .orElse("");
    return new ApprovalsFacts(
        home,
        List.of(home.get()),
        config,
        env,
        container,
        processEnv,
        envFrom,
        ApprovalsFacts.Parsed.of(host, home.get(), config, env),
        profile,
        links);
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
    HermesView view =
        new HermesView(
            HermesSettings.of(config, facts.env(), facts.processEnv()),
            facts.container(),
            DockerFacts.privateCidr(ctx));
    Verdict v = rule.judge(view, params);
    if (!facts.repeatedKey().isEmpty() && !v.status().equals(Status.FAIL)) {
      // current Hermes refuses the file and runs on an older copy or its defaults: no PASS
      v =
          Verdict.error(
              "reason.approvals.config-duplicate", facts.configPath(), facts.repeatedKey());
    }
    if (!facts.links().isEmpty() && !v.status().equals(Status.FAIL)) {
      // resolved here by us and in the container by Hermes: not necessarily the same file
      v = Verdict.error("reason.approvals.file-link", facts.links().get(0));
    }
    if (!facts.activeProfile().isEmpty()) {
      // _apply_profile_override: Hermes reads the profile's config.yaml and .env, not these
      String home = facts.home().get();
      v =
          Verdict.fail(
              "reason.approvals.active-profile",
              HermesFiles.activeProfile(home),
              facts.activeProfile(),
              HermesFiles.profile(home, facts.activeProfile()));
    }
    v = v.with("home", facts.home().get());
    return facts.envFrom().isEmpty() ? v : v.with("environment", facts.envFrom());
  }
}
