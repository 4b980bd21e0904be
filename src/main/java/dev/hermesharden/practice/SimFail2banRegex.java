package dev.hermesharden.practice;

import static dev.hermesharden.practice.SimComponent.ok;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.practice.SimFail2banServer.Jail;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The sshd log side of fail2ban on the practice VPS: the failed-login probe ({@code ssh …
 * hh-probe-…@127.0.0.1 true}) writes sshd's journal lines to {@code SIM_DIR/fail2ban/journal-sshd}
 * (this host logs to journald only), and {@code fail2ban-regex} reads them back — from {@code
 * systemd-journal} only. Given a path that does not exist, the real tool treats the argument as a
 * single log line, so it matches nothing; that is what the wrong backend gets here.
 */
final class SimFail2banRegex {
  static final String JOURNAL = SimFs.SIM_DIR + "/fail2ban/journal-sshd";
  private static final String JOURNAL_MATCH = "_SYSTEMD_UNIT=sshd.service + _COMM=sshd";
  private static final String BASE =
      "Nov 24 08:00:01 vps1 sshd[812]: Server listening on 0.0.0.0 port 22.\n"
          + "Nov 24 08:00:01 vps1 sshd[812]: Server listening on :: port 22.\n";

  private SimFail2banRegex() {}

  static Optional<ExecResult> probe(List<String> argv, SimFs fs) {
    String target = argv.size() >= 2 ? argv.get(argv.size() - 2) : "";
    if (!target.matches("hh-probe-[0-9a-z]+@127\\.0\\.0\\.1")) {
      return Optional.empty();
    }
    String user = target.substring(0, target.indexOf('@'));
    String journal = fs.read(JOURNAL).orElse(BASE);
    int n = journal.split("\n").length;
    String prefix =
        "Nov 24 09:" + String.format("%02d", n % 60) + ":00 vps1 sshd[" + (2000 + n) + "]: ";
    String port = String.valueOf(50000 + n);
    fs.write(
        JOURNAL,
        journal
            + prefix
            + "Invalid user "
            + user
            + " from 127.0.0.1 port "
            + port
            + "\n"
            + prefix
            + "Connection closed by invalid user "
            + user
            + " 127.0.0.1 port "
            + port
            + " [preauth]\n");
    return Optional.of(
        new ExecResult(
            argv,
            255,
            "",
            "Warning: Permanently added '127.0.0.1' (ED25519) to the list of known hosts.\r\n"
                + user
                + "@127.0.0.1: Permission denied (publickey).\r\n"));
  }

  static ExecResult regex(List<String> argv, SimFs fs) {
    List<String> ops = SimCore.operands(argv);
    String source = ops.isEmpty() ? "" : ops.get(0);
    boolean journal = source.startsWith("systemd-journal");
    List<String> lines;
    String use;
    if (journal) {
      lines = Arrays.asList(fs.read(JOURNAL).orElse(BASE).split("\n"));
      use =
          "Use         systemd journal\nUse         encoding : UTF-8\nUse    journal match : "
              + JOURNAL_MATCH
              + "\n";
    } else if (fs.read(source).isPresent()) {
      lines = Arrays.asList(fs.read(source).get().split("\n"));
      use = "Use         log file : " + source + "\nUse         encoding : UTF-8\n";
    } else {
      lines = List.of(source);
      use = "Use      single line : " + source + "\n";
    }
    List<String> matched =
        new ArrayList<>(lines.stream().filter(l -> l.contains("]: Invalid user ")).toList());
    StringBuilder out = new StringBuilder("\nRunning tests\n=============\n\n");
    out.append("Use   failregex filter file : sshd, basedir: /etc/fail2ban\n");
    out.append("Use      datepattern : {^LN-BEG} : Default Detectors\n").append(use).append("\n\n");
    out.append("Results\n=======\n\n");
    out.append("Failregex: ").append(matched.size()).append(" total\n");
    if (!matched.isEmpty()) {
      out.append("|-  #) [# of hits] regular expression\n")
          .append("|   2) [")
          .append(matched.size())
          .append(
              "] ^[Ii](?:llegal|nvalid) user <F-USER>.*?</F-USER> from <HOST>%(__on_port_opt)s\\s*$\n");
    }
    out.append("`-\n\nIgnoreregex: 0 total\n\n");
    out.append("Lines: ")
        .append(lines.size())
        .append(" lines, 0 ignored, ")
        .append(matched.size())
        .append(" matched, ")
        .append(lines.size() - matched.size())
        .append(" missed\n");
    out.append("[processed in 0.01 sec]\n\n");
    if (argv.contains("--print-all-matched") && !matched.isEmpty()) {
      out.append("|- Matched line(s):\n");
      matched.forEach(l -> out.append("|  ").append(l).append('\n'));
      out.append("`-\n\n");
    }
    return ok(argv, out.toString());
  }

  static String jailStatus(Jail jail, SimFs fs) {
    boolean journal = jail.backend().startsWith("systemd");
    long failed =
        journal
            ? fs.read(JOURNAL)
                .orElse("")
                .lines()
                .filter(l -> l.contains("]: Invalid user "))
                .count()
            : 0;
    return "Status for the jail: "
        + jail.name()
        + "\n"
        + "|- Filter\n"
        + "|  |- Currently failed:\t0\n"
        + "|  |- Total failed:\t"
        + failed
        + "\n"
        + (journal
            ? "|  `- Journal matches:\t" + JOURNAL_MATCH + "\n"
            : "|  `- File list:\t" + jail.logpath() + "\n")
        + "`- Actions\n"
        + "   |- Currently banned:\t0\n"
        + "   |- Total banned:\t0\n"
        + "   `- Banned IP list:\t\n";
  }

  static String ignoreIp(Jail jail) {
    List<String> entries =
        jail.ignoreip().isBlank() ? List.of() : List.of(jail.ignoreip().split(" "));
    if (entries.isEmpty()) {
      return "No IP address/network is ignored\n";
    }
    StringBuilder sb = new StringBuilder("These IP addresses/networks are ignored:\n");
    for (int i = 0; i < entries.size(); i++) {
      sb.append(i == entries.size() - 1 ? "`- " : "|- ")
          .append(network(entries.get(i)))
          .append('\n');
    }
    return sb.toString();
  }

  /** fail2ban prints an IPv4 network by its network address: 127.0.0.1/8 → 127.0.0.0/8. */
  static String network(String entry) {
    String[] p = entry.split("/", 2);
    String[] o = p[0].split("\\.");
    if (p.length != 2 || o.length != 4) {
      return entry;
    }
    long addr = 0;
    for (String x : o) {
      addr = (addr << 8) | Integer.parseInt(x);
    }
    int prefix = Integer.parseInt(p[1]);
    long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    long net = addr & mask;
    return (net >> 24 & 255)
        + "."
        + (net >> 16 & 255)
        + "."
        + (net >> 8 & 255)
        + "."
        + (net & 255)
        + "/"
        + prefix;
  }
}
