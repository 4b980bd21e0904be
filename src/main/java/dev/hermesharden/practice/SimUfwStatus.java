package dev.hermesharden.practice;

import dev.hermesharden.practice.SimUfwRules.Rule;
import dev.hermesharden.system.ufw.UfwDefaultsFile;
import java.util.List;
import java.util.Locale;
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
    sb.append(indent).append(row("To", "Action", "From"));
    sb.append(indent).append(row("--", "------", "----"));
    int n = 0;
    for (Rule r : rules) {
      n++;
      String action = r.action() + (verbose || numbered ? " IN" : "");
      if (numbered) {
        sb.append(String.format(Locale.ROOT, "[%2d] ", n));
      }
      sb.append(row(r.to(verbose), action, r.from()));
    }
    sb.append('\n');
    return sb.toString();
  }

  private static String row(String to, String action, String from) {
    return String.format(Locale.ROOT, "%-26s %-12s%s%n", to, action, from).replace("\r", "");
  }

  private static String policy(String file, String key) {
    return FROM_FILE.getOrDefault(UfwDefaultsFile.get(file, key).orElse(""), "deny");
  }
}
