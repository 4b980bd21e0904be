package dev.hermesharden.system.sshd;

/**
 * One connection the sshd checks ask {@code sshd -T -C} about, and why it is asked.
 *
 * @param origin where it comes from: {@code admin} (the admin's own connection), {@code root}, or
 *     the Match block it was made to match, e.g. {@code Match Address 198.51.100.0/24
 *     (/etc/ssh/sshd_config.d/60-office.conf:1)}
 * @param byAccount the Match block names users or groups: sshd matched it for this connection's
 *     account, maybe for no other
 */
public record SshdConnection(MatchSpec spec, String origin, boolean byAccount) {
  public SshdConnection(MatchSpec spec, String origin) {
    this(spec, origin, false);
  }

  /** For messages: {@code root from 198.51.100.1 (Match Address … (file:1))}. */
  public String label() {
    String who = spec.user() + " from " + spec.addr();
    return origin.equals("admin") || origin.equals("root") ? who : who + " (" + origin + ")";
  }

  public boolean fromMatchBlock() {
    return origin.startsWith("Match ");
  }
}
