package dev.hermesharden.engine;

import dev.hermesharden.fixes.RevertCommand;
import dev.hermesharden.model.EvidenceKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A revert job armed on the host before a destructive fix ran (saved in the {@link Session}).
 *
 * @param id also the file names {@code <stateDir>/revert/<id>.sh|.log|.pid|.disarmed}
 * @param proof the proof that disarms it: this kind, over the safe path, newer than {@code applied}
 * @param mechanism how the {@link RevertLauncher} keeps it waiting: {@code systemd} (transient
 *     timer {@code hermes-harden-revert-<id>}), {@code setsid} (a detached sleeper whose pid the
 *     script writes) or {@code simulated} (the practice VPS)
 * @param applied when the plan finished; only evidence after it disarms; empty while applying
 * @param files what the script restores (backup path) or deletes (created files)
 * @param commands what the script runs after the files (reloads, {@code ufw --force disable})
 */
public record ArmedRevert(
    String id,
    String stepId,
    String fixId,
    List<EvidenceKind> proof,
    String script,
    String mechanism,
    Instant armedAt,
    Instant deadline,
    Optional<Instant> applied,
    RevertState state,
    List<FileChange> files,
    List<RevertCommand> commands) {
  public ArmedRevert {
    proof = List.copyOf(proof);
    files = List.copyOf(files);
    commands = commands == null ? List.of() : List.copyOf(commands);
    applied = applied == null ? Optional.empty() : applied;
  }

  /** The systemd unit name (timer and service share it). */
  public String unit() {
    return HostRevertLauncher.unit(id);
  }

  public ArmedRevert withState(RevertState s) {
    return new ArmedRevert(
        id, stepId, fixId, proof, script, mechanism, armedAt, deadline, applied, s, files,
        commands);
  }

  public ArmedRevert appliedAt(Instant at) {
    return new ArmedRevert(
        id,
        stepId,
        fixId,
        proof,
        script,
        mechanism,
        armedAt,
        deadline,
        Optional.of(at),
        state,
        files,
        commands);
  }
}
