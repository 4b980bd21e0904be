package dev.hermesharden.practice;

import dev.hermesharden.checks.users.NotRootLoginCheck;
import dev.hermesharden.engine.PlanExecutor;
import dev.hermesharden.engine.RunMode;
import dev.hermesharden.fixes.approvals.ApprovalsEnvFix;
import dev.hermesharden.host.Host;
import dev.hermesharden.model.Answers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The practice run mode: the simulated VPS (kept between runs beside the state file), proofs made
 * by the practice workstation, simulated revert timers, and the answers a practice session starts
 * from — the workstation's key for step 2, {@code admin} as the login user, and a generated API key
 * for step 9 (the practice {@code .env} holds "changeme").
 */
public final class PracticeMode {
  private PracticeMode() {}

  /** The practice VPS saved under {@code stateDir} (fresh the first time), saved after changes. */
  public static RunMode load(Path stateDir, Clock clock) {
    PracticeStore store = new PracticeStore(stateDir);
    SimulatedHost vps = store.load();
    Runnable save =
        () -> {
          try {
            store.save(vps);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
    return mode(vps, stateDir, clock, save);
  }

  /** A practice VPS (or a host over one) kept in memory only, for tests. */
  public static RunMode of(Host host, Path stateDir, Clock clock) {
    return mode(host, stateDir, clock, () -> {});
  }

  private static RunMode mode(Host host, Path stateDir, Clock clock, Runnable save) {
    return new RunMode(
        host,
        new PracticeProver(host, clock),
        new SimulatedRevertLauncher(clock),
        answers(),
        stateDir,
        PlanExecutor.DEFAULT_STATE_DIR,
        Optional.of(PracticeWorkstation.PUBLIC_ADDRESS),
        true,
        save);
  }

  /** What a practice session starts from. */
  public static Answers answers() {
    return Answers.EMPTY
        .with(Answers.PUBLIC_KEY, PracticeWorkstation.PUBLIC_KEY)
        .with(NotRootLoginCheck.LOGIN_USER, "admin")
        .with(ApprovalsEnvFix.GENERATE_KEY, "yes");
  }
}
