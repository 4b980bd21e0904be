package dev.hermesharden.host.ssh;

import java.nio.file.Path;
import java.util.List;

/**
 * Where and as whom to connect, after {@code ~/.ssh/config}: what {@code ssh -G} would say for the
 * keywords this tool reads.
 *
 * @param alias the host as the admin typed it (for {@code known_hosts}, as OpenSSH uses it too)
 * @param hostName the address or name actually dialled ({@code HostName}, else the alias)
 * @param identityFiles {@code IdentityFile} entries in order, expanded; the defaults when none
 * @param identitiesOnly {@code IdentitiesOnly yes}: agent keys only when they match these files
 * @param notes what was read but not followed ({@code Match} blocks), as {@code file:line: text}
 */
public record SshEndpoint(
    String alias,
    String hostName,
    int port,
    String user,
    List<Path> identityFiles,
    boolean identitiesOnly,
    List<String> notes) {
  public SshEndpoint {
    identityFiles = List.copyOf(identityFiles);
    notes = List.copyOf(notes);
  }

  /** The same, logging in as another account. */
  public SshEndpoint withUser(String otherUser) {
    return new SshEndpoint(alias, hostName, port, otherUser, identityFiles, identitiesOnly, notes);
  }

  /** The same server at another address (the prover's new connection to the private path). */
  public SshEndpoint at(String address, int port) {
    return new SshEndpoint(address, address, port, user, identityFiles, identitiesOnly, notes);
  }
}
