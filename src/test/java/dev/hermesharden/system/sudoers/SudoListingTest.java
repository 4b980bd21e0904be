package dev.hermesharden.system.sudoers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.system.sudoers.SudoListing.State;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SudoListing} over the answers of Debian 12's sudo 1.9.13 (taken in the sandbox VPS). */
class SudoListingTest {
  private static final String DEFAULTS =
      """
      Matching Defaults entries for admin on vps1:
          env_reset, mail_badpass,
          secure_path=/usr/local/sbin\\:/usr/local/bin\\:/usr/sbin\\:/usr/bin\\:/sbin\\:/bin,
          use_pty

      User admin may run the following commands on vps1:
      """;

  private static State state(String stdout) {
    return SudoListing.of(new ExecResult(SudoListing.argv("admin"), 0, stdout, "")).state();
  }

  @Test
  void everyCommandAsRootIsRoot() {
    assertEquals(State.ROOT, state(DEFAULTS + "    (ALL : ALL) ALL\n"));
    assertEquals(State.ROOT, state(DEFAULTS + "    (ALL) NOPASSWD: ALL\n"));
    assertEquals(State.ROOT, state(DEFAULTS + "    (root) ALL\n"));
    assertEquals(State.ROOT, state(DEFAULTS + "    (ALL) /usr/bin/id\n    (ALL : ALL) ALL\n"));
    assertEquals(State.ROOT, state(DEFAULTS + "    (ALL) NOPASSWD: /bin/ls, PASSWD: ALL\n"));
  }

  private static SudoListing.Auth auth(String stdout) {
    return SudoListing.of(new ExecResult(SudoListing.argv("admin"), 0, stdout, "")).auth();
  }

  /**
   * Whose password stands between the admin and root: the last root line's tag (sudo applies the
   * last entry that matches), else the defaults (answers of Debian 12's sudo in the sandbox VPS).
   */
  @Test
  void whosePasswordSudoAsksFor() {
    assertEquals(SudoListing.Auth.OWN, auth(DEFAULTS + "    (ALL : ALL) ALL\n"));
    assertEquals(
        SudoListing.Auth.NONE, auth(DEFAULTS + "    (ALL : ALL) ALL\n    (ALL) NOPASSWD: ALL\n"));
    assertEquals(
        SudoListing.Auth.OWN, auth(DEFAULTS + "    (ALL) NOPASSWD: ALL\n    (ALL : ALL) ALL\n"));
    assertEquals(SudoListing.Auth.NONE, auth(DEFAULTS + "    (ALL) NOPASSWD: /bin/ls, ALL\n"));
    assertEquals(
        SudoListing.Auth.OWN, auth(DEFAULTS + "    (ALL) NOPASSWD: /bin/ls, PASSWD: ALL\n"));
    String rootpw =
        """
        Matching Defaults entries for admin on vps1:
            env_reset, mail_badpass, secure_path=/usr/local/sbin\\:/usr/bin, use_pty, rootpw

        User admin may run the following commands on vps1:
            (ALL : ALL) ALL
        """;
    assertEquals(SudoListing.Auth.ROOT, auth(rootpw));
    assertEquals(SudoListing.Auth.NONE, auth(rootpw.replace("rootpw", "rootpw, !authenticate")));
    assertEquals(
        SudoListing.Auth.OWN,
        auth(rootpw.replace("rootpw", "!authenticate").replace("ALL) ALL", "ALL) PASSWD: ALL")));
    assertEquals(SudoListing.Auth.OWN, auth(rootpw.replace("rootpw", "!rootpw")));
  }

  /** The group entry of a sudoers line without a %sudo line: what the admin step passed. */
  @Test
  void aMemberWithoutARuleIsNone() {
    assertEquals(State.NONE, state("User admin is not allowed to run sudo on vps1.\n"));
  }

  @Test
  void someCommandsOrAnotherRunAsUserIsLimited() {
    assertEquals(State.LIMITED, state(DEFAULTS + "    (ALL) /usr/bin/id\n"));
    assertEquals(State.LIMITED, state(DEFAULTS + "    (www-data) ALL\n"));
    assertEquals(State.LIMITED, state(DEFAULTS + "    ( : ALL) ALL\n"));
    assertEquals(State.LIMITED, state(DEFAULTS + "    (ALL) !ALL\n"));
  }

  @Test
  void noSudoOrNoAnswer() {
    List<String> argv = SudoListing.argv("admin");
    assertEquals(
        State.MISSING,
        SudoListing.of(new ExecResult(argv, 127, "", "sudo: command not found\n")).state());
    SudoListing pw = SudoListing.of(new ExecResult(argv, 1, "", "sudo: a password is required\n"));
    assertEquals(State.UNKNOWN, pw.state());
    assertEquals("sudo: a password is required", pw.text());
    assertEquals(State.UNKNOWN, state("something else\n"));
  }
}
