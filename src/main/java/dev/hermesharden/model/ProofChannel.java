package dev.hermesharden.model;

/**
 * Where login proofs come from: the admin's second terminal on a real server ({@code
 * proof.LocalProver}), the practice workstation ({@code practice.PracticeProver}), later the
 * wizard's own SSH client in remote mode. A front end never asks which one it has: it shows the
 * {@link PendingProof} and the engine polls the {@link ProofSession} until the proof comes.
 */
public interface ProofChannel {
  /**
   * Asks for a fresh key-only login of {@code kind} for the admin in {@code answers}; any session
   * begun before is now stale.
   *
   * @throws ProofException when it cannot even be asked for (no address for the path, no drop box)
   */
  ProofSession begin(EvidenceKind kind, Answers answers) throws ProofException;
}
