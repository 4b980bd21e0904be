package dev.hermesharden.cli;

import dev.hermesharden.checks.users.NotRootLoginCheck;
import dev.hermesharden.engine.HostRevertLauncher;
import dev.hermesharden.engine.RevertLauncher;
import dev.hermesharden.engine.RunMode;
import dev.hermesharden.host.Host;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.ProofChannel;
import dev.hermesharden.proof.LocalProver;
import dev.hermesharden.system.probe.HostProbe;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The wizard on this machine, as root: proofs come from the admin's second terminal through the
 * confirm drop box ({@link LocalProver}), revert jobs are systemd timers or detached sleepers
 * ({@link HostRevertLauncher}), and a session starts from who started the tool ({@code
 * SUDO_USER}/{@code USER}).
 */
final class LocalMode implements RunMode {
  private final Host host;
  private final Path stateDir;
  private final CliEnvironment env;
  private final LocalProver proofs;
  private final HostRevertLauncher reverts = new HostRevertLauncher();

  LocalMode(
      Host host, Path stateDir, CliEnvironment env, LocalProver.Settings proofs, Clock clock) {
    this.host = host;
    this.stateDir = stateDir;
    this.env = env;
    this.proofs = new LocalProver(host, clock, proofs);
  }

  @Override
  public Host host() {
    return host;
  }

  @Override
  public ProofChannel proofs() {
    return proofs;
  }

  @Override
  public RevertLauncher reverts() {
    return reverts;
  }

  /** Who started the tool, for the check that the wizard does not run from a root login. */
  @Override
  public Answers baseAnswers() {
    return env.loginUser()
        .map(u -> Answers.EMPTY.with(NotRootLoginCheck.LOGIN_USER, u))
        .orElse(Answers.EMPTY);
  }

  @Override
  public Path stateDir() {
    return stateDir;
  }

  @Override
  public Optional<String> clientAddress() {
    return HostProbe.admin(env.env()).clientAddress();
  }

  @Override
  public boolean practice() {
    return false;
  }
}
