package dev.hermesharden.engine;

import dev.hermesharden.host.Host;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.ProofChannel;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the wizard runs, decided once at start-up: the practice VPS, this machine, later a server
 * over SSH. It yields everything that differs between them, so neither the engine nor a front end
 * ever asks which one it has: the host to harden, where login proofs come from, how the host keeps
 * a revert job waiting, the answers a session starts from and where the session is saved.
 */
public interface RunMode {
  /** The host being hardened. */
  Host host();

  /** Where login proofs come from. */
  ProofChannel proofs();

  /** How the host keeps revert jobs waiting and fires them. */
  RevertLauncher reverts();

  /** The answers a session starts from (who started the tool; the practice key). */
  Answers baseAnswers();

  /** The local directory of {@code state.json} and {@code reports/}. */
  Path stateDir();

  /** Where backups and revert scripts live on the host. */
  default String hostStateDir() {
    return PlanExecutor.DEFAULT_STATE_DIR;
  }

  /** The admin's address as the server sees it, if known. */
  Optional<String> clientAddress();

  /**
   * Whether this is the practice VPS: sessions and proofs are labelled with it, and a proof of one
   * kind of host never counts on the other.
   */
  boolean practice();

  /** Called after the host was changed (applied, reverted), e.g. to save the practice VPS. */
  default void hostChanged() {}
}
