package dev.hermesharden.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellQuotingTest {
  @Test
  void plainWordsStayAndAnEmptyArgumentIsVisible() {
    assertEquals(
        "adduser --disabled-password --gecos '' hermes",
        ShellQuoting.join(List.of("adduser", "--disabled-password", "--gecos", "", "hermes")));
  }

  @Test
  void spacesQuotesAndShellCharactersAreQuoted() {
    assertEquals("'a b'", ShellQuoting.quote("a b"));
    assertEquals("'it'\\''s'", ShellQuoting.quote("it's"));
    assertEquals("'$(rm -rf /)'", ShellQuoting.quote("$(rm -rf /)"));
    assertEquals("'*.conf'", ShellQuoting.quote("*.conf"));
    assertEquals("$'--printf=%U\\t%G\\n'", ShellQuoting.quote("--printf=%U\t%G\n"));
    assertEquals("$'a\\'b\\\\c\\x01'", ShellQuoting.quote("a'b\\c\u0001"));
  }

  @Test
  void typicalArgvNeedNoQuotes() {
    assertEquals(
        "ufw allow in on tailscale0 to any port 22 proto tcp",
        ShellQuoting.join(
            List.of(
                "ufw",
                "allow",
                "in",
                "on",
                "tailscale0",
                "to",
                "any",
                "port",
                "22",
                "proto",
                "tcp")));
    assertEquals(
        "apt-get -y -o Dpkg::Options::=--force-confold install fail2ban",
        ShellQuoting.join(
            List.of(
                "apt-get", "-y", "-o", "Dpkg::Options::=--force-confold", "install", "fail2ban")));
  }

  @Test
  void textFromAHostShowsItsControlCharactersAndNothingElseChanges() {
    assertEquals("manual", ShellQuoting.visible("manual"));
    assertEquals("key\tvalue", ShellQuoting.visible("key\tvalue"), "a tab is no control to fear");
    assertEquals("a\tb\\n", ShellQuoting.visible("a\tb\n"));
    assertEquals("it's a \\path, ünïcode · ✔", ShellQuoting.visible("it's a \\path, ünïcode · ✔"));
    // an escape sequence, a carriage return and a line of its own cannot reach a terminal whole
    assertEquals(
        "\\x1b]0;owned\\x07\\r\\x1b[2K  pass\\n  pass    approvals.mode",
        ShellQuoting.visible("\u001b]0;owned\u0007\r\u001b[2K  pass\n  pass    approvals.mode"));
    // C1's CSI and DEL; the marks that reorder a line on the screen
    assertEquals("a\\u009b31mb\\x7f", ShellQuoting.visible("a\u009b31mb\u007f"));
    assertEquals(
        "LIAF\\u202e \\u2066x\\u2069 \\u200f",
        ShellQuoting.visible("LIAF\u202e \u2066x\u2069 \u200f"));
  }

  @Test
  void aWordForAScriptKeepsItsBytesAndAShownCommandShowsEveryControl() {
    assertEquals("$'a\\x1b[31mb'", ShellQuoting.quote("a\u001b[31mb"));
    assertEquals("$'it\\'s\\\\\\n'", ShellQuoting.quote("it's\\\n"));
    // in a script: \\u would depend on the locale and \\x9b is not U+009B's UTF-8: as it is
    assertEquals("'\u202egnp.exe\u009b'", ShellQuoting.quote("\u202egnp.exe\u009b"));
    // shown: written out, and the same as bash reads it back in a UTF-8 locale
    assertEquals(
        "ls $'\\u202egnp.exe\\u009b' $'a\\tb'",
        ShellQuoting.join(List.of("ls", "\u202egnp.exe\u009b", "a\tb")));
  }
}
