package dev.hermesharden.engine;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.CheckRef;
import dev.hermesharden.steps.FixRef;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.steps.Teaching;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Test steps s1..sN: step sK passes when {@code /etc/fake/sK} reads {@code done}; its fix {@code
 * sK.write} writes that file and validates with {@code true}. Step s3's fix is destructive and
 * requires {@code key-login}.
 */
final class FakeSteps {
  static final String DONE = "done\n";
  static final String DIR = "/etc/fake";

  private FakeSteps() {}

  static String marker(String stepId) {
    return DIR + "/" + stepId;
  }

  /** Passes when the file named by param {@code path} reads {@code done}. */
  static final class MarkerCheck implements Check<Optional<String>> {
    @Override
    public Optional<String> gather(Host host, StepContext ctx) {
      throw new UnsupportedOperationException("run() is used: the path is a parameter");
    }

    @Override
    public Verdict run(Host host, Params params, StepContext ctx) throws HostException {
      return evaluate(host.readFile(params.string("path")), params, ctx);
    }

    @Override
    public Verdict evaluate(Optional<String> facts, Params params, StepContext ctx) {
      return facts.filter(DONE::equals).isPresent()
          ? Verdict.pass("reason.fake.done")
          : Verdict.fail("reason.fake.not-done", params.string("path"));
    }
  }

  /** Writes {@code done} to the file named by param {@code path}, then validates with true. */
  static final class MarkerFix implements Fix {
    private final String id;

    MarkerFix(String id) {
      this.id = id;
    }

    @Override
    public Plan plan(Host host, Params params, StepContext ctx) throws HostException {
      String path = params.string("path");
      Optional<String> now = host.readFile(path);
      if (now.filter(DONE::equals).isPresent()) {
        return Plan.nothing(id);
      }
      return new Plan(
          id,
          List.of(
              new WriteFile(path, now, DONE, FileAttrs.mode(0644)), RunCommand.validate("true")));
    }
  }

  static List<StepDefinition> steps(int n) {
    List<StepDefinition> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      String id = "s" + i;
      Params p = new Params(Map.of("path", marker(id)));
      boolean guarded = i == 3;
      out.add(
          new StepDefinition(
              id,
              i,
              "step." + id + ".title",
              new Teaching("w", "b", "u"),
              List.of(new CheckRef(id + ".marker", "marker", "t", p)),
              List.of(
                  new FixRef(
                      id + ".write",
                      "t",
                      p,
                      guarded,
                      guarded ? List.of(EvidenceKind.KEY_LOGIN) : List.of())),
              List.of(),
              "test"));
    }
    return out;
  }

  static Catalog catalog(int n) {
    return Catalog.of(
        List.of(
            b -> {
              b.kind("marker", new MarkerCheck());
              for (int i = 1; i <= n; i++) {
                b.fix("s" + i + ".write", new MarkerFix("s" + i + ".write"));
              }
            }));
  }
}
