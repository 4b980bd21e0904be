package dev.hermesharden.host;

import java.util.List;

/** Words a hostile file name, user name or value could bring into an argv. */
public final class HostileWords {
  private HostileWords() {}

  public static final List<String> ALL =
      List.of(
          "'",
          "''",
          "\"",
          "it's \"quoted\"",
          "a\nb",
          "\n",
          "trailing newline\n",
          "$(touch /tmp/hh-quoting-pwned)",
          "`touch /tmp/hh-quoting-pwned`",
          "$HOME",
          "${IFS}",
          "*",
          "/*",
          "?",
          "[a-z]",
          "~",
          "~root",
          "-n",
          "-e",
          "--",
          "--help",
          "",
          " ",
          "  two  spaces  ",
          "\t",
          "\r",
          "\u0001\u001b[31m",
          "\\",
          "\\n",
          "a\\'b",
          "!",
          "!!",
          "#comment",
          ";",
          "&&",
          "|",
          ">out",
          "<in",
          "(",
          ")",
          "{",
          "}",
          "%s%n",
          "A=b",
          "é",
          "日本語",
          "\uD83D\uDD12",
          "\u00a0",
          "x".repeat(5000));
}
