package dev.hermesharden.model;

/**
 * One proof being waited for ({@link ProofChannel#begin}). {@link #poll} looks once and never
 * blocks for long; it returns the evidence once, then the session is used up.
 */
public interface ProofSession {
  /** What to show the admin: the command, the token, who logs in where, until when. */
  PendingProof ask();

  /** Looks for the proof once. */
  PollResult poll();
}
