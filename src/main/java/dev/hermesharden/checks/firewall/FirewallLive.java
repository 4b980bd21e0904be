package dev.hermesharden.checks.firewall;

import dev.hermesharden.checks.Verdict;
import dev.hermesharden.system.ufw.FirewallFacts;
import dev.hermesharden.system.ufw.LiveFirewall.Attempt;
import dev.hermesharden.system.ufw.PrivatePath;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The firewall checks' shared questions to the live packet filter and how they show it. */
final class FirewallLive {
  private FirewallLive() {}

  /** Whether ufw's rules are loaded now, by {@code ufw status} or, when it failed, the filter. */
  static boolean active(FirewallFacts f) {
    return f.status().map(s -> s.active()).orElse(f.live().ufwLoaded());
  }

  /**
   * Every new connection from the internet to an SSH port (sshd's and any other SSH server's),
   * tried on the live filter.
   */
  static List<Attempt> fromInternet(FirewallFacts f, PrivatePath path) {
    List<Attempt> out = new ArrayList<>();
    for (int port : f.ssh().all()) {
      out.addAll(f.live().fromInternet(port, path));
    }
    return out;
  }

  static List<Attempt> accepted(List<Attempt> attempts) {
    return attempts.stream().filter(a -> a.accepted().isPresent()).toList();
  }

  /** Adds what the live filter said: the attempts and, for a PASS, that none was accepted. */
  static Verdict withLive(Verdict v, List<Attempt> attempts) {
    if (attempts.isEmpty()) {
      return v;
    }
    return v.with(
        "live",
        attempts.stream()
            .map(
                a ->
                    a.label()
                        + ": "
                        + a.accepted().map(o -> "ACCEPT by " + o.decidedBy()).orElse("dropped"))
            .collect(Collectors.joining("; ")));
  }

  static Verdict withStatusError(Verdict v, FirewallFacts f) {
    return f.statusError()
        .map(e -> v.with("ufw-status", e.lines().findFirst().orElse(e)))
        .orElse(v);
  }
}
