package dev.hermesharden.checks.docker;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.accounts.AccountLookup;
import java.util.List;
import java.util.Optional;

/**
 * {@code docker.service-user-not-in-docker-group}: the service user is not in group {@code docker}.
 * Membership of that group is root on the host without a password (start a container that mounts
 * {@code /}). Asks {@code id -nG USER}; where {@code id} is unavailable, the {@code docker} group's
 * member list.
 */
public final class DockerGroupCheck implements Check<DockerGroupCheck.Facts> {
  /** The user's groups; empty when the user does not exist. */
  public record Facts(Optional<List<String>> groups) {}

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    return new Facts(groups(host, ctx.answers().serviceUser()));
  }

  /** {@code id -nG USER} as a list, or the docker group's members as a fallback. */
  public static Optional<List<String>> groups(Host host, String user) throws HostException {
    ExecResult id = host.exec("id", "-nG", "--", user);
    if (id.ok()) {
      return Optional.of(List.of(id.stdout().strip().split("\\s+")));
    }
    if (id.stderr().contains("no such user")) {
      return Optional.empty();
    }
    if (AccountLookup.of(host, user).isEmpty()) {
      return Optional.empty();
    }
    ExecResult getent = host.exec("getent", "group", "docker");
    String line =
        getent.ok()
            ? getent.stdout().strip()
            : host.readFile("/etc/group")
                .orElse("")
                .lines()
                .filter(l -> l.startsWith("docker:"))
                .findFirst()
                .orElse("");
    String[] f = line.split(":", -1);
    boolean member = f.length >= 4 && List.of(f[3].split(",")).contains(user);
    return Optional.of(member ? List.of(user, "docker") : List.of(user));
  }

  @Override
  public Verdict evaluate(Facts facts, Params params, StepContext ctx) {
    String user = ctx.answers().serviceUser();
    if (facts.groups().isEmpty()) {
      return Verdict.notApplicable("reason.docker.no-service-user", user);
    }
    List<String> groups = facts.groups().get();
    Verdict v =
        groups.contains("docker")
            ? Verdict.fail("reason.docker.user-in-docker-group", user)
            : Verdict.pass("reason.docker.user-not-in-docker-group", user);
    return v.with("groups", String.join(" ", groups));
  }
}
