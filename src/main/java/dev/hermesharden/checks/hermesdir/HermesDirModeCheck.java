package dev.hermesharden.checks.hermesdir;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import java.util.Optional;

/**
 * {@code hermes-dir.directory}: HERMES_HOME is mode 700 (nothing for group or others) and owned by
 * the service user, so no other account on the VPS can read the agent's keys and memory.
 */
public final class HermesDirModeCheck implements Check<DirectoryFacts> {
  @Override
  public DirectoryFacts gather(Host host, StepContext ctx) throws HostException {
    Optional<String> home = HermesDir.locate(host, ctx);
    return new DirectoryFacts(home, home.isPresent() ? host.lstat(home.get()) : Optional.empty());
  }

  @Override
  public Verdict evaluate(DirectoryFacts facts, Params params, StepContext ctx) {
    if (facts.home().isEmpty() || facts.stat().isEmpty()) {
      return HermesDir.noHome();
    }
    FileStat st = facts.stat().get();
    String user = ctx.answers().serviceUser();
    Verdict v;
    if (!st.owner().equals(user)) {
      v = Verdict.fail("reason.hermes-dir.wrong-owner", st.path(), st.owner(), user);
    } else if (st.groupOrWorldAccessible()) {
      v = Verdict.fail("reason.hermes-dir.dir-open", st.path(), st.octalMode());
    } else {
      v = Verdict.pass("reason.hermes-dir.dir-ok", st.path());
    }
    return v.with("owner", st.owner() + ":" + st.group()).with("mode", st.octalMode());
  }
}
