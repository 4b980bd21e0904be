package dev.hermesharden.system.accounts;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import java.util.regex.Pattern;

/**
 * Whether a typed password can ever match one account's password field: the second field of {@code
 * getent shadow NAME}, which only root can read. sudo (through PAM's {@code pam_unix}) asks for
 * such a password, and a locked one ({@code !…}, as {@code adduser --disabled-password} and {@code
 * passwd -l} leave it) or a {@code *} matches nothing. {@code passwd -S} is not asked: older
 * shadow-utils call {@code *} usable ({@code P}).
 */
public enum ShadowPassword {
  /** A crypt hash ({@code $id$…}, or the 13 characters of old DES): some password matches it. */
  USABLE,
  /** Locked or disabled ({@code !}, {@code *}, {@code !$y$…}, anything that is not a hash). */
  LOCKED,
  /** Empty: whether an empty password is accepted depends on {@code nullok}. */
  EMPTY,
  /** Not asked, or not answered (not root; no shadow entry). */
  UNKNOWN;

  private static final Pattern DES = Pattern.compile("[./0-9A-Za-z]{13}");

  /** {@code getent shadow -- NAME} on {@code host}. */
  public static ShadowPassword ask(Host host, String user) throws HostException {
    ExecResult r = host.exec("getent", "shadow", "--", user);
    if (!r.ok()) {
      return UNKNOWN;
    }
    String line = r.stdout().lines().findFirst().orElse("");
    String[] f = line.split(":", -1);
    return f.length < 2 || !f[0].equals(user) ? UNKNOWN : of(f[1]);
  }

  /** What one password field amounts to. */
  public static ShadowPassword of(String field) {
    if (field.isEmpty()) {
      return EMPTY;
    }
    return field.startsWith("$") || DES.matcher(field).matches() ? USABLE : LOCKED;
  }
}
