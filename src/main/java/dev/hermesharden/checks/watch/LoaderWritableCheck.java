package dev.hermesharden.checks.watch;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.checks.watch.CronWritableCheck.Finding;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kind {@code watch-loader-writable}: the dynamic loader takes no library from a place another
 * account can change. Every program root starts loads what {@code /etc/ld.so.preload} names, and
 * finds its libraries in the directories {@code /etc/ld.so.conf} (and the files it includes) names,
 * once the next {@code ldconfig} (which every library package's install runs) has listed them: a
 * library the agent plants there is code in root's processes. Each such file, preload and directory
 * is judged by {@link dev.hermesharden.host.PathTrust}, as {@link CronWritableCheck} judges what
 * cron runs (ld.so(8), ldconfig(8)).
 *
 * <p>Caveat: {@code LD_LIBRARY_PATH} and RPATHs of single programs are not read.
 */
public final class LoaderWritableCheck implements Check<Optional<List<Finding>>> {
  static final String PRELOAD = "/etc/ld.so.preload";
  static final String CONF = "/etc/ld.so.conf";

  /** At most this many included files are read (nested includes too); more is a finding. */
  static final int MAX_FILES = 100;

  @Override
  public Optional<List<Finding>> gather(Host host, StepContext ctx) throws HostException {
    if (host.lstat(CONF).isEmpty() && host.lstat(PRELOAD).isEmpty()) {
      return Optional.empty();
    }
    Judgements out = new Judgements();
    if (host.lstat(PRELOAD).isPresent()) {
      file(PRELOAD, out);
      String[] lines = CronWritableCheck.read(host, PRELOAD).orElse("").split("\n");
      for (int i = 0; i < lines.length; i++) {
        for (String w : lines[i].strip().split("[\\s:]+")) {
          if (w.startsWith("/")) {
            out.path(PRELOAD, i + 1, "root", w);
          }
        }
      }
    }
    List<String> todo = new ArrayList<>(List.of(CONF));
    for (int n = 0; n < todo.size() && n < MAX_FILES; n++) {
      String conf = todo.get(n);
      if (host.lstat(conf).isEmpty()) {
        continue;
      }
      file(conf, out);
      String[] lines = CronWritableCheck.read(host, conf).orElse("").split("\n");
      for (int i = 0; i < lines.length; i++) {
        String l = lines[i].replaceFirst("#.*", "").strip();
        if (l.startsWith("include ") || l.startsWith("include\t")) {
          for (String pattern : l.substring("include".length()).strip().split("\\s+")) {
            todo.addAll(included(host, pattern));
          }
        } else {
          // a directory per word (ldconfig also splits on ':' ',' and tabs); =TYPE suffixes are old
          for (String w : l.split("[\\s:,]+")) {
            String dir = w.replaceFirst("=.*$", "");
            if (dir.startsWith("/")) {
              out.path(conf, i + 1, "root", dir);
            }
          }
        }
      }
    }
    if (todo.size() > MAX_FILES) {
      // the files after the cap could name anything: not read, so no pass
      out.unjudged(CONF, "more than " + MAX_FILES + " files");
    }
    return Optional.of(out.judge(host));
  }

  /** The files an {@code include} names: a path, or a directory's names matching {@code *}. */
  private static List<String> included(Host host, String pattern) throws HostException {
    if (!pattern.startsWith("/")) {
      return List.of(); // relative to ldconfig's working directory: nothing we can name
    }
    int slash = pattern.lastIndexOf('/');
    String dir = slash == 0 ? "/" : pattern.substring(0, slash);
    String name = pattern.substring(slash + 1);
    if (!name.contains("*")) {
      return List.of(pattern);
    }
    String regex = java.util.regex.Pattern.quote(name).replace("*", "\\E.*\\Q");
    List<String> out = new ArrayList<>();
    for (String n : host.listDirectory(dir)) {
      if (n.matches(regex)) {
        out.add(dir + "/" + n);
      }
    }
    return out;
  }

  private static void file(String path, Judgements out) {
    out.path(path, 0, "root", path);
  }

  @Override
  public Verdict evaluate(Optional<List<Finding>> facts, Params params, StepContext ctx) {
    if (facts.isEmpty()) {
      return Verdict.notApplicable("reason.watch.no-loader-conf", CONF);
    }
    return CronWritableCheck.verdict(
        facts.get(), ctx, "reason.watch.loader-ok", "reason.watch.loader-writable");
  }
}
