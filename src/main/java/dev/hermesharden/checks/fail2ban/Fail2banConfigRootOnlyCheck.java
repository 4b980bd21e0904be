package dev.hermesharden.checks.fail2ban;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PathTrust;
import dev.hermesharden.model.StepContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kind {@code fail2ban-config-root-only}: only root can change {@code /etc/fail2ban}. fail2ban runs
 * its actions as root and reads a {@code .local} beside every {@code .conf} (jails, filters,
 * actions): an account that can write there chooses the commands of the next ban
 * (EarlyStepsHostileSandboxTest: the agent's {@code actionban} ran as root). One {@code find} lists
 * what is not root's, writable by others or a link; each such path is then judged by {@link
 * PathTrust} (the whole path, a root link followed to its target), and the directory's own path.
 *
 * <p>Caveat: stricter than {@link PathTrust} for groups: anything group-writable by a group other
 * than root counts, system groups included.
 *
 * @see dev.hermesharden.checks.sshd.SshdConfigRootOnlyCheck the same for sshd
 */
public final class Fail2banConfigRootOnlyCheck implements Check<Optional<List<String>>> {
  static final String DIR = "/etc/fail2ban";

  /** At most this many paths are judged and named: a handful already says enough. */
  private static final int MAX = 50;

  /** The paths another account can change; empty when there is no {@code /etc/fail2ban}. */
  @Override
  public Optional<List<String>> gather(Host host, StepContext ctx) throws HostException {
    if (host.stat(DIR).isEmpty()) {
      return Optional.empty();
    }
    List<String> open = new ArrayList<>();
    if (!PathTrust.contentRootOnly(host, DIR)) {
      open.add(DIR);
    }
    ExecResult r =
        host.exec(
            "find", "-P", DIR, "-xdev", "(", "!", "-user", "root", "-o", "-perm", "-0002", "-o",
            "(", "-perm", "-0020", "!", "-group", "root", ")", "-o", "-type", "l", ")", "-print0");
    if (!r.ok()) {
      throw new HostException(HostException.Kind.IO, "find " + DIR + ": " + r.stderr().strip());
    }
    for (String p : r.stdout().split("\0")) {
      if (open.size() >= MAX) {
        break;
      }
      if (!p.isEmpty() && !open.contains(p) && !PathTrust.contentRootOnly(host, p)) {
        open.add(p);
      }
    }
    return Optional.of(open);
  }

  @Override
  public Verdict evaluate(Optional<List<String>> open, Params params, StepContext ctx) {
    if (open.isEmpty()) {
      return Verdict.notApplicable("reason.fail2ban.no-config-dir", DIR);
    }
    if (open.get().isEmpty()) {
      return Verdict.pass("reason.fail2ban.config-root-only", DIR);
    }
    Verdict v =
        Verdict.fail("reason.fail2ban.config-writable", open.get().size(), open.get().get(0));
    for (String p : open.get()) {
      v = v.with(p, "not root's alone");
    }
    return v;
  }
}
