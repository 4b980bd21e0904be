package dev.hermesharden.model;

import java.time.Instant;
import java.util.List;

/**
 * What the admin is asked for a proof: the exact command to run from a second terminal on their own
 * computer, and the token to paste when it asks (or to pipe into its standard input).
 *
 * @param command the ssh command as argv, without the token (show it with {@code
 *     ShellQuoting.join}); the token never goes on a command line, where other accounts can read it
 * @param token the one-time token to paste; empty when the channel logs in itself without one
 *     (remote mode: {@link #direct()})
 * @param manual true when the admin runs the command; false when the {@link ProofChannel} makes the
 *     login itself once polled (the practice workstation, the wizard's own SSH client), so the
 *     command is shown to teach it
 */
public record PendingProof(
    EvidenceKind kind,
    String token,
    String user,
    String address,
    List<String> command,
    Instant expires,
    boolean manual) {
  public PendingProof {
    command = List.copyOf(command);
  }

  /**
   * The wizard's own SSH client makes the login, now (remote mode): nothing to paste and nothing to
   * start; the command shown is what it does.
   */
  public boolean direct() {
    return !manual && token.isEmpty();
  }

  @Override
  public String toString() {
    // Never print the token by accident (logs, exceptions).
    return "PendingProof[" + kind.id() + " for " + user + " at " + address + "]";
  }
}
