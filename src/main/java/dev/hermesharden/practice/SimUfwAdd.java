package dev.hermesharden.practice;

import static dev.hermesharden.practice.SimComponent.fail;
import static dev.hermesharden.practice.SimComponent.ok;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.practice.SimUfwRules.Rule;
import dev.hermesharden.system.ufw.UfwDefaultsFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ufw allow|deny|reject|limit …} on the practice VPS: the simple form ({@code 22/tcp},
 * {@code 22}, {@code OpenSSH}) and the extended form ({@code [in] [on IF] [from SRC] [to any] [port
 * P] [proto T]}). A rule from anywhere gets an IPv6 twin when {@code IPV6=yes}.
 */
final class SimUfwAdd {
  private SimUfwAdd() {}

  static ExecResult add(List<String> argv, List<String> args, SimFs fs) {
    String action = args.get(0).toUpperCase(Locale.ROOT);
    String iface = "";
    String src = "0.0.0.0/0";
    String dport = "any";
    String proto = "any";
    String app = "";
    List<String> a = args.subList(1, args.size());
    if (a.size() == 1) {
      String spec = a.get(0);
      if (spec.equals("OpenSSH")) {
        dport = "22";
        proto = "tcp";
        app = "OpenSSH";
      } else if (spec.matches("[0-9,:]+(/(tcp|udp))?")) {
        String[] p = spec.split("/");
        dport = p[0];
        proto = p.length == 2 ? p[1] : "any";
      } else {
        return fail(argv, 1, "ERROR: Could not find a profile matching '" + spec + "'\n");
      }
    } else {
      for (int i = 0; i < a.size(); i++) {
        String w = a.get(i);
        boolean hasValue = i + 1 < a.size();
        switch (w) {
          case "in" -> {}
          case "on" -> iface = hasValue ? a.get(++i) : "";
          case "from" -> src = hasValue ? anyTo(a.get(++i)) : src;
          case "to" -> i++; // destination address: the practice VPS only knows "any"
          case "port" -> dport = hasValue ? a.get(++i) : dport;
          case "proto" -> proto = hasValue ? a.get(++i) : proto;
          default -> {
            return fail(argv, 1, "ERROR: Wrong number of arguments\n");
          }
        }
      }
    }
    boolean ipv6 =
        UfwDefaultsFile.get(fs.read(UfwDefaultsFile.PATH).orElse(""), "IPV6")
            .orElse("")
            .equals("yes");
    List<Rule> wanted = new ArrayList<>();
    if (!src.contains(":")) {
      wanted.add(new Rule(false, action, iface, src, dport, proto, app));
    }
    if (ipv6 && (src.equals("0.0.0.0/0") || src.contains(":"))) {
      wanted.add(
          new Rule(true, action, iface, src.equals("0.0.0.0/0") ? "::/0" : src, dport, proto, app));
    }
    List<Rule> rules = new ArrayList<>(SimUfwRules.all(fs));
    String verb = SimUfw.enabled(fs) ? "Rule added" : "Rules updated";
    StringBuilder out = new StringBuilder();
    for (Rule r : wanted) {
      String v6 = r.v6() ? " (v6)" : "";
      if (rules.contains(r)) {
        out.append("Skipping adding existing rule").append(v6).append('\n');
      } else {
        rules.add(r);
        out.append(verb).append(v6).append('\n');
      }
    }
    SimUfwRules.save(fs, rules);
    return ok(argv, out.toString());
  }

  private static String anyTo(String s) {
    return s.equals("any") ? "0.0.0.0/0" : s;
  }
}
