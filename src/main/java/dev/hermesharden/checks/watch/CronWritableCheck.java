package dev.hermesharden.checks.watch;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.checks.users.Account;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PathTrust;
import dev.hermesharden.host.SideBySide;
import dev.hermesharden.model.StepContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Kind {@code watch-cron-writable}: no system cron entry runs something another account can change.
 * Reads {@code /etc/crontab}, {@code /etc/cron.d/*} and root's crontab; every absolute path in an
 * entry's command (outside {@code /dev}) is judged by {@link PathTrust}: a path whose name or
 * content an account other than root can change means that account's code runs as the entry's user
 * — the agent's way to root. Entries that run as the service account itself are left out (nothing
 * gained), and so is the cron file's own trust: a cron file others can change is listed as such.
 *
 * <p>The files {@code run-parts} runs as root from {@link #RUN_PARTS} (by Debian's {@code
 * /etc/crontab} or anacron) are judged one by one: every name {@code run-parts} accepts ({@code
 * [A-Za-z0-9_-]+}), executable or not (an owner can make it so).
 *
 * <p>A {@code ~user/…} word is judged as the shell expands it, a {@code SHELL=} line's program for
 * every entry after it (cron runs {@code SHELL -c COMMAND}), and every directory of a {@code PATH=}
 * line for every entry after it: a program named without a path is found there ({@code PATH=
 * /home/hermes/bin:…} and {@code @daily root backup} ran the agent's {@code backup} as root while
 * this check passed).
 *
 * <p>Caveat: what a root-only script itself runs is not judged.
 */
public final class CronWritableCheck implements Check<List<CronWritableCheck.Finding>> {
  static final String CRONTAB = "/etc/crontab";
  static final String CRON_D = "/etc/cron.d";
  static final String ROOT_CRONTAB = "/var/spool/cron/crontabs/root";

  /** The directories whose scripts {@code run-parts} runs as root. */
  static final List<String> RUN_PARTS =
      List.of("/etc/cron.hourly", "/etc/cron.daily", "/etc/cron.weekly", "/etc/cron.monthly");

  /** One path in one entry, and whether only root can change it. */
  public record Finding(String file, int line, String runAs, String path, boolean rootOnly) {
    String label() {
      return file + ":" + line + " (" + runAs + ") " + path;
    }
  }

  @Override
  public List<Finding> gather(Host host, StepContext ctx) throws HostException {
    Judgements out = new Judgements();
    // a directory cron or run-parts reads, even empty: the agent's next file in it runs as root
    for (String dir : Stream.concat(Stream.of(CRON_D), RUN_PARTS.stream()).toList()) {
      if (host.lstat(dir).isPresent()) {
        out.path(dir, 0, "root", dir);
      }
    }
    List<String> files = new ArrayList<>(List.of(CRONTAB));
    for (String n : host.listDirectory(CRON_D)) {
      files.add(CRON_D + "/" + n);
    }
    for (String f : files) {
      out.path(f, 0, "root", f);
      entries(host, f, true, out);
    }
    out.path(ROOT_CRONTAB, 0, "root", ROOT_CRONTAB);
    entries(host, ROOT_CRONTAB, false, out);
    for (String dir : RUN_PARTS) {
      for (String n : host.listDirectory(dir)) {
        if (n.matches("[A-Za-z0-9_-]+")) {
          out.path(dir, 0, "root", dir + "/" + n);
        }
      }
    }
    return out.judge(host);
  }

  /** Judges a crontab's entries; more than {@link CronEntries#MAX_ENTRIES} is a finding. */
  private static void entries(Host host, String file, boolean system, Judgements out)
      throws HostException {
    List<CronEntries.Entry> entries = CronEntries.parse(read(host, file).orElse(""), system);
    if (entries.size() > CronEntries.MAX_ENTRIES) {
      // the entries after the cap could run anything: not judged, so no pass
      String more = "more than " + CronEntries.MAX_ENTRIES + " entries";
      out.unjudged(file, more);
      entries = entries.subList(0, CronEntries.MAX_ENTRIES);
    }
    for (CronEntries.Entry e : entries) {
      judge(host, file, e, out);
    }
  }

  private static void judge(Host host, String file, CronEntries.Entry e, Judgements out)
      throws HostException {
    judge(host, file, e.line(), e.runAs(), e.paths(), out);
  }

  /**
   * One finding per path named at {@code file:line} by something that runs as {@code runAs}: an
   * absolute path, or a {@code ~} one as the shell expands it.
   */
  static void judge(
      Host host, String file, int line, String runAs, List<String> paths, Judgements out)
      throws HostException {
    for (String p : paths) {
      Optional<String> path = p.startsWith("~") ? home(host, p, runAs) : Optional.of(p);
      out.named(file, line, runAs, p, path);
    }
  }

  /**
   * {@code ~user/rest} (or {@code ~/rest}: the entry's user) as the shell expands it, from the
   * account's home; empty when there is no such account (not judged: no pass).
   */
  private static Optional<String> home(Host host, String tilde, String runAs) throws HostException {
    int slash = tilde.indexOf('/');
    String user = tilde.substring(1, slash < 0 ? tilde.length() : slash);
    String rest = slash < 0 ? "" : tilde.substring(slash);
    return Account.lookup(host, user.isEmpty() ? runAs : user).map(a -> a.home() + rest);
  }

  static Optional<String> read(Host host, String path) throws HostException {
    try {
      return host.readFile(path);
    } catch (HostException ex) {
      if (ex.kind() == HostException.Kind.UNSAFE || ex.kind() == HostException.Kind.TOO_LARGE) {
        return Optional.empty(); // its own Finding (rootOnly false) reports it
      }
      throw ex;
    }
  }

  /**
   * Asks for {@code files} ahead of a check that asks for them one after another: their {@code
   * lstat}s in one batch ({@link Host#lstatAll}, one command over SSH), then the texts of those
   * that exist side by side. The run's host ({@code CachingHost}) keeps every answer, failures too,
   * and gives it again when the check asks in turn, so nothing is judged here.
   */
  static void readAhead(Host host, List<String> files) {
    if (!host.overNetwork()) {
      return; // each question is answered here at once: asking ahead would only ask twice
    }
    try {
      List<Optional<FileStat>> st = host.lstatAll(files);
      List<String> present = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        if (st.get(i).map(FileStat::isRegularFile).orElse(false)) {
          present.add(files.get(i));
        }
      }
      SideBySide.map(present, f -> read(host, f));
    } catch (HostException e) {
      // met again, in its place, when the check asks for that file
    }
  }

  static boolean rootOnly(Host host, String path) throws HostException {
    return PathTrust.contentRootOnly(host, path);
  }

  @Override
  public Verdict evaluate(List<Finding> facts, Params params, StepContext ctx) {
    return verdict(facts, ctx, "reason.watch.cron-ok", "reason.watch.cron-writable");
  }

  /**
   * PASS when only root can change every path found, but those run as the service account itself
   * (nothing gained); else FAIL naming each.
   */
  static Verdict verdict(List<Finding> facts, StepContext ctx, String ok, String writable) {
    String service = ctx.answers().serviceUser();
    List<Finding> bad =
        facts.stream().filter(f -> !f.rootOnly() && !f.runAs().equals(service)).toList();
    if (bad.isEmpty()) {
      return Verdict.pass(ok, facts.size());
    }
    Verdict v = Verdict.fail(writable, bad.size(), bad.get(0).label());
    for (Finding f : bad) {
      v = v.with(f.file() + ":" + f.line() + " " + f.path(), f.runAs());
    }
    return v;
  }
}
