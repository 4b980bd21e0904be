package dev.hermesharden.proof;

import dev.hermesharden.model.EvidenceKind;
import java.time.Instant;
import java.util.List;

/**
 * A proof the admin was asked for: the token to type and the exact command to run from a second
 * terminal on their own computer.
 *
 * @param command the ssh command as argv (show it with {@code ShellQuoting.join})
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
