package dev.hermesharden.host.ssh;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the admin typed after {@code --remote}: {@code [user@]host[:port]}, an IPv6 address in
 * brackets when a port follows ({@code admin@[2001:db8::1]:2222}), bare without one. The host may
 * be an alias of {@code ~/.ssh/config}.
 *
 * @param user empty when not given (then {@code ~/.ssh/config} or the local user name decides)
 * @param port empty when not given (then {@code ~/.ssh/config} or 22)
 */
public record SshTarget(Optional<String> user, String host, Optional<Integer> port) {
  private static final Pattern BARE_V6 =
      Pattern.compile("(?:([^@\\s]+)@)?([0-9A-Fa-f]*:[0-9A-Fa-f]*:[0-9A-Fa-f:.]*)");
  private static final Pattern FORM =
      Pattern.compile("(?:([^@\\s]+)@)?(\\[[0-9A-Fa-f:.]+\\]|[^@:\\[\\]\\s]+)(?::(\\d{1,5}))?");

  /**
   * @throws IllegalArgumentException when the text is not of that form, or the port is not 1–65535
   */
  public static SshTarget parse(String text) {
    Matcher v6 = BARE_V6.matcher(text);
    if (v6.matches()) { // as ssh: a bare IPv6 address has no port
      return new SshTarget(Optional.ofNullable(v6.group(1)), v6.group(2), Optional.empty());
    }
    Matcher m = FORM.matcher(text);
    if (!m.matches() || m.group(2).startsWith("-")) {
      throw new IllegalArgumentException("not [user@]host[:port]: " + text);
    }
    String host = m.group(2);
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    Optional<Integer> port = Optional.empty();
    if (m.group(3) != null) {
      int p = Integer.parseInt(m.group(3));
      if (p < 1 || p > 65535) {
        throw new IllegalArgumentException("port out of range: " + text);
      }
      port = Optional.of(p);
    }
    return new SshTarget(Optional.ofNullable(m.group(1)), host, port);
  }
}
