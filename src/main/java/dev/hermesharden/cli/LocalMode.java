package dev.hermesharden.cli;

import dev.hermesharden.checks.users.NotRootLoginCheck;
import dev.hermesharden.engine.HostRevertLauncher;
import dev.hermesharden.engine.PlanExecutor;
import dev.hermesharden.engine.RunMode;
import dev.hermesharden.host.Host;
import dev.hermesharden.model.Answers;
import dev.hermesharden.proof.LocalProver;
import dev.hermesharden.system.probe.HostProbe;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The wizard on this machine: proofs come from the admin's second terminal through the confirm drop
 * box ({@link LocalProver}), revert jobs are systemd timers or detached sleepers ({@link
 * HostRevertLauncher}), and a session starts from who started the tool ({@code SUDO_USER}/{@code
 * USER}), for the check that the wizard does not run from a root login.
 */
final class LocalMode {
  private LocalMode() {}

  static RunMode of(
      Host host, Path stateDir, CliEnvironment env, LocalProver.Settings proofs, Clock clock) {
    Answers base =
        env.loginUser()
            .map(u -> Answers.EMPTY.with(NotRootLoginCheck.LOGIN_USER, u))
            .orElse(Answers.EMPTY);
    return new RunMode(
        host,
        new LocalProver(host, clock, proofs),
        new HostRevertLauncher(),
        base,
        stateDir,
        PlanExecutor.DEFAULT_STATE_DIR,
        HostProbe.admin(env.env()).clientAddress(),
        false,
        () -> {});
  }
}
