package dev.hermesharden.checks.fail2ban;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.LocalHost;
import dev.hermesharden.model.StepContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code fail2ban.filter-matches} on a jail that reads {@code /var/log/auth.log}, at 1x and on a
 * log full of other failed logins: the verdict must be the same. A host keeps {@link
 * LocalHost#OUTPUT_LIMIT} bytes of a command's output, as the real ones do; {@code fail2ban-regex}
 * over the whole file lists every match, so on a large log the probe's own line (the last) was cut
 * off and the check said FAIL where the filter works.
 */
class FilterMatchesLargeLogTest {
  private static final String JAIL = "[sshd]\nenabled = true\nbackend = auto\n";

  @Test
  void aLargeLogGivesTheVerdictOfASmallOne() throws Exception {
    LogHost small = new LogHost(100);
    LogHost large = new LogHost(60_000); // ~6 MiB of other failures before the probe
    assertEquals(Status.PASS, run(small).status());
    Verdict v = run(large);
    assertEquals(Status.PASS, v.status(), v.toString());
    assertTrue(
        large.commands.stream()
            .noneMatch(a -> a.contains(LogHost.AUTH_LOG) && a.get(0).startsWith("fail2ban")),
        "the whole log is never handed to fail2ban-regex: " + large.commands);
  }

  @Test
  void aProbeThatNeverReachedTheLogStillFails() throws Exception {
    LogHost host = new LogHost(60_000);
    host.logsProbe = false;
    Verdict v = run(host);
    assertEquals(Status.FAIL, v.status());
    assertEquals("reason.fail2ban.filter-missed", v.reason().key());
  }

  @Test
  void aFilterThatMatchesNothingFails() throws Exception {
    LogHost host = new LogHost(100);
    host.filterWorks = false;
    Verdict v = run(host);
    assertEquals(Status.FAIL, v.status());
    assertEquals("reason.fail2ban.filter-missed", v.reason().key());
  }

  private static Verdict run(Host host) throws Exception {
    StepContext ctx = StepContext.of(dev.hermesharden.model.Answers.EMPTY);
    FilterMatchesCheck c = new FilterMatchesCheck();
    return c.evaluate(c.gather(host, ctx), Params.NONE, ctx);
  }

  /**
   * A host whose sshd logs to a file (rsyslog): the probe appends sshd's two lines; {@code tail -c}
   * and {@code fail2ban-regex} behave as the real tools do (a path that is not a file is tested as
   * one log line), and output beyond the limit a host keeps is cut off.
   */
  private static final class LogHost implements Host {
    static final String AUTH_LOG = "/var/log/auth.log";
    final List<List<String>> commands = new ArrayList<>();
    final StringBuilder log = new StringBuilder();
    boolean logsProbe = true;
    boolean filterWorks = true;

    LogHost(int otherFailures) {
      for (int i = 0; i < otherFailures; i++) {
        log.append("Nov 30 03:")
            .append(String.format("%02d", i % 60))
            .append(":00 vps1 sshd[")
            .append(1000 + i)
            .append("]: Invalid user admin")
            .append(i)
            .append(" from 203.0.113.")
            .append(i % 250)
            .append(" port ")
            .append(40000 + i % 20000)
            .append('\n');
      }
    }

    /** The user name the probe's ssh read from its standard input ({@code User …}). */
    private String probeUser = "";

    @Override
    public ExecResult exec(List<String> argv, Duration timeout, byte[] stdin, int outputLimit) {
      probeUser = new String(stdin, StandardCharsets.UTF_8).replaceFirst("^User (\\S+)\n$", "$1");
      return exec(argv, timeout);
    }

    @Override
    public ExecResult exec(List<String> argv, Duration timeout) {
      commands.add(argv);
      String out =
          switch (argv.get(0)) {
            case "dpkg-query" -> "install ok installed";
            case "systemctl" -> argv.get(1).equals("is-active") ? "active\n" : "enabled\n";
            case "ssh" -> probe(argv);
            case "tail" -> tail(Integer.parseInt(argv.get(2)));
            case "fail2ban-regex" -> regex(argv.get(2));
            default -> null;
          };
      if (out == null) {
        return new ExecResult(argv, 127, "", argv.get(0) + ": not found");
      }
      byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
      if (bytes.length > LocalHost.OUTPUT_LIMIT) {
        out = new String(bytes, 0, LocalHost.OUTPUT_LIMIT, StandardCharsets.UTF_8);
      }
      return new ExecResult(argv, argv.get(0).equals("ssh") ? 255 : 0, out, "");
    }

    private String probe(List<String> argv) {
      // the probe's user name is never in its argv, only on its standard input
      assertFalse(String.join(" ", argv).contains("hh-probe"), "" + argv);
      String user = probeUser;
      if (logsProbe) {
        log.append("Nov 30 04:10:00 vps1 sshd[9999]: Invalid user ")
            .append(user)
            .append(" from 127.0.0.1 port 51234\n")
            .append("Nov 30 04:10:00 vps1 sshd[9999]: Connection closed by invalid user ")
            .append(user)
            .append(" 127.0.0.1 port 51234 [preauth]\n");
      }
      return "";
    }

    private String tail(int bytes) {
      byte[] all = log.toString().getBytes(StandardCharsets.UTF_8);
      int from = Math.max(0, all.length - bytes);
      return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    private String regex(String source) {
      List<String> lines =
          source.equals(AUTH_LOG) ? Arrays.asList(log.toString().split("\n")) : List.of(source);
      List<String> matched =
          lines.stream().filter(l -> filterWorks && l.contains("]: Invalid user ")).toList();
      StringBuilder out = new StringBuilder("\nRunning tests\n=============\n\n");
      out.append("Lines: ")
          .append(lines.size())
          .append(" lines, 0 ignored, ")
          .append(matched.size())
          .append(" matched, ")
          .append(lines.size() - matched.size())
          .append(" missed\n\n|- Matched line(s):\n");
      matched.forEach(l -> out.append("|  ").append(l).append('\n'));
      return out.append("`-\n").toString();
    }

    @Override
    public Optional<String> readFile(String path) {
      return path.equals("/etc/fail2ban/jail.local") ? Optional.of(JAIL) : Optional.empty();
    }

    @Override
    public void writeFile(String path, String content, FileAttrs attrs) {
      throw new AssertionError("a check writes nothing: " + path);
    }

    @Override
    public void deleteFile(String path) {
      throw new AssertionError("a check removes nothing: " + path);
    }

    @Override
    public List<String> listDirectory(String path) {
      return List.of();
    }

    @Override
    public boolean simulated() {
      return false;
    }

    @Override
    public String name() {
      return "log-host";
    }
  }
}
