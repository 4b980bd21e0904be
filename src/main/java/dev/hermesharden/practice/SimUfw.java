package dev.hermesharden.practice;

import static dev.hermesharden.practice.SimComponent.fail;
import static dev.hermesharden.practice.SimComponent.ok;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.practice.SimUfwRules.Rule;
import dev.hermesharden.system.ufw.UfwDefaultsFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * ufw 0.36 on the practice VPS: inactive with no rules, as on a new Ubuntu 24.04 VPS. Real files:
 * {@code /etc/default/ufw} (policies, IPV6) and {@code /etc/ufw/ufw.conf} (ENABLED); the rule list
 * lives in {@link SimUfwRules}. Output wording follows the real tool.
 *
 * <p>The practice image ships {@code IPV6=no} (some provider images do; stock Ubuntu says yes) so
 * that the IPv6 check has something to teach.
 */
final class SimUfw implements SimComponent {
  static final String CONF = "/etc/ufw/ufw.conf";
  private static final Map<String, String> POLICY_KEY =
      Map.of(
          "incoming", "DEFAULT_INPUT_POLICY",
          "outgoing", "DEFAULT_OUTPUT_POLICY",
          "routed", "DEFAULT_FORWARD_POLICY");
  private static final Map<String, String> TO_FILE =
      Map.of("deny", "\"DROP\"", "allow", "\"ACCEPT\"", "reject", "\"REJECT\"");

  @Override
  public void seed(SimFs fs) {
    fs.write(UfwDefaultsFile.PATH, SimUfwFiles.DEFAULT_UFW);
    fs.write(CONF, SimUfwFiles.UFW_CONF);
    fs.mkdirs(SimFs.SIM_DIR + "/ufw");
    SimServices.set(fs, "ufw.service", true, true);
  }

  @Override
  public Optional<ExecResult> handle(List<String> argv, SimFs fs) {
    if (argv.get(0).equals("iptables-save") || argv.get(0).equals("ip6tables-save")) {
      return Optional.of(ok(argv, SimIptables.save(fs, argv.get(0).startsWith("ip6"))));
    }
    if (!argv.get(0).equals("ufw")) {
      return Optional.empty();
    }
    boolean force = argv.contains("--force");
    List<String> args =
        argv.subList(1, argv.size()).stream().filter(a -> !a.equals("--force")).toList();
    if (args.isEmpty()) {
      return Optional.of(fail(argv, 1, "ERROR: not enough args\n"));
    }
    return Optional.of(
        switch (args.get(0)) {
          case "status" -> ok(argv, SimUfwStatus.render(fs, args.size() > 1 ? args.get(1) : ""));
          case "default" -> defaultPolicy(argv, args, fs);
          case "allow", "deny", "reject", "limit" -> SimUfwAdd.add(argv, args, fs);
          case "enable" -> enable(argv, force, fs);
          case "disable" -> {
            setEnabled(fs, false);
            yield ok(argv, "Firewall stopped and disabled on system startup\n");
          }
          case "reload" ->
              ok(
                  argv,
                  enabled(fs) ? "Firewall reloaded\n" : "Firewall not enabled (skipping reload)\n");
          case "delete" -> delete(argv, args, force, fs);
          default -> fail(argv, 1, "ERROR: Invalid syntax\n");
        });
  }

  static boolean enabled(SimFs fs) {
    return UfwDefaultsFile.get(fs.read(CONF).orElse(""), "ENABLED").orElse("no").equals("yes");
  }

  private static void setEnabled(SimFs fs, boolean on) {
    fs.write(CONF, UfwDefaultsFile.set(fs.read(CONF).orElse(""), "ENABLED", on ? "yes" : "no"));
  }

  private static ExecResult enable(List<String> argv, boolean force, SimFs fs) {
    if (!force) {
      return new ExecResult(
          argv,
          1,
          "Command may disrupt existing ssh connections. Proceed with operation (y|n)? Aborted\n",
          "");
    }
    setEnabled(fs, true);
    return ok(argv, "Firewall is active and enabled on system startup\n");
  }

  private static ExecResult defaultPolicy(List<String> argv, List<String> args, SimFs fs) {
    if (args.size() != 3
        || !TO_FILE.containsKey(args.get(1))
        || !POLICY_KEY.containsKey(args.get(2))) {
      return fail(argv, 1, "ERROR: Invalid syntax\n");
    }
    String text = fs.read(UfwDefaultsFile.PATH).orElse("");
    fs.write(
        UfwDefaultsFile.PATH,
        UfwDefaultsFile.set(text, POLICY_KEY.get(args.get(2)), TO_FILE.get(args.get(1))));
    return ok(
        argv,
        "Default "
            + args.get(2)
            + " policy changed to '"
            + args.get(1).toLowerCase(Locale.ROOT)
            + "'\n(be sure to update your rules accordingly)\n");
  }

  private static ExecResult delete(List<String> argv, List<String> args, boolean force, SimFs fs) {
    if (args.size() != 2 || !args.get(1).matches("\\d+")) {
      return fail(argv, 1, "ERROR: Invalid syntax\n");
    }
    List<Rule> rules = new ArrayList<>(SimUfwRules.all(fs));
    int n = Integer.parseInt(args.get(1));
    if (n < 1 || n > rules.size()) {
      return fail(argv, 1, "ERROR: Could not find rule '" + n + "'\n");
    }
    if (!force) {
      return new ExecResult(argv, 1, "Proceed with operation (y|n)? Aborted\n", "");
    }
    Rule gone = rules.remove(n - 1);
    SimUfwRules.save(fs, rules);
    return ok(argv, gone.v6() ? "Rule deleted (v6)\n" : "Rule deleted\n");
  }
}
