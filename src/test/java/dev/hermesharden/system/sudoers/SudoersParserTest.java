package dev.hermesharden.system.sudoers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.system.sudoers.Sudoers.Item.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parts of sudoers(5) that say who may use sudo, in the spellings real files use. */
class SudoersParserTest {
  private static List<String> users(Sudoers s, int rule) {
    return s.rules().get(rule).users().stream().map(Sudoers.Item::text).toList();
  }

  @Test
  void debiansDefaultFileHasTwoRulesAndTheIncludeDirectory() {
    Sudoers s =
        SudoersParser.parse(
            "Defaults\tenv_reset\nDefaults\tsecure_path=\"/usr/sbin:/usr/bin\"\n"
                + "# (#1011624, https://bugs.kde.org/show_bug.cgi?id=452532)\n"
                + "#Defaults:%sudo env_keep += \"EDITOR\"\n"
                + "root\tALL=(ALL:ALL) ALL\n%sudo\tALL=(ALL:ALL) ALL\n"
                + "@includedir /etc/sudoers.d\n");
    assertEquals(2, s.rules().size(), s.toString());
    assertEquals(List.of("root"), users(s, 0));
    assertEquals(Kind.GROUP, s.rules().get(1).users().get(0).kind());
    assertEquals("sudo", s.rules().get(1).users().get(0).value());
    assertEquals(List.of(new Sudoers.Include(7, "/etc/sudoers.d", true)), s.includes());
  }

  @Test
  void theOldHashSpellingOfIncludesIsADirectiveNotAComment() {
    Sudoers s = SudoersParser.parse("#includedir /etc/sudoers.d\n#include \"/etc/sudo rs\"\n");
    assertEquals(
        List.of(
            new Sudoers.Include(1, "/etc/sudoers.d", true),
            new Sudoers.Include(2, "/etc/sudo rs", false)),
        s.includes());
  }

  @Test
  void cloudInitsRuleSaysNopasswd() {
    Sudoers s =
        SudoersParser.parse(
            "# Created by cloud-init v. 24.4 on Sun, 24 Nov 2024\n\n# User rules for ubuntu\n"
                + "ubuntu ALL=(ALL) NOPASSWD:ALL\n");
    assertEquals(1, s.rules().size());
    assertEquals(4, s.rules().get(0).line());
    assertTrue(s.rules().get(0).noPasswd());
    assertEquals(
        false,
        SudoersParser.parse("admin ALL=(ALL) ALL # NOPASSWD: not\n").rules().get(0).noPasswd());
  }

  @Test
  void listsCommasUidsGroupsAndNegation() {
    Sudoers s =
        SudoersParser.parse(
            "alice , %#27,#1001, !bob,%:\"domain users\",+ops ALL=(ALL) ALL\n"
                + "\"odd name\" ALL = ALL\n");
    assertEquals(List.of("alice", "%#27", "#1001", "!bob", "%:domain users", "+ops"), users(s, 0));
    List<Kind> kinds = s.rules().get(0).users().stream().map(Sudoers.Item::kind).toList();
    assertEquals(List.of(Kind.USER, Kind.GID, Kind.UID, Kind.USER, Kind.OTHER, Kind.OTHER), kinds);
    assertTrue(s.rules().get(0).users().get(3).negated());
    assertEquals(List.of("odd name"), users(s, 1));
  }

  @Test
  void aliasesOtherThanUsersAndDefaultsGrantNothing() {
    Sudoers s =
        SudoersParser.parse(
            "Host_Alias SERVERS = vps1, vps2\nCmnd_Alias SHUTDOWN = /usr/sbin/shutdown\n"
                + "Runas_Alias OP = root\nDefaults:hermes !authenticate\nDefaults>root !set_logname\n"
                + "User_Alias ADMINS = admin, %wheel : AGENTS = hermes\n");
    assertTrue(s.rules().isEmpty(), s.toString());
    assertEquals(
        List.of("admin", "%wheel"),
        s.userAliases().get("ADMINS").stream().map(Sudoers.Item::text).toList());
    assertEquals("hermes", s.userAliases().get("AGENTS").get(0).value());
  }

  @Test
  void aContinuedLineCountsFromItsFirstLineButACommentNeverContinues() {
    Sudoers s =
        SudoersParser.parse(
            "# a comment ending in a backslash \\\nhermes \\\n   ALL=(ALL) \\\n   NOPASSWD: ALL\n");
    assertEquals(1, s.rules().size(), s.toString());
    assertEquals(2, s.rules().get(0).line());
    assertEquals(List.of("hermes"), users(s, 0));
    assertTrue(s.rules().get(0).noPasswd());
  }
}
