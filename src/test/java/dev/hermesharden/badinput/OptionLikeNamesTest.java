package dev.hermesharden.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.engine.CheckRunner;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.ForwardingHost;
import dev.hermesharden.host.HostException;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.FixRef;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.steps.StepFiles;
import dev.hermesharden.system.accounts.UserName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Account names are refused at the door ({@link UserName}); behind it, every command that takes a
 * name puts {@code --} before it, so even a name that slipped through (an old saved session) can
 * never be read as an option. Every check and every fix runs here with both accounts named like an
 * option: each argv that holds the name must hold {@code --} before it, or have it as the value of
 * an option that takes one.
 */
class OptionLikeNamesTest {
  private static final String NAME = "-hostile-name";

  /** Options whose next word is their value, whatever it looks like (getopt, find). */
  private static final java.util.Set<String> VALUE_OPTIONS =
      java.util.Set.of("find -user", "find -group", "gpasswd -d");

  /** Records every argv the checks and fixes run. */
  private static final class Recording extends ForwardingHost {
    final List<List<String>> argv = new ArrayList<>();

    Recording() {
      super(SimulatedHost.fresh());
    }

    @Override
    public ExecResult exec(List<String> a, Duration timeout) throws HostException {
      argv.add(List.copyOf(a));
      return inner.exec(a, timeout);
    }
  }

  @Test
  void noNameEverStandsWhereAnOptionCould() throws Exception {
    Catalog catalog = Catalog.standard();
    List<StepDefinition> steps = StepFiles.loadPackaged(catalog, Messages.english());
    StepContext ctx =
        StepContext.of(
            Answers.EMPTY.with(Answers.ADMIN_USER, NAME).with(Answers.SERVICE_USER, NAME));
    Recording host = new Recording();
    List<List<String>> planned = new ArrayList<>();
    for (StepDefinition d : steps) {
      new CheckRunner(catalog).run(d.checks(), host, ctx);
      for (FixRef ref : d.fixes()) {
        Fix fix = catalog.fix(ref.id()).orElseThrow();
        try {
          Plan p = fix.plan(host, ref.params(), ctx);
          p.actions().stream()
              .filter(RunCommand.class::isInstance)
              .map(a -> ((RunCommand) a).argv())
              .forEach(planned::add);
        } catch (HostException | IllegalArgumentException e) {
          // refusing to plan is fine; what matters is what runs
        }
      }
    }
    List<List<String>> all = new ArrayList<>(host.argv);
    all.addAll(planned);
    int named = 0;
    List<List<String>> unsafe = new ArrayList<>();
    for (List<String> a : all) {
      int at = a.indexOf(NAME);
      if (at < 0) {
        continue;
      }
      named++;
      int end = a.indexOf("--");
      boolean operandAfterEnd = end >= 0 && end < at;
      // the value of an option that takes one is never read as an option itself
      boolean optionValue = at > 0 && VALUE_OPTIONS.contains(a.get(0) + " " + a.get(at - 1));
      if (!operandAfterEnd && !optionValue) {
        unsafe.add(a);
      }
    }
    assertEquals(List.of(), unsafe, "a name could be read as an option");
    assertTrue(named >= 5, "too few commands named the accounts to trust this: " + named);
    assertTrue(planned.stream().anyMatch(a -> a.get(0).equals("adduser")), "adduser was planned");
  }

  @Test
  void theNameRuleRefusesWhatCouldSplitACommandOrAConfigLine() {
    for (String ok : List.of("admin", "hermes", "_svc", "john.doe", "deploy-2", "a")) {
      assertTrue(UserName.valid(ok), ok);
    }
    for (String bad :
        List.of(
            "-o", "--help", "Admin", "ad min", "a,b", "a:b", "", "0day", "a\nb", "x".repeat(33))) {
      assertFalse(UserName.valid(bad), bad);
    }
    assertTrue(UserName.valid("x".repeat(32)));
  }
}
