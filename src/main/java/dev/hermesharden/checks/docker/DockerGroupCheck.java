package dev.hermesharden.checks.docker;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Account;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.GroupEntry;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.accounts.AccountLookup;
import dev.hermesharden.system.net.SsListeners;
import java.util.List;
import java.util.Optional;

/**
 * {@code docker.service-user-not-in-docker-group}: the service user cannot reach Docker's socket.
 * Whoever can write the socket is root on the host without a password (start a container that
 * mounts {@code /}). Asks {@code id -nG USER}; where {@code id} is unavailable, the {@code docker}
 * group's member list. Group {@code docker} is not the only way in: a {@code chmod 666} or a {@code
 * setfacl -m u:hermes:rw} on the socket (both common answers to Docker's "permission denied") open
 * it too, so the kernel is asked as well: {@code test -w} run as the user, in its own groups.
 */
public final class DockerGroupCheck implements Check<DockerGroupCheck.Facts> {
  /** Where Docker's socket is, the first found. */
  static final List<String> SOCKETS = List.of("/run/docker.sock", "/var/run/docker.sock");

  /**
   * @param groups the user's groups; empty when the user does not exist
   * @param socket the socket with its owner and mode, when the user may write it outside group
   *     docker
   * @param unasked the socket, when whether the user may write it could not be asked
   * @param tcp dockerd's TCP address, when the user gets answers there without a certificate
   */
  public record Facts(
      Optional<List<String>> groups,
      Optional<String> socket,
      Optional<String> unasked,
      Optional<String> tcp) {
    public Facts(Optional<List<String>> groups) {
      this(groups, Optional.empty(), Optional.empty(), Optional.empty());
    }
  }

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    String user = ctx.answers().serviceUser();
    Optional<List<String>> groups = groups(host, user);
    Optional<AccountLookup> account = AccountLookup.of(host, user);
    if (groups.isEmpty() || groups.get().contains("docker") || account.isEmpty()) {
      return new Facts(groups);
    }
    Account as = Account.of(host, account.get().uid());
    for (String path : SOCKETS) {
      Optional<FileStat> st = host.lstat(path);
      if (st.isEmpty() || !st.get().type().equals("socket")) {
        continue;
      }
      ExecResult w =
          host.exec(as.runInItsGroups(List.of("test", "-w", path)), Host.DEFAULT_TIMEOUT);
      String what =
          path
              + " ("
              + st.get().owner()
              + ":"
              + st.get().group()
              + " "
              + st.get().octalMode()
              + ")";
      if (w.exitCode() == 0) {
        return new Facts(groups, Optional.of(what), Optional.empty(), Optional.empty());
      }
      if (w.exitCode() != 1) {
        return new Facts(groups, Optional.empty(), Optional.of(what), Optional.empty());
      }
      break;
    }
    return new Facts(groups, Optional.empty(), Optional.empty(), tcp(host, as));
  }

  /**
   * dockerd's API on TCP ({@code -H tcp://…}, or {@code hosts} in daemon.json) answers anyone who
   * reaches it, unless it demands a client certificate ({@code --tlsverify}): asked as the user, in
   * its own groups, with Docker's own client and no certificate.
   */
  private static Optional<String> tcp(Host host, Account as) throws HostException {
    for (SsListeners.Listener l : SsListeners.parse(SsListeners.ask(host).stdout())) {
      if (l.uid() != 0 || !l.process().equals("dockerd")) {
        continue;
      }
      String address =
          switch (l.address()) {
            case "0.0.0.0", "*" -> "127.0.0.1";
            case "::" -> "[::1]";
            default -> l.address().contains(":") ? "[" + l.address() + "]" : l.address();
          };
      String url = "tcp://" + address + ":" + l.port();
      ExecResult r =
          host.exec(
              as.runInItsGroups(
                  List.of("docker", "-H", url, "version", "--format", "{{.Server.Version}}")),
              Host.DEFAULT_TIMEOUT);
      if (r.ok() && !r.stdout().isBlank()) {
        return Optional.of(url);
      }
    }
    return Optional.empty();
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
    boolean member = GroupEntry.parse(line).map(g -> g.members().contains(user)).orElse(false);
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
            : facts.socket().isPresent()
                ? Verdict.fail("reason.docker.socket-open-to-user", user, facts.socket().get())
                : facts.unasked().isPresent()
                    ? Verdict.fail("reason.docker.socket-unasked", user, facts.unasked().get())
                    : facts.tcp().isPresent()
                        ? Verdict.fail("reason.docker.tcp-open-to-user", user, facts.tcp().get())
                        : Verdict.pass("reason.docker.user-not-in-docker-group", user);
    return v.with("groups", String.join(" ", groups));
  }
}
