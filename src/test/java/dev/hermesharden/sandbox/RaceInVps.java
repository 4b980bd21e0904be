package dev.hermesharden.sandbox;

import dev.hermesharden.engine.ApplyOutcome;
import dev.hermesharden.engine.PlanExecutor;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.LocalHost;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.FixRef;
import java.io.File;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test-only entry point run INSIDE the sandbox VPS as root ({@link SandboxVps#javaMain}), while a
 * hostile process of the service account races it: {@code RaceInVps STEP FIX N RESET [ROOT]}. N
 * times: {@code RESET} (a shell script) runs with the service account's rights to put the hole back
 * (and {@code ROOT}, a script that must itself be safe against the race, e.g. {@code mktemp}, as
 * root), then the production fix plans on the real host and the production {@link PlanExecutor}
 * applies the plan. One JVM for all N rounds, so fifty rounds take seconds. Prints one line per
 * round: {@code ROUND n applied|failed REASON|refused KIND MESSAGE|nothing}; the test judges the
 * host afterwards.
 */
public final class RaceInVps {
  private RaceInVps() {}

  public static void main(String[] args) throws Exception {
    Catalog catalog = Catalog.standard();
    FixRef ref = FixInVps.fixRef(catalog, args[0], args[1]);
    int rounds = Integer.parseInt(args[2]);
    StepContext ctx = FixInVps.context(Answers.EMPTY.with("session.login-user", "admin"));
    LocalHost host = new LocalHost();
    PlanExecutor executor = new PlanExecutor(host, "/var/lib/hh-race", Clock.systemUTC());
    for (int i = 1; i <= rounds; i++) {
      run(List.of("setpriv", "--reuid=hermes", "--regid=hermes", "--init-groups", "--"), args[3]);
      if (args.length > 4) {
        run(List.of(), args[4]);
      }
      String line;
      try {
        Plan plan = catalog.fix(ref.id()).orElseThrow().plan(host, ref.params(), ctx);
        if (plan.isEmpty()) {
          line = "nothing";
        } else {
          ApplyOutcome o = executor.execute(plan);
          line = o.ok() ? "applied" : "failed " + o.failure().get();
        }
      } catch (HostException e) {
        line = "refused " + e.kind() + " " + e.getMessage();
      }
      System.out.println("ROUND " + i + " " + line.replace('\n', ' '));
    }
  }

  private static void run(List<String> prefix, String script) throws Exception {
    List<String> argv = new java.util.ArrayList<>(prefix);
    argv.addAll(List.of("sh", "-c", script));
    Process p =
        new ProcessBuilder(argv)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
  }
}
