package dev.hermesharden.system.sshd;

/**
 * A {@code Match} block: its criteria as written and where it starts. It ends at the next {@code
 * Match} or at the end of the file it started in.
 */
public record MatchBlock(int index, String criteria, String file, int line) {
  public String source() {
    return file + ":" + line;
  }
}
