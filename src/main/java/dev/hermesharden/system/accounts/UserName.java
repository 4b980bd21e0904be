package dev.hermesharden.system.accounts;

import java.util.regex.Pattern;

/**
 * Which account names the tool accepts from the admin (answers, {@code --set}): Debian's default
 * rule for new users ({@code NAME_REGEX} of adduser) widened by the dot that POSIX allows: a
 * lower-case letter or {@code _} first, then lower-case letters, digits, {@code _}, {@code .} or
 * {@code -}, at most 32 characters. So a name never starts with {@code -} (it cannot turn into an
 * option of {@code getent}, {@code id} or {@code usermod}), never holds white space, {@code :} or
 * {@code ,} (it cannot split an {@code AllowUsers} line, a passwd field or an {@code sshd -C}
 * spec).
 *
 * <p>Caveat: upper case, a trailing {@code $} (Samba machine accounts) and names that adduser only
 * takes with {@code --allow-bad-names} are refused; use a conforming admin account.
 */
public final class UserName {
  public static final Pattern PATTERN = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}");

  private UserName() {}

  public static boolean valid(String name) {
    return name != null && PATTERN.matcher(name).matches();
  }
}
