package dev.hermesharden.practice;

import dev.hermesharden.checks.users.NotRootLoginCheck;
import dev.hermesharden.engine.RevertLauncher;
import dev.hermesharden.engine.RunMode;
import dev.hermesharden.fixes.approvals.ApprovalsEnvFix;
import dev.hermesharden.host.Host;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.ProofChannel;
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
public final class PracticeMode implements RunMode {
  private final Host host;
  private final Path stateDir;
  private final Optional<Runnable> save;
  private final PracticeProver proofs;
  private final SimulatedRevertLauncher reverts;

  private PracticeMode(Host host, Path stateDir, Clock clock, Optional<Runnable> save) {
    this.host = host;
    this.stateDir = stateDir;
    this.save = save;
    this.proofs = new PracticeProver(host, clock);
    this.reverts = new SimulatedRevertLauncher(clock);
  }

  /**
   * The practice VPS saved under {@code stateDir} (a fresh one the first time); saved again after
   * every change.
   */
  public static PracticeMode load(Path stateDir, Clock clock) {
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
    return new PracticeMode(vps, stateDir, clock, Optional.of(save));
  }

  /** A practice VPS (or a host over one) that is kept in memory only, for tests. */
  public static PracticeMode of(Host host, Path stateDir, Clock clock) {
    return new PracticeMode(host, stateDir, clock, Optional.empty());
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

  @Override
  public Answers baseAnswers() {
    return Answers.EMPTY
        .with(Answers.PUBLIC_KEY, PracticeWorkstation.PUBLIC_KEY)
        .with(NotRootLoginCheck.LOGIN_USER, "admin")
        .with(ApprovalsEnvFix.GENERATE_KEY, "yes");
  }

  @Override
  public Path stateDir() {
    return stateDir;
  }

  @Override
  public Optional<String> clientAddress() {
    return Optional.of(PracticeWorkstation.PUBLIC_ADDRESS);
  }

  @Override
  public boolean practice() {
    return true;
  }

  @Override
  public void hostChanged() {
    save.ifPresent(Runnable::run);
  }
}
