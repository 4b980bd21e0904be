package dev.hermesharden.proof;

import dev.hermesharden.model.EvidenceKind;
import java.time.Instant;
import java.util.List;

/**
 * A proof the admin was asked for: the exact command to run from a second terminal on their own
 * computer, and the token to paste when it asks (or to pipe into its standard input).
 *
 * @param command the ssh command as argv, without the token (show it with {@code
 *     ShellQuoting.join}); the token never goes on a command line, where other accounts can read it
 */
public record PendingProof(
    EvidenceKind kind,
    String token,
    String user,
    String address,
    List<String> command,
    Instant expires) {
  public PendingProof {
    command = List.copyOf(command);
  }
}
