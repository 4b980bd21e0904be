package dev.hermesharden.checks.fail2ban;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.checks.common.PackageInstalledCheck;
import dev.hermesharden.checks.common.UnitActiveCheck;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.fail2ban.FailRegexResult;
import dev.hermesharden.system.fail2ban.JailConfig;
import dev.hermesharden.system.sshd.SshdEffectiveConfig;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * {@code fail2ban.filter-matches}: a deliberate failed login is recognised by the sshd filter on
 * the log source the jail really reads. Gather makes one harmless failing SSH login to 127.0.0.1 as
 * a unique user that cannot exist ({@code hh-probe-<hex>}, given to ssh on standard input so that
 * no other account can read it from the process list and forge its line) — the one thing this
 * check's gather does besides reading — then runs {@code fail2ban-regex} over the jail's source:
 * the journal for {@code backend = systemd}; for a log file, the probe's own lines found at the
 * file's end, one by one (a log is never read whole: the tool's matches over a large one would not
 * fit the output a host keeps, and the probe's line comes last). A real ban cannot serve as the
 * proof: ignoreip exempts 127.0.0.1, as it should.
 */
public final class FilterMatchesCheck implements Check<FilterMatchesCheck.Facts> {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The jail's source when it reads the journal. */
  static final String JOURNAL = "systemd-journal";

  /** How much of a log file's end is searched for the probe's lines. */
  static final int TAIL_BYTES = 1024 * 1024;

  /** sshd writes two or three lines per failed login; each is tested on its own. */
  static final int MAX_PROBE_LINES = 4;

  /** How long the syslog daemon is given to write the probe's lines. */
  static final Duration LOG_WAIT = Duration.ofSeconds(3);

  private static final Duration REGEX_TIMEOUT = Duration.ofMinutes(2);

  /**
   * @param source what fail2ban-regex read: {@code systemd-journal} or a log path
   * @param result the parsed summary, or empty with the tool's complaint in {@code error}
   */
  public record Facts(
      String probeUser, String source, Optional<FailRegexResult> result, String error) {}

  /** The {@code source} of facts gathered where fail2ban is not installed. */
  static final String NOT_INSTALLED = "-";

