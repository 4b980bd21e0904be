package dev.hermesharden.engine;

import dev.hermesharden.host.Host;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.ProofChannel;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the wizard runs, decided once at start-up (the practice VPS, this machine, later a server
 * over SSH): everything that differs between them, so neither the engine nor a front end ever asks
 * which one it has. A new place to run is a new set of these values, not a change to the engine.
 *
 * @param host the host being hardened
 * @param proofs where login proofs come from
 * @param reverts how the host keeps revert jobs waiting and fires them
 * @param baseAnswers the answers a session starts from (who started the tool; the practice key)
 * @param stateDir the local directory of {@code state.json} and {@code reports/}
 * @param hostStateDir where backups and revert scripts live on the host
 * @param clientAddress the admin's address as the server sees it, if known
 * @param practice whether this is the practice VPS: sessions and proofs are labelled with it, and a
 *     proof of one kind of host never counts on the other
 * @param hostChanged called after the host was changed (applied, reverted), e.g. to save the
 *     practice VPS
 */
public record RunMode(
    Host host,
    ProofChannel proofs,
    RevertLauncher reverts,
    Answers baseAnswers,
    Path stateDir,
    String hostStateDir,
    Optional<String> clientAddress,
    boolean practice,
    Runnable hostChanged) {}
