package dev.hermesharden.checks.watch;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.checks.watch.CronWritableCheck.Finding;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Kind {@code watch-units-writable}: no systemd service the admin or a program installed runs
 * something another account can change — the same question {@link CronWritableCheck} asks of cron,
 * asked of {@code systemd}, which starts services as root unless they name a {@code User=}. The
 * services are those with a unit file or drop-in in the directories systemd reads before the
 * packages' own ({@link #LOCAL}); each such file is judged, and every path its command lines run
 * (and its environment files, for a service that runs as root), by {@link
 * dev.hermesharden.host.PathTrust}. A unit linked to {@code /dev/null} (masked) runs nothing.
 *
 * <p>Caveat: units of packages without a drop-in are not read (their files are root's, under {@code
 * /usr/lib}); what a root-only program itself runs is not judged.
 */
public final class UnitsWritableCheck implements Check<Optional<List<Finding>>> {
  /** What {@code sd_booted()} tests: systemd runs this machine. */
  static final String BOOTED = "/run/systemd/system";

  /** Where units of the admin and of programs installed by hand live, in systemd's order. */
  static final List<String> LOCAL =
      List.of("/etc/systemd/system", "/run/systemd/system", "/usr/local/lib/systemd/system");

  /** Where the packages' units live: read only for a service a local drop-in changes. */
  static final List<String> PACKAGES = List.of("/usr/lib/systemd/system", "/lib/systemd/system");

  /** At most this many services are judged; more is a finding. */
  static final int MAX_UNITS = 200;

  @Override
  public Optional<List<Finding>> gather(Host host, StepContext ctx) throws HostException {
    if (host.lstat(BOOTED).isEmpty()) {
      return Optional.empty();
    }
    TreeSet<String> units = new TreeSet<>();
    for (String dir : LOCAL) {
      for (String n : host.listDirectory(dir)) {
        if (n.endsWith(".service")) {
          units.add(n);
        } else if (n.endsWith(".service.d")) {
          units.add(n.substring(0, n.length() - 2));
        }
      }
    }
    Judgements out = new Judgements();
    for (String unit : units.stream().limit(MAX_UNITS).toList()) {
      unit(host, unit, out);
    }
    if (units.size() > MAX_UNITS) {
      // the services after the cap could run anything: not judged, so no pass
      out.unjudged(LOCAL.get(0), "more than " + MAX_UNITS + " services");
    }
    return Optional.of(out.judge(host));
  }

  private static void unit(Host host, String unit, Judgements out) throws HostException {
    List<ServiceUnits.Part> parts = new ArrayList<>();
    Optional<String> main = main(host, unit);
    if (main.isPresent() && masked(host, main.get())) {
      return;
    }
    if (main.isPresent()) {
      judgeFile(host, main.get(), parts, out, LOCAL.stream().anyMatch(main.get()::startsWith));
    }
    // drop-ins of every directory, by file name (a later directory's file of the same name is
    // hidden by the earlier one, as systemd does)
    TreeMap<String, String> dropIns = new TreeMap<>();
    for (String dir : LOCAL) {
      for (String n : host.listDirectory(dir + "/" + unit + ".d")) {
        if (n.endsWith(".conf")) {
          dropIns.putIfAbsent(n, dir + "/" + unit + ".d/" + n);
        }
      }
    }
    for (String path : dropIns.values()) {
      if (!masked(host, path)) {
        judgeFile(host, path, parts, out, true);
      }
    }
    for (ServiceUnits.Use u : ServiceUnits.uses(parts)) {
      out.path(u.file(), u.line(), u.runAs(), u.path());
    }
  }

  /** Reads a unit file into {@code parts}; a local one is judged itself (systemd reads it). */
  private static void judgeFile(
      Host host, String path, List<ServiceUnits.Part> parts, Judgements out, boolean local)
      throws HostException {
    if (local) {
      out.path(path, 0, "root", path);
    }
    parts.add(new ServiceUnits.Part(path, CronWritableCheck.read(host, path).orElse("")));
  }

  /** The unit's own file: the first directory that has it. */
  private static Optional<String> main(Host host, String unit) throws HostException {
    for (String dir : LOCAL) {
      if (host.lstat(dir + "/" + unit).isPresent()) {
        return Optional.of(dir + "/" + unit);
      }
    }
    for (String dir : PACKAGES) {
      if (host.lstat(dir + "/" + unit).isPresent()) {
        return Optional.of(dir + "/" + unit);
      }
    }
    return Optional.empty();
  }

  /** A link to {@code /dev/null} ({@code systemctl mask}): the unit runs nothing. */
  private static boolean masked(Host host, String path) throws HostException {
    Optional<FileStat> st = host.lstat(path);
    return st.isPresent() && st.get().isSymlink() && host.readLink(path).equals("/dev/null");
  }

  @Override
  public Verdict evaluate(Optional<List<Finding>> facts, Params params, StepContext ctx) {
    if (facts.isEmpty()) {
      return Verdict.notApplicable("reason.watch.no-systemd", BOOTED);
    }
    return CronWritableCheck.verdict(
        facts.get(), ctx, "reason.watch.units-ok", "reason.watch.units-writable");
  }
}
