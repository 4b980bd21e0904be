package dev.hermesharden.practice;

import java.util.ArrayList;
import java.util.List;

/**
 * The practice VPS's ufw rule list, kept in {@code SIM_DIR/ufw/rules} as one tab-separated line per
 * rule. Real ufw keeps iptables-format {@code user.rules}/{@code user6.rules}; the simulator only
 * needs what {@code ufw status} shows. Order: IPv4 rules, then IPv6 rules, as ufw numbers them.
 */
final class SimUfwRules {
  static final String FILE = SimFs.SIM_DIR + "/ufw/rules";

  /** One rule: {@code dport} is a port spec or "any", {@code app} an application profile or "". */
  record Rule(
      boolean v6, String action, String iface, String src, String dport, String proto, String app) {
    String line() {
      return String.join("\t", v6 ? "v6" : "v4", action, iface, src, dport, proto, app);
    }

    static Rule parse(String line) {
      String[] f = line.split("\t", -1);
      return new Rule(f[0].equals("v6"), f[1], f[2], f[3], f[4], f[5], f[6]);
    }

    /** The "To" column: port (or app name), proto, "(v6)", then the interface. */
    String to(boolean verbose) {
      String s;
      if (!app.isEmpty()) {
        s = verbose ? dport + "/" + proto + " (" + app + ")" : app;
      } else if (dport.equals("any")) {
        s = "Anywhere";
      } else {
        s = dport + (proto.equals("any") ? "" : "/" + proto);
      }
      return s + (v6 ? " (v6)" : "") + (iface.isEmpty() ? "" : " on " + iface);
    }

    String from() {
      boolean any = src.equals("0.0.0.0/0") || src.equals("::/0");
      return (any ? "Anywhere" : src) + (v6 ? " (v6)" : "");
    }
  }

  private SimUfwRules() {}

  static List<Rule> all(SimFs fs) {
    List<Rule> rules = new ArrayList<>();
    for (String line : fs.read(FILE).orElse("").split("\n")) {
      if (!line.isBlank()) {
        rules.add(Rule.parse(line));
      }
    }
    // ufw numbers the IPv4 rules first, then the IPv6 ones.
    List<Rule> ordered = new ArrayList<>(rules.stream().filter(r -> !r.v6()).toList());
    ordered.addAll(rules.stream().filter(Rule::v6).toList());
    return ordered;
  }

  static void save(SimFs fs, List<Rule> rules) {
    StringBuilder sb = new StringBuilder();
    rules.forEach(r -> sb.append(r.line()).append('\n'));
    fs.write(FILE, sb.toString());
  }
}
