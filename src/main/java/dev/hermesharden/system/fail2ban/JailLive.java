package dev.hermesharden.system.fail2ban;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.SideBySide;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A jail as the running fail2ban server has it ({@code fail2ban-client status JAIL} and {@code get
 * JAIL …}): what it watches, whom it never bans, how it bans. The files may say otherwise until the
 * next {@code fail2ban-client reload}.
 *
 * @param status the jail's status (watched files or journal matches), empty when the server does
 *     not run it; {@code error} says why
 * @param actions the jail's ban actions with the port each bans and its ban command
 */
public record JailLive(
    String jail,
    Optional<JailStatus> status,
    String error,
    Optional<String> maxretry,
    Optional<String> findtime,
    Optional<String> bantime,
    List<String> ignoreip,
    List<Action> actions) {
  public JailLive {
    ignoreip = List.copyOf(ignoreip);
    actions = List.copyOf(actions);
  }

  /**
   * One ban action: {@code get JAIL action NAME port|actionban|chain|protocol}. {@code chain} and
   * {@code protocol} are empty for an action that has no such property (hostsdeny, ufw).
   */
  public record Action(String name, String port, String actionban, String chain, String protocol) {
    public Action(String name, String port, String actionban) {
      this(name, port, actionban, "", "");
    }
  }

  /** The properties asked of every action, in {@link Action}'s order after its name. */
  private static final List<String> ACTION_PROPERTIES =
      List.of("port", "actionban", "chain", "protocol");

  public boolean running() {
    return status.isPresent();
  }

  /** {@code journal} for a systemd-backend jail, {@code file} for one watching log files. */
  public String backendKind() {
    return status.map(s -> s.journalMatches().isPresent() ? "journal" : "file").orElse("-");
  }

  /**
   * Asks the server about {@code jail}. First whether it answers at all ({@code status}, which the
   * jail check asks too, so a run asks it once): a server that is down is not asked each of the
   * jail's questions, each a Python start of ~0.1 s.
   */
  public static JailLive gather(Host host, String jail) throws HostException {
    ExecResult server = host.exec("fail2ban-client", "status");
    ExecResult st = server.ok() ? host.exec("fail2ban-client", "status", jail) : server;
    if (!st.ok()) {
      return new JailLive(
          jail,
          Optional.empty(),
          (st.stderr() + st.stdout()).strip(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          List.of(),
          List.of());
    }
    Optional<JailStatus> status;
    try {
      status = Optional.of(JailStatus.parse(st.stdout()));
    } catch (IllegalArgumentException e) {
      return new JailLive(
          jail,
          Optional.empty(),
          e.getMessage(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          List.of(),
          List.of());
    }
    // the jail's questions do not depend on each other: asked side by side, in two rounds
    List<ExecResult> got =
        ask(
            host,
            jail,
            List.of(
                List.of("ignoreip"),
                List.of("actions"),
                List.of("maxretry"),
                List.of("findtime"),
                List.of("bantime")));
    ExecResult ign = got.get(0);
    List<String> names = got.get(1).ok() ? actionNames(got.get(1).stdout()) : List.of();
    List<List<String>> perAction = new ArrayList<>();
    for (String name : names) {
      for (String property : ACTION_PROPERTIES) {
        perAction.add(List.of("action", name, property));
      }
    }
    List<ExecResult> of = ask(host, jail, perAction);
    List<Action> actions = new ArrayList<>();
    int n = ACTION_PROPERTIES.size();
    for (int i = 0; i < names.size(); i++) {
      List<String> v = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        v.add(value(of.get(n * i + k)).orElse(""));
      }
      actions.add(new Action(names.get(i), v.get(0), v.get(1), v.get(2), v.get(3)));
    }
    return new JailLive(
        jail,
        status,
        "",
        value(got.get(2)),
        value(got.get(3)),
        value(got.get(4)),
        ign.ok() ? IgnoreIpList.parse(ign.stdout()) : List.of(),
        actions);
  }

  /** {@code fail2ban-client get JAIL WORDS…} for each question, at once. */
  private static List<ExecResult> ask(Host host, String jail, List<List<String>> questions)
      throws HostException {
    return SideBySide.map(
        questions,
        words -> {
          List<String> argv = new ArrayList<>(List.of("fail2ban-client", "get", jail));
          argv.addAll(words);
          return host.exec(argv, Host.DEFAULT_TIMEOUT);
        });
  }

  /** {@code The jail sshd has the following actions:\niptables-multiport} → the names. */
  static List<String> actionNames(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("The jail ") || l.startsWith("No actions")) {
        continue;
      }
      for (String n : l.split("[,\\s]+")) {
        if (!n.isEmpty()) {
          out.add(n);
        }
      }
    }
    return out;
  }

  private static Optional<String> value(ExecResult r) {
    return r.ok() ? Optional.of(r.stdout().strip()) : Optional.empty();
  }
}
