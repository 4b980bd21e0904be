package dev.hermesharden.host;

import java.util.List;

/**
 * What a running SSH server offered one user on one connection before any credential: the
 * authentication methods of its answer to {@code none} authentication (RFC 4252 §5.2), e.g. {@code
 * [publickey]} or {@code [publickey, password, keyboard-interactive]}. The server decides the list
 * for this user and this client address with the configuration it has loaded, Match blocks
 * included: it is the daemon's own answer, not the files'.
 *
 * <p>Caveat: a method listed is offered, not necessarily usable: {@code keyboard-interactive}
 * without PAM has no device that prompts for anything, and a listed method still fails for a user
 * sshd refuses (AllowUsers, PermitRootLogin).
 *
 * @param address the server address connected to (as given)
 * @param port the server port
 * @param user the user name sent
 * @param methods the offered methods in the server's order; empty when {@code none} itself was
 *     accepted (no authentication at all)
 * @param noneAccepted whether the server let the user in without any credential
 */
public record SshAuthOffer(
    String address, int port, String user, List<String> methods, boolean noneAccepted) {
  public SshAuthOffer {
    methods = List.copyOf(methods);
  }

  /** The answer as one short line, e.g. {@code admin@127.0.0.1:22 publickey,password}. */
  public String label() {
    return user
        + "@"
        + (address.contains(":") ? "[" + address + "]" : address)
        + ":"
        + port
        + " "
        + (noneAccepted ? "none" : String.join(",", methods));
  }
}
