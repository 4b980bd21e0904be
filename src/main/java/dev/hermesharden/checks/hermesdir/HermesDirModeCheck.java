package dev.hermesharden.checks.hermesdir;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PosixAcl;
import dev.hermesharden.model.StepContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code hermes-dir.directory}: HERMES_HOME is owned by the service user and closed to every other
 * account. Closed means: mode 700, or open bits that no other account can use because a directory
 * above denies them search (a 755 {@code .hermes} under a 700 home). The second still names 700 as
 * the recommendation: it stays closed only while the parent does.
 */
public final class HermesDirModeCheck implements Check<HermesDirModeCheck.Facts> {
  /**
   * @param ancestors stats of {@code /} down to HERMES_HOME's parent
   * @param withAcl paths among them that carry a POSIX ACL ({@link PosixAcl})
   */
  public record Facts(
      Optional<String> home,
      Optional<FileStat> stat,
      List<FileStat> ancestors,
      Set<String> withAcl) {
    /** Without ancestors: the directory alone decides (fixtures). */
    public Facts(Optional<String> home, Optional<FileStat> stat) {
      this(home, stat, List.of(), Set.of());
    }
  }

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    Optional<String> home = HermesDir.locate(host, ctx);
    Optional<FileStat> st = home.isPresent() ? host.lstat(home.get()) : Optional.empty();
    List<FileStat> ancestors = new ArrayList<>();
    Set<String> acl = new HashSet<>();
    if (st.isPresent() && st.get().groupOrWorldAccessible()) {
      List<String> paths = Reachability.ancestors(home.get());
      for (String p : paths) {
        host.lstat(p).ifPresent(ancestors::add);
      }
      for (String p : paths) {
        if (PosixAcl.present(host, p)) {
          acl.add(p);
        }
      }
    }
    return new Facts(home, st, ancestors, acl);
  }

  @Override
  public Verdict evaluate(Facts facts, Params params, StepContext ctx) {
    if (facts.home().isEmpty() || facts.stat().isEmpty()) {
      return HermesDir.noHome();
    }
    FileStat st = facts.stat().get();
    String user = ctx.answers().serviceUser();
    Verdict v;
    if (!st.owner().equals(user)) {
      v = Verdict.fail("reason.hermes-dir.wrong-owner", st.path(), st.owner(), user);
    } else if (st.groupOrWorldAccessible()) {
      Optional<FileStat> closed = Reachability.closedBy(st, facts.ancestors(), facts.withAcl());
      v =
          closed.isPresent()
              ? Verdict.pass(
                      "reason.hermes-dir.dir-closed-above",
                      st.path(),
                      st.octalMode(),
                      closed.get().path(),
                      closed.get().octalMode())
                  .with("closed-by", closed.get().path() + " " + closed.get().octalMode())
              : Verdict.fail("reason.hermes-dir.dir-open", st.path(), st.octalMode());
    } else {
      v = Verdict.pass("reason.hermes-dir.dir-ok", st.path());
    }
    return v.with("owner", st.owner() + ":" + st.group()).with("mode", st.octalMode());
  }
}
