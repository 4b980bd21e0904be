package dev.hermesharden.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.CheckResult;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.steps.AppliesWhen;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.CheckRef;
import dev.hermesharden.steps.Severity;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckRunnerTest {
  /** Asks {@code hostname} and passes when it answers the expected name. */
  private static final class HostnameCheck implements Check<ExecResult> {
    @Override
    public ExecResult gather(Host host, StepContext ctx) throws HostException {
      return host.exec("hostname");
    }

    @Override
    public Verdict evaluate(ExecResult facts, Params params, StepContext ctx) {
      return facts.stdout().strip().equals(params.string("expect", "vps1"))
          ? Verdict.pass("reason.test.ok")
          : Verdict.fail("reason.test.other", facts.stdout().strip());
    }
  }

  private static final Check<String> TIMES_OUT =
      new Check<>() {
        @Override
        public String gather(Host host, StepContext ctx) throws HostException {
          throw new HostException(HostException.Kind.TIMEOUT, "sshd -T took too long");
        }

        @Override
        public Verdict evaluate(String facts, Params params, StepContext ctx) {
          return Verdict.pass("never");
        }
      };

  private static final Check<String> BUGGY =
      new Check<>() {
        @Override
        public String gather(Host host, StepContext ctx) {
          return "x";
        }

        @Override
        public Verdict evaluate(String facts, Params params, StepContext ctx) {
          throw new IllegalStateException("parser bug");
        }
      };

  private final Catalog catalog =
      Catalog.of(
          List.of(
              b -> {
                b.kind("a.hostname", new HostnameCheck());
                b.kind("b.hostname", new HostnameCheck());
                b.kind("c.hostname", new HostnameCheck());
                b.kind("d.timeout", TIMES_OUT);
                b.kind("e.bug", BUGGY);
                b.condition(
                    "named-vps1", (h, ctx) -> h.exec("hostname").stdout().strip().equals("vps1"));
                b.condition(
                    "named-other", (h, ctx) -> h.exec("hostname").stdout().strip().equals("other"));
              }));

  private static CheckRef ref(String id) {
    return new CheckRef(id, id, "t", Params.NONE);
  }

  @Test
  void identicalCommandsRunOncePerRun() {
    CountingHost host = new CountingHost(SimulatedHost.fresh());
    CheckRunner runner = new CheckRunner(catalog);
    List<CheckRef> refs = List.of(ref("a.hostname"), ref("b.hostname"), ref("c.hostname"));

    List<CheckResult> results = runner.run(refs, host, StepContext.of(Answers.EMPTY));

    assertEquals(3, results.size());
    assertTrue(results.stream().allMatch(r -> r.status() == Status.PASS), results.toString());
    assertEquals(1, host.count(List.of("hostname")), "hostname asked once: " + host.commands);

    runner.run(refs, host, StepContext.of(Answers.EMPTY));
    assertEquals(2, host.count(List.of("hostname")), "a new run asks the host again");
  }

  private static CheckRef guarded(String id, String condition) {
    return new CheckRef(
        id,
        "e.bug",
        "t",
        Params.NONE,
        Optional.of(new AppliesWhen(condition, "reason.test.not-here")),
        Severity.LOW,
        Optional.empty());
  }

  @Test
  void aConditionThatDoesNotHoldIsNotApplicableWithTheStepFilesReasonAndTheCheckDoesNotRun() {
    CountingHost host = new CountingHost(SimulatedHost.fresh());
    List<CheckResult> results =
        new CheckRunner(catalog)
            .run(
                List.of(guarded("x.one", "named-other"), guarded("x.two", "named-other")),
                host,
                StepContext.of(Answers.EMPTY));
    for (CheckResult r : results) {
      assertEquals(Status.NOT_APPLICABLE, r.status(), r.toString());
      assertEquals("reason.test.not-here", r.reason().key());
    }
    assertEquals(1, host.count(List.of("hostname")), "the condition is asked once per run");
    CheckResult holds =
        new CheckRunner(catalog)
            .run(List.of(guarded("x.three", "named-vps1")), host, StepContext.of(Answers.EMPTY))
            .get(0);
    assertEquals(Status.ERROR, holds.status(), "a condition that holds runs the check (a bug)");
  }

  @Test
  void exceptionsBecomeErrorResultsAndNeverEscape() {
    CheckRunner runner = new CheckRunner(catalog);
    List<CheckResult> results =
        runner.run(
            List.of(ref("d.timeout"), ref("e.bug"), ref("z.unknown"), ref("a.hostname")),
            SimulatedHost.fresh(),
            StepContext.of(Answers.EMPTY));

    assertEquals(
        List.of("d.timeout", "e.bug", "z.unknown", "a.hostname"),
        results.stream().map(CheckResult::checkId).toList());
    assertEquals(Status.ERROR, results.get(0).status());
    assertEquals("engine.check-error", results.get(0).reason().key());
    assertTrue(
        results.get(0).reason().args().get(0).contains("TIMEOUT"), results.get(0).toString());
    assertEquals(Status.ERROR, results.get(1).status());
    assertTrue(results.get(1).reason().args().get(0).contains("parser bug"));
    assertEquals("engine.check-unknown", results.get(2).reason().key());
    assertEquals(Status.PASS, results.get(3).status(), "a failing check does not stop the others");
  }

  @Test
  void groupsRunSideBySideKeepTheirOrder() {
    List<List<CheckRef>> groups =
        List.of(List.of(ref("a.hostname"), ref("e.bug")), List.of(ref("d.timeout")), List.of());
    List<List<CheckResult>> out =
        new CheckRunner(catalog)
            .runAll(groups, SimulatedHost.fresh(), StepContext.of(Answers.EMPTY), 3);
    assertEquals(3, out.size());
    assertEquals(
        List.of("a.hostname", "e.bug"), out.get(0).stream().map(CheckResult::checkId).toList());
    assertEquals(Status.ERROR, out.get(1).get(0).status());
    assertEquals(List.of(), out.get(2));
  }

  @Test
  void withoutRootAPermissionProblemIsSkippedNotAnError() {
    Host denied =
        new dev.hermesharden.host.ForwardingHost(SimulatedHost.fresh()) {
          @Override
          public ExecResult exec(List<String> argv, java.time.Duration t) {
            return new ExecResult(argv, 1, "", "ERROR: You need to be root to run this script\n");
          }
        };
    CheckResult r =
        CheckRunner.unprivileged(catalog)
            .run(List.of(ref("a.hostname")), denied, StepContext.of(Answers.EMPTY))
            .get(0);
    assertEquals(Status.SKIPPED, r.status());
    assertEquals(CheckRunner.NEEDS_ROOT_REASON, r.reason().key());
    assertEquals("hostname", r.details().get(CheckRunner.NEEDS_ROOT));
    CheckResult asRoot =
        new CheckRunner(catalog)
            .run(List.of(ref("a.hostname")), denied, StepContext.of(Answers.EMPTY))
            .get(0);
    assertEquals(Status.FAIL, asRoot.status(), "as root the check's own verdict stands");
  }
}
