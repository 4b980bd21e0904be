package dev.hermesharden.system.sudoers;

import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.system.accounts.ShadowPassword;

/**
 * Whether an account can really become root with sudo: sudo lets it run every command as root
 * ({@link SudoListing}) <em>and</em> it can answer what sudo asks: nothing ({@code NOPASSWD}), or a
 * password that some typed text matches ({@link ShadowPassword}: its own, or root's with {@code
 * rootpw}). An admin created with {@code adduser --disabled-password}, or locked with {@code passwd
 * -l}, passed on sudo's listing alone; once root's SSH login was closed nobody reached root (in the
 * sandbox VPS the admin typed the right password of a locked account and sudo said "Sorry").
 *
 * @param password the password sudo asks for; {@link ShadowPassword#UNKNOWN} when none is asked
 */
public record SudoAccess(SudoListing listing, String passwordOf, ShadowPassword password) {
  /** What stands between the account and root, if anything. */
  public enum Problem {
    NONE,
    /** sudo lets it run nothing, or only some commands, as root. */
    NOT_ALLOWED,
    /** sudo is not installed. */
    NO_SUDO,
    /** sudo asks for a password that nothing typed matches. */
    LOCKED_PASSWORD,
    /** sudo asks for an empty password. */
    EMPTY_PASSWORD,
    /** sudo or the password could not be asked (not run as root). */
    UNKNOWN
  }

  /** For an account that does not exist: nothing asked. */
  public static final SudoAccess NOT_ASKED =
      new SudoAccess(SudoListing.NOT_ASKED, "", ShadowPassword.UNKNOWN);

  /** sudo's listing for {@code user} and, when it asks for one, that password's state. */
  public static SudoAccess ask(Host host, String user) throws HostException {
    SudoListing l = SudoListing.ask(host, user);
    if (l.state() != SudoListing.State.ROOT || l.auth() == SudoListing.Auth.NONE) {
      return new SudoAccess(l, "", ShadowPassword.UNKNOWN);
    }
    String whose = l.auth() == SudoListing.Auth.ROOT ? "root" : user;
    return new SudoAccess(l, whose, ShadowPassword.ask(host, whose));
  }

  public Problem problem() {
    return switch (listing.state()) {
      case NONE, LIMITED -> Problem.NOT_ALLOWED;
      case MISSING -> Problem.NO_SUDO;
      case UNKNOWN -> Problem.UNKNOWN;
      case ROOT ->
          switch (password) {
            case LOCKED -> Problem.LOCKED_PASSWORD;
            case EMPTY -> Problem.EMPTY_PASSWORD;
            case USABLE -> Problem.NONE;
            case UNKNOWN ->
                listing.auth() == SudoListing.Auth.NONE ? Problem.NONE : Problem.UNKNOWN;
          };
    };
  }

  /** For the evidence: sudo's line and what it asks for. */
  public String detail() {
    return listing.state().name()
        + " "
        + listing.text()
        + (listing.state() != SudoListing.State.ROOT
            ? ""
            : listing.auth() == SudoListing.Auth.NONE
                ? "; no password asked"
                : "; asks for " + passwordOf + "'s password: " + password.name());
  }
}
