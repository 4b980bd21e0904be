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
}