  /** The {@code source} of facts gathered where fail2ban is installed but not running. */
  static final String NOT_RUNNING = "not-running";

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    String user = "hh-probe-" + HexFormat.of().formatHex(bytes());
    if (!PackageInstalledCheck.installed(PackageInstalledCheck.query(host, "fail2ban"))) {
      // no filter to test: do not leave a failed login in the log for nothing
      return new Facts(user, NOT_INSTALLED, Optional.empty(), "fail2ban is not installed");
    }
    if (!"active".equals(UnitActiveCheck.query(host, "fail2ban").active())) {
      // a matching filter counts nothing while no jail runs: saying PASS here would mislead
      return new Facts(user, NOT_RUNNING, Optional.empty(), "fail2ban is not running");
    }
    // expected to fail: that is the point; on the address and port sshd really listens on. The
    // user name goes in on standard input, never in argv: an account that saw it in /proc could
    // write a line the filter matches into the log before sshd's own (logger -p authpriv.info)
    String[] at = listen(host);
    host.exec(probeArgv(at[0], at[1]), Duration.ofSeconds(15), probeConfig(user), PROBE_OUTPUT);
    JailConfig cfg = JailConfig.read(host);
    String source = source(cfg);
    if (source.equals(JOURNAL)) {
      return regex(host, user, source, source);
    }
    // a log file: only its end, where the probe's lines are (a 100 MB auth.log is never read
    // whole; its matches would not fit the output a host keeps, the probe's last of all)
    List<String> lines = probeLines(host, source, user);
    if (lines.isEmpty()) {
      // sshd's failure never reached the file the jail reads: there is nothing to match
      return new Facts(user, source, Optional.of(new FailRegexResult(0, 0, 0, 0, List.of())), "");
    }
    Facts facts = null;
    for (String line : lines) {
      // a log line in place of a file: fail2ban-regex tests that one line against the filter
      facts = regex(host, user, source, line);
      if (facts.result().isEmpty() || !facts.result().get().matchedLines().isEmpty()) {
        break;
      }
    }
    return facts;
  }

  /** {@code fail2ban-regex} over {@code log}: the journal, a log file, or one log line. */
  private static Facts regex(Host host, String user, String source, String log)
      throws HostException {
    ExecResult r =
        host.exec(List.of("fail2ban-regex", "--print-all-matched", log, "sshd"), REGEX_TIMEOUT);
    if (!r.ok()) {
      return new Facts(user, source, Optional.empty(), (r.stderr() + r.stdout()).strip());
    }
    try {
      return new Facts(user, source, Optional.of(FailRegexResult.parse(r.stdout())), "");
    } catch (IllegalArgumentException e) {
      return new Facts(user, source, Optional.empty(), r.stdout().strip());
    }
  }

  /**
   * The probe's lines at the end of a log file (at most {@link #MAX_PROBE_LINES}), read with {@code
   * tail -c} (it seeks: the file's size does not matter). The syslog daemon writes a moment after
   * sshd, so an end without them is read again for up to {@link #LOG_WAIT}.
   */
  static List<String> probeLines(Host host, String path, String user) throws HostException {
    long deadline = System.nanoTime() + LOG_WAIT.toNanos();
    while (true) {
      // the form with input and a cap: asked anew each time, never answered from a run's memory
      ExecResult r =
          host.exec(
              List.of("tail", "-c", String.valueOf(TAIL_BYTES), "--", path),
              Host.DEFAULT_TIMEOUT,
              new byte[0],
              TAIL_BYTES + 1024);
      List<String> found =
          r.ok()
              ? r.stdout().lines().filter(l -> l.contains(user)).limit(MAX_PROBE_LINES).toList()
              : List.of();
      if (!found.isEmpty() || !r.ok() || System.nanoTime() > deadline) {
        return found;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return found;
      }
    }
  }

  /** Where sshd listens first ({@code sshd -T}): a wildcard address is reached on loopback. */
  static String[] listen(Host host) throws HostException {
    ExecResult t = host.exec("sshd", "-T");
    if (t.ok()) {
      List<String> all =
          new java.util.ArrayList<>(SshdEffectiveConfig.parse(t.stdout()).all("listenaddress"));
      all.sort(java.util.Comparator.comparing(la -> la.startsWith("[")));
      for (String la : all) {
        int colon = la.lastIndexOf(':');
        if (colon > 0 && la.substring(colon + 1).matches("\\d{1,5}")) {
          String addr = la.substring(0, colon).replace("[", "").replace("]", "");
          addr = addr.equals("0.0.0.0") ? "127.0.0.1" : addr.equals("::") ? "::1" : addr;
          return new String[] {addr, la.substring(colon + 1)};
        }
      }
    }
    return new String[] {"127.0.0.1", "22"};
  }

  /** What the probe prints is not read; this much of it is kept. */
  private static final int PROBE_OUTPUT = 64 * 1024;

  /**
   * One failing login to sshd at {@code address:port} as the user {@link #probeConfig} names: ssh
   * reads that configuration from its standard input ({@code -F /dev/stdin}), so no other account
   * sees the probe's user name in the process list.
   */
  public static List<String> probeArgv(String address, String port) {
    return List.of(
        "ssh",
        "-F",
        "/dev/stdin",
        "-p",
        port,
        "-o",
        "BatchMode=yes",
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "ConnectTimeout=5",
        address,
        "true");
  }

  /** The probe's ssh configuration (its standard input): only the user name. */
  public static byte[] probeConfig(String user) {
    return ("User " + user + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** The journal for a systemd backend, else the jail's log file (auth.log when unresolved). */
  public static String source(JailConfig cfg) {
    String backend = cfg.get("sshd", "backend").orElse("auto");
    if (backend.startsWith("systemd")) {
      return JOURNAL;
    }
    String log = cfg.get("sshd", "logpath").orElse("").strip().split("\\s+")[0];
    return log.isEmpty() || log.contains("%(") ? "/var/log/auth.log" : log;
  }

  @Override
  public Verdict evaluate(Facts facts, Params params, StepContext ctx) {
    if (facts.source().equals(NOT_INSTALLED)) {
      return Verdict.fail("reason.fail2ban.regex-not-installed");
    }
    if (facts.source().equals(NOT_RUNNING)) {
      return Verdict.fail("reason.fail2ban.regex-not-running");
    }
    if (facts.result().isEmpty()) {
      return Verdict.fail("reason.fail2ban.regex-failed", facts.source())
          .with("fail2ban-regex", SshdJailCheck.firstLine(facts.error()));
    }
    FailRegexResult r = facts.result().get();
    boolean seen = r.matchedLines().stream().anyMatch(l -> l.contains(facts.probeUser()));
    return (seen
            ? Verdict.pass("reason.fail2ban.filter-matched", facts.source())
            : Verdict.fail("reason.fail2ban.filter-missed", facts.source(), facts.probeUser()))
        .with("probe-user", facts.probeUser())
        .with("lines", r.lines() + " lines, " + r.matched() + " matched");
  }

  private static byte[] bytes() {
    byte[] b = new byte[4];
    RANDOM.nextBytes(b);
    return b;
  }
}
