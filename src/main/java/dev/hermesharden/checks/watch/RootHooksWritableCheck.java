package dev.hermesharden.checks.watch;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.checks.users.Account;
import dev.hermesharden.checks.watch.CronWritableCheck.Finding;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PasswdEntry;
import dev.hermesharden.model.StepContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kind {@code watch-root-hooks-writable}: the scripts root runs by the way, from places no other
 * watch check reads, are root's. Seven kinds, each judged where it exists:
 *
 * <ul>
 *   <li>{@code motd}: {@code /etc/update-motd.d}, whose scripts pam_motd runs as root ({@code
 *       run-parts}) at every SSH login on Ubuntu: the directory, each file, and the paths each
 *       script names (its {@code #!} line too);
 *   <li>{@code apt}: {@code /etc/apt/apt.conf} and {@code /etc/apt/apt.conf.d/*}, whose hooks
 *       ({@link AptHooks}) apt and the daily unattended-upgrades run as root with {@code sh -c},
 *       and {@code /etc/needrestart} (Perl configuration and hook programs its apt hook runs);
 *   <li>{@code logrotate}: {@code /etc/logrotate.conf}, {@code /etc/logrotate.d/*} and what they
 *       {@code include}, whose {@code prerotate}/{@code postrotate}/{@code firstaction}/{@code
 *       lastaction}/{@code preremove} scripts the daily logrotate runs as root;
 *   <li>{@code shell}: root's shell start files ({@code /etc/environment}, {@code /etc/profile},
 *       {@code /etc/profile.d/*}, {@code /etc/bash.bashrc}, {@code ~root/.profile}, {@code
 *       .bash_profile}, {@code .bash_login}, {@code .bashrc}), which the admin's {@code sudo -i}
 *       runs as root, and root's login shell itself;
 *   <li>{@code pam}: {@code /etc/pam.d/*}, each file and every absolute path a line names (a {@code
 *       pam_exec.so} program runs as root at a login or {@code sudo}; a module given by path is
 *       loaded into sshd and sudo);
 *   <li>{@code packages}: {@link #PACKAGE_HOOKS} (dpkg's invoke commands, kernel and initramfs
 *       hooks);
 *   <li>{@code events}: {@link #EVENT_HOOKS} and root's {@code ~/.ssh/rc} (boot, udev, network and
 *       SSH login hooks).
 * </ul>
 *
 * <p>Every file and directory, and every absolute or {@code ~} path a command or script line names
 * ({@code :}-separated lists split, so each {@code PATH} directory counts), is judged by {@link
 * dev.hermesharden.host.PathTrust} with {@link CronWritableCheck}'s judgement and verdict. At most
 * {@link #MAX_FILES} files are read; more is a finding, not a pass.
 *
 * <p>Caveat: a command found through {@code PATH}, a variable's value, and what a root-only script
 * itself runs are not judged.
 */
public final class RootHooksWritableCheck
    implements Check<Optional<List<RootHooksWritableCheck.Hook>>> {
  static final String MOTD = "/etc/update-motd.d";
  static final String APT_CONF = "/etc/apt/apt.conf";
  static final String APT_D = "/etc/apt/apt.conf.d";
  static final String LOGROTATE = "/etc/logrotate.conf";
  static final String LOGROTATE_D = "/etc/logrotate.d";
  static final String PROFILE_D = "/etc/profile.d";
  static final String PAM_D = "/etc/pam.d";
  static final String NEEDRESTART = "/etc/needrestart";

  /**
   * Package hooks besides apt's own: dpkg's configuration (its {@code pre-invoke=}/{@code
   * post-invoke=} commands run as root around every dpkg run), the kernel packages' {@code
   * run-parts} directories and initramfs-tools' hooks (run as root on every kernel install, which
   * unattended-upgrades does by itself). Each: a file, or a directory whose files (and those of its
   * subdirectories, one level) are scripts.
   */
  static final List<String> PACKAGE_HOOKS =
      List.of(
          "/etc/dpkg/dpkg.cfg",
          "/etc/dpkg/dpkg.cfg.d",
          "/etc/kernel/preinst.d",
          "/etc/kernel/postinst.d",
          "/etc/kernel/prerm.d",
          "/etc/kernel/postrm.d",
          "/etc/kernel/install.d",
          "/etc/initramfs-tools/hooks",
          "/etc/initramfs-tools/scripts");

  /**
   * What root runs at boot, when a device or a network comes up, or at an SSH login: {@code
   * rc.local} (systemd's rc-local generator), systemd generators, udev rules ({@code RUN}, {@code
   * PROGRAM}, {@code IMPORT{program}}), ifupdown's {@code interfaces} commands and {@code if-*.d},
   * dhclient's hooks, NetworkManager's and networkd-dispatcher's scripts, and sshd's {@code
   * /etc/ssh/sshrc} (run by {@code sh} as every account that logs in, the admin included). Root's
   * own {@code ~/.ssh/rc} is added from root's home.
   */
  static final List<String> EVENT_HOOKS =
      List.of(
          "/etc/rc.local",
          "/etc/systemd/system-generators",
          "/usr/local/lib/systemd/system-generators",
          "/etc/systemd/system-environment-generators",
          "/etc/udev/rules.d",
          "/etc/network/interfaces",
          "/etc/network/interfaces.d",
          "/etc/network/if-pre-up.d",
          "/etc/network/if-up.d",
          "/etc/network/if-down.d",
          "/etc/network/if-post-down.d",
          "/etc/dhcp/dhclient.conf",
          "/etc/dhcp/dhclient-enter-hooks.d",
          "/etc/dhcp/dhclient-exit-hooks.d",
          "/etc/NetworkManager/dispatcher.d",
          "/etc/networkd-dispatcher",
          "/etc/ssh/sshrc");

  static final List<String> SHELL_FILES =
      List.of(
          "/etc/environment",
          "/etc/profile",
          "/etc/bash.bashrc",
          "~root/.profile",
          "~root/.bash_profile",
          "~root/.bash_login",
          "~root/.bashrc");

  /** At most this many files are read in all; more is a finding. */
  static final int MAX_FILES = 500;

  private static final List<String> SCRIPTS =
      List.of("prerotate", "postrotate", "firstaction", "lastaction", "preremove");

  /** The kinds of hook, each with its own failure reason. */
  enum Kind {
    MOTD,
    APT,
    PACKAGES,
    LOGROTATE,
    SHELL,
    PAM,
    EVENTS
  }

  /** One judged path, and which kind of hook named it. */
  public record Hook(Kind kind, Finding finding) {}

  @Override
  public Optional<List<Hook>> gather(Host host, StepContext ctx) throws HostException {
    Gathering g = new Gathering(host);
    if (exists(host, MOTD)) {
      g.dir(Kind.MOTD, MOTD);
      for (String f : g.readAhead(MOTD)) {
        g.script(Kind.MOTD, MOTD, f, true);
      }
    }
    if (exists(host, APT_D) || exists(host, APT_CONF)) {
      List<String> files = new ArrayList<>();
      if (exists(host, APT_CONF)) {
        files.add(APT_CONF);
      }
      if (exists(host, APT_D)) {
        g.dir(Kind.APT, APT_D);
        files.addAll(g.readAhead(APT_D));
      }
      for (int n = 0; n < files.size(); n++) {
        String f = files.get(n);
        if (g.file(Kind.APT, APT_D, f)) {
          String text = g.text(f);
          for (AptHooks.Command c : AptHooks.parse(text)) {
            g.paths(Kind.APT, f, c.line(), c.command());
          }
          AptHooks.includes(text).stream().filter(i -> !files.contains(i)).forEach(files::add);
        }
      }
    }
    if (exists(host, NEEDRESTART)) {
      needrestart(host, g);
    }
    if (exists(host, LOGROTATE) || exists(host, LOGROTATE_D)) {
      logrotate(host, g);
    }
    g.readAhead(PACKAGE_HOOKS);
    g.readAhead(EVENT_HOOKS);
    for (String p : PACKAGE_HOOKS) {
      g.hooks(Kind.PACKAGES, p, 1);
    }
    for (String p : EVENT_HOOKS) {
      g.hooks(Kind.EVENTS, p, 1);
    }
    g.hooks(Kind.EVENTS, g.rootHome() + "/.ssh/rc", 0);
    g.rootShell();
    List<String> shellFiles = new ArrayList<>();
    for (String f : SHELL_FILES) {
      shellFiles.add(f.startsWith("~root") ? g.rootHome() + f.substring(5) : f);
    }
    g.readAhead(shellFiles);
    for (String path : shellFiles) {
      if (exists(host, path)) {
        g.script(Kind.SHELL, path, path, false);
      }
    }
    if (exists(host, PROFILE_D)) {
      g.dir(Kind.SHELL, PROFILE_D);
      for (String f : g.readAhead(PROFILE_D)) {
        g.script(Kind.SHELL, PROFILE_D, f, false);
      }
    }
    if (exists(host, PAM_D)) {
      g.dir(Kind.PAM, PAM_D);
      for (String f : g.readAhead(PAM_D)) {
        g.script(Kind.PAM, PAM_D, f, false);
      }
    }
    return g.kinds.isEmpty() ? Optional.empty() : Optional.of(g.judge());
  }

  /**
   * needrestart, which Ubuntu's apt hook ({@code 99needrestart}) runs as root after every install:
   * its configuration is Perl it evaluates ({@code needrestart.conf}, {@code conf.d/*.conf}) and
   * its {@code hook.d}/{@code restart.d} hold programs it runs. Each file's and directory's own
   * trust is judged, not what the Perl names.
   */
  private static void needrestart(Host host, Gathering g) throws HostException {
    g.dir(Kind.APT, NEEDRESTART);
    for (String n : host.listDirectory(NEEDRESTART)) {
      String p = NEEDRESTART + "/" + n;
      if (host.lstat(p).map(st -> st.isDirectory()).orElse(false)) {
        g.dir(Kind.APT, p);
        for (String m : host.listDirectory(p)) {
          g.file(Kind.APT, NEEDRESTART, p + "/" + m);
        }
      } else {
        g.file(Kind.APT, NEEDRESTART, p);
      }
    }
  }

  /** logrotate.conf, then logrotate.d and every file or directory an {@code include} names. */
  private static void logrotate(Host host, Gathering g) throws HostException {
    List<String> todo = new ArrayList<>();
    if (exists(host, LOGROTATE)) {
      todo.add(LOGROTATE);
    }
    if (exists(host, LOGROTATE_D)) {
      g.dir(Kind.LOGROTATE, LOGROTATE_D);
      todo.addAll(g.readAhead(LOGROTATE_D));
    }
    for (int n = 0; n < todo.size(); n++) {
      String f = todo.get(n);
      if (!g.file(Kind.LOGROTATE, LOGROTATE_D, f)) {
        continue;
      }
      String[] lines = g.text(f).split("\n");
      boolean script = false;
      for (int i = 0; i < lines.length; i++) {
        String l = lines[i].strip();
        String first = l.split("\\s+", 2)[0];
        if (script) {
          script = !first.equals("endscript");
          if (script && !l.startsWith("#")) {
            g.paths(Kind.LOGROTATE, f, i + 1, l);
          }
        } else if (SCRIPTS.contains(first)) {
          script = true;
        } else if (first.equals("include") && l.length() > first.length()) {
          String inc = l.substring(first.length()).strip();
          if (inc.startsWith("/") && !todo.contains(inc)) {
            if (host.lstat(inc).map(s -> s.isDirectory()).orElse(false)) {
              g.dir(Kind.LOGROTATE, inc);
              for (String name : host.listDirectory(inc)) {
                todo.add(inc + "/" + name);
              }
            } else {
              todo.add(inc);
            }
          }
        }
      }
    }
  }

  private static boolean exists(Host host, String path) throws HostException {
    return host.lstat(path).isPresent();
  }

  /** What has been found so far, and how many files were read. */
  private static final class Gathering {
    final Host host;
    private final Judgements found = new Judgements();
    private final List<Kind> kinds = new ArrayList<>();
    private int files;
    private boolean capped;
    private String rootHome;

    Gathering(Host host) {
      this.host = host;
    }

    String rootHome() throws HostException {
      if (rootHome == null) {
        rootHome = root().map(PasswdEntry::home).orElse("/root");
      }
      return rootHome;
    }

    private Optional<PasswdEntry> root() throws HostException {
      return Account.lookup(host, "root");
    }

    /** Root's login shell ({@code sudo -i} and a root login start it): its path. */
    void rootShell() throws HostException {
      Optional<PasswdEntry> root = root();
      if (root.isPresent() && root.get().shell().startsWith("/")) {
        paths(Kind.SHELL, "/etc/passwd", 0, root.get().shell());
      }
    }

    void dir(Kind kind, String dir) throws HostException {
      kinds.add(kind);
      found.path(dir, 0, "root", dir);
    }

    /**
     * Judges a file itself; false when it is not to be read: the cap is reached (a finding, once,
     * naming {@code where}).
     */
    boolean file(Kind kind, String where, String file) throws HostException {
      if (++files > MAX_FILES) {
        if (!capped) {
          capped = true;
          kinds.add(kind);
          found.unjudged(where, "more than " + MAX_FILES + " files");
        }
        return false;
      }
      kinds.add(kind);
      found.path(file, 0, "root", file);
      return true;
    }

    /**
     * The files of {@code dir}, read ahead side by side ({@link CronWritableCheck#readAhead}), at
     * most as many as the cap leaves to read.
     */
    List<String> readAhead(String dir) throws HostException {
      List<String> files = new ArrayList<>();
      for (String n : host.listDirectory(dir)) {
        files.add(dir + "/" + n);
      }
      readAhead(files);
      return files;
    }

    /** Reads {@code files} ahead side by side, at most as many as the cap leaves to read. */
    void readAhead(List<String> files) {
      int left = Math.max(0, MAX_FILES - this.files);
      CronWritableCheck.readAhead(host, files.subList(0, Math.min(left, files.size())));
    }

    /**
     * A hook file ({@link #script}, a {@code #!} line counting), or a directory: itself and its
     * entries, subdirectories down to {@code depth} more levels (one more is judged as a directory,
     * not read). Nothing when the path does not exist.
     */
    void hooks(Kind kind, String path, int depth) throws HostException {
      Optional<dev.hermesharden.host.FileStat> st = host.lstat(path);
      if (st.isEmpty()) {
        return;
      }
      if (!st.get().isDirectory()) {
        script(kind, path, path, true);
        return;
      }
      dir(kind, path);
      for (String p : readAhead(path)) {
        if (depth > 0 || !host.lstat(p).map(s -> s.isDirectory()).orElse(false)) {
          hooks(kind, p, depth - 1);
        } else {
          dir(kind, p);
        }
      }
    }

    /** A file's text; nothing for a directory (an include may name one) or a missing file. */
    String text(String file) throws HostException {
      if (host.lstat(file).map(st -> st.isDirectory()).orElse(true)) {
        return "";
      }
      return CronWritableCheck.read(host, file).orElse("");
    }

    /** A shell script: the file, and the paths of each line (a {@code #!} line's too). */
    void script(Kind kind, String where, String file, boolean program) throws HostException {
      if (!file(kind, where, file)) {
        return;
      }
      String[] lines = text(file).split("\n");
      for (int i = 0; i < lines.length; i++) {
        String l = lines[i].strip();
        if (program && i == 0 && l.startsWith("#!")) {
          paths(kind, file, 1, l.substring(2));
        } else if (!l.startsWith("#")) {
          paths(kind, file, i + 1, l);
        }
      }
    }

    /** The absolute and {@code ~} paths of a shell command line, each list split at {@code :}. */
    void paths(Kind kind, String file, int line, String command) throws HostException {
      int before = found.size();
      CronWritableCheck.judge(
          host, file, line, "root", CronEntries.paths(command.replace(':', ' ')), found);
      for (int i = before; i < found.size(); i++) {
        kinds.add(kind);
      }
    }

    /** Every hook found, its path judged (side by side with the others). */
    List<Hook> judge() throws HostException {
      List<Finding> judged = found.judge(host);
      List<Hook> out = new ArrayList<>();
      for (int i = 0; i < judged.size(); i++) {
        out.add(new Hook(kinds.get(i), judged.get(i)));
      }
      return out;
    }
  }

  @Override
  public Verdict evaluate(Optional<List<Hook>> facts, Params params, StepContext ctx) {
    if (facts.isEmpty()) {
      return Verdict.notApplicable("reason.watch.no-root-hooks", MOTD);
    }
    Kind kind =
        facts.get().stream()
            .filter(h -> !h.finding().rootOnly())
            .map(Hook::kind)
            .findFirst()
            .orElse(Kind.SHELL);
    return CronWritableCheck.verdict(
        facts.get().stream().map(Hook::finding).toList(),
        ctx,
        "reason.watch.hooks-ok",
        "reason.watch.hooks-writable." + kind.name().toLowerCase(java.util.Locale.ROOT));
  }
}
