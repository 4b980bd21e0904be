package dev.hermesharden.cli;

import dev.hermesharden.checks.users.NotRootLoginCheck;
import dev.hermesharden.engine.HostRevertLauncher;
import dev.hermesharden.engine.PlanExecutor;
import dev.hermesharden.engine.RunMode;
import dev.hermesharden.host.ForwardingHost;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.SshHost;
import dev.hermesharden.host.ssh.LoginProver;
import dev.hermesharden.host.ssh.SshConfig;
import dev.hermesharden.host.ssh.SshEndpoint;
import dev.hermesharden.host.ssh.SshLogin;
import dev.hermesharden.host.ssh.SshPrompts;
import dev.hermesharden.host.ssh.SshTarget;
import dev.hermesharden.model.Answers;
import dev.hermesharden.proof.RemoteProver;
import dev.hermesharden.system.net.Cidr;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The wizard on the admin's own machine, driving the server over SSH ({@code --remote}): the host
 * is an {@link SshHost} (root through sudo), proofs are the wizard's own new key-only logins
 * ({@link RemoteProver}), revert jobs run <em>on the server</em> ({@link HostRevertLauncher} over
 * SSH, so a dropped link or a killed wizard still reverts), and a session starts from the account
 * that logs in. The state directory is on this machine, one per server, named after the server's
 * host key: the same session whichever address reaches it (public first, the private path later).
 */
final class RemoteMode {
  /** Private-path address ranges: Tailscale's CGNAT range and ULA prefix, RFC 1918. */
  private static final List<Cidr> PRIVATE =
      List.of(
          Cidr.parse("100.64.0.0/10"),
          Cidr.parse("fd7a:115c:a1e0::/48"),
          Cidr.parse("10.0.0.0/8"),
          Cidr.parse("172.16.0.0/12"),
          Cidr.parse("192.168.0.0/16"));

  private RemoteMode() {}

  /** A connected server and the run mode over it. */
  record Connected(SshHost ssh, RunMode mode) {}

  /**
   * Connects (asking what {@code prompts} answers: host key, passphrase, sudo password) and builds
   * the run mode.
   *
   * @param stateDir the state directory when given ({@code --state-dir}), else the per-server one
   * @throws IllegalArgumentException when {@code target} is not {@code [user@]host[:port]}
   */
  static Connected connect(
      String target,
      Optional<String> privateAddress,
      CliEnvironment env,
      SshPrompts prompts,
      Optional<Path> stateDir,
      Clock clock,
      java.util.function.UnaryOperator<Host> wrap)
      throws HostException {
    SshEndpoint ep =
        SshConfig.resolve(SshTarget.parse(target), env.home(), env.loginUser().orElse("root"));
    SshLogin.Options options =
        new SshLogin.Options(
            env.home().resolve(".ssh/known_hosts"),
            prompts,
            env.get("SSH_AUTH_SOCK").map(Path::of));
    SshHost ssh = SshHost.connect(ep, options, true);
    // the admin named the private address: a connection that dies (a link cut in the firewall's
    // window) comes back over it, pinned to this server's key
    privateAddress.ifPresent(a -> ssh.reconnectAlsoAt(ep.at(a, ep.port())));
    try {
      String server = ssh.exec("uname", "-n").stdout().strip();
      Host host = wrap.apply(new Named(ssh, server.isEmpty() ? ep.alias() : server));
      Answers base = Answers.EMPTY.with(NotRootLoginCheck.LOGIN_USER, ep.user());
      RunMode mode =
          new RunMode(
              host,
              new RemoteProver(ssh, new LoginProver(options), clock, privateAddress),
              new HostRevertLauncher(),
              base,
              stateDir.orElse(stateDirOf(env, ssh.info().hostKeyFingerprint())),
              PlanExecutor.DEFAULT_STATE_DIR,
              ssh.clientAddress(),
              false,
              () -> {});
      return new Connected(ssh, mode);
    } catch (HostException | RuntimeException e) {
      ssh.close();
      throw e;
    }
  }

  /**
   * {@code $XDG_STATE_HOME/hermes-harden/hosts/<host key>} (else {@code ~/.local/state/…}): the
   * host key's SHA256 in the URL-safe alphabet, a name no address change alters.
   */
  static Path stateDirOf(CliEnvironment env, String hostKeyFingerprint) {
    Path base = env.get("XDG_STATE_HOME").map(Path::of).orElse(env.home().resolve(".local/state"));
    String name =
        hostKeyFingerprint.replaceFirst("^SHA256:", "").replace('/', '_').replace('+', '-');
    return base.resolve("hermes-harden").resolve("hosts").resolve(name);
  }

  /** {@code private} when the address lies in a private-path range, else {@code public}. */
  static String pathOf(String address) {
    return PRIVATE.stream().anyMatch(c -> c.contains(address)) ? "private" : "public";
  }

  /** The server under its own name ({@code uname -n}): the same whichever address reached it. */
  private static final class Named extends ForwardingHost {
    private final String name;

    Named(Host inner, String name) {
      super(inner);
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }
  }
}
