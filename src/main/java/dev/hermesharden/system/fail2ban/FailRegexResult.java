package dev.hermesharden.system.fail2ban;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The summary of {@code fail2ban-regex --print-all-matched LOG FILTER}: the {@code Lines:} counts
 * and the lines listed under {@code |- Matched line(s):}.
 */
public record FailRegexResult(
    int lines, int ignored, int matched, int missed, List<String> matchedLines) {
  private static final Pattern SUMMARY =
      Pattern.compile(
          "^Lines: (\\d+) lines, (\\d+) ignored, (\\d+) matched, (\\d+) missed", Pattern.MULTILINE);

  public FailRegexResult {
    matchedLines = List.copyOf(matchedLines);
  }

  /**
   * @throws IllegalArgumentException when there is no {@code Lines:} summary (the tool failed)
   */
  public static FailRegexResult parse(String text) {
    Matcher m = SUMMARY.matcher(text);
    if (!m.find()) {
      throw new IllegalArgumentException("no fail2ban-regex summary");
    }
    List<String> matched = new ArrayList<>();
    boolean inMatched = false;
    for (String line : text.split("\n")) {
      if (line.startsWith("|- Matched line(s):")) {
        inMatched = true;
      } else if (inMatched && line.startsWith("|  ")) {
        matched.add(line.substring(3).strip());
      } else if (inMatched) {
        inMatched = false; // "`-" closes the block
      }
    }
    return new FailRegexResult(
        Integer.parseInt(m.group(1)),
        Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)),
        Integer.parseInt(m.group(4)),
        matched);
  }
}
