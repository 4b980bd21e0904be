package dev.hermesharden.practice;

import dev.hermesharden.practice.SimUfwRules.Rule;
import dev.hermesharden.system.ufw.UfwDefaultsFile;
import java.util.List;
import java.util.Map;

/** Renders {@code ufw status [verbose|numbered]} in ufw 0.36's exact layout. */
final class SimUfwStatus {
  private static final Map<String, String> FROM_FILE =
      Map.of("DROP", "deny", "ACCEPT", "allow", "REJECT", "reject");

  private SimUfwStatus() {}

  static String render(SimFs fs, String layout) {
    if (!SimUfw.enabled(fs)) {
      return "Status: inactive\n";
    }
    boolean verbose = layout.equals("verbose");
    boolean numbered = layout.equals("numbered");
    StringBuilder sb = new StringBuilder("Status: active\n");
    if (verbose) {
      String d = fs.read(UfwDefaultsFile.PATH).orElse("");
      String level = UfwDefaultsFile.get(fs.read(SimUfw.CONF).orElse(""), "LOGLEVEL").orElse("low");
      sb.append("Logging: on (").append(level).append(")\n");
      sb.append("Default: ")
          .append(policy(d, "DEFAULT_INPUT_POLICY"))
          .append(" (incoming), ")
          .append(policy(d, "DEFAULT_OUTPUT_POLICY"))
          .append(" (outgoing), disabled (routed)\n");
      sb.append("New profiles: skip\n");
    }
    List<Rule> rules = SimUfwRules.all(fs);
    if (rules.isEmpty()) {
      return sb.toString();
    }
    String indent = numbered ? "     " : "";
    sb.append('\n');
    row(sb.append(indent), "To", "Action", "From");
    row(sb.append(indent), "--", "------", "----");
    int n = 0;
    for (Rule r : rules) {
      n++;
      String action = r.action() + (verbose || numbered ? " IN" : "");
      if (numbered) {
        sb.append(n < 10 ? "[ " : "[").append(n).append("] ");
      }
      row(sb, r.to(verbose), action, r.from());
    }
    sb.append('\n');
    return sb.toString();
  }

  /**
   * One line of the rules table, as ufw's {@code "%-26s %-12s%s"}; written out rather than
   * formatted, since the practice VPS renders thousands of rules (issue 14's flat-at-size bench).
   */
  private static void row(StringBuilder sb, String to, String action, String from) {
    pad(sb, to, 26).append(' ');
    pad(sb, action, 12).append(from).append('\n');
  }

  private static StringBuilder pad(StringBuilder sb, String s, int width) {
    sb.append(s);
    for (int i = s.length(); i < width; i++) {
      sb.append(' ');
    }
    return sb;
  }

  private static String policy(String file, String key) {
    return FROM_FILE.getOrDefault(UfwDefaultsFile.get(file, key).orElse(""), "deny");
  }
}
