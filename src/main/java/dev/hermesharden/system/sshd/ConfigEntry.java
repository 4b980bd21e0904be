package dev.hermesharden.system.sshd;

/**
 * One setting line of the sshd configuration files, as sshd reads it.
 *
 * @param keyword lowercase keyword (sshd compares keywords case-insensitively)
 * @param value the arguments as written, without a trailing comment
 * @param matchBlock index into {@link SshdConfigFiles#matchBlocks()}, or -1 outside any Match
 */
public record ConfigEntry(String keyword, String value, String file, int line, int matchBlock) {
  /** Where this value was read, e.g. {@code /etc/ssh/sshd_config.d/50-cloud-init.conf:1}. */
  public String source() {
    return file + ":" + line;
  }

  public boolean inMatch() {
    return matchBlock >= 0;
  }

  /** The first word of the value, lowercased: what a yes/no keyword is set to. */
  public String firstWord() {
    String v = value.strip();
    int sp = v.indexOf(' ');
    return (sp < 0 ? v : v.substring(0, sp)).toLowerCase(java.util.Locale.ROOT);
  }
}
