package dev.hermesharden.practice;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.SshAuthOffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The practice VPS: a fresh Ubuntu 24.04 cloud server running Hermes in Docker, with every hole a
 * new VPS has. It answers the same commands as a real server in the real output formats, so every
 * check and fix runs unchanged against it. Nothing on the real machine is touched.
 */
public final class SimulatedHost implements Host {
  private final SimFs fs;
  private final List<SimComponent> components;

  private SimulatedHost(SimFs fs, List<SimComponent> components) {
    this.fs = fs;
    this.components = components;
  }

  /** A freshly provisioned practice VPS. */
  public static SimulatedHost fresh() {
    SimFs fs = new SimFs();
    List<SimComponent> parts = standardComponents();
    parts.forEach(p -> p.seed(fs));
    return new SimulatedHost(fs, parts);
  }

  /** A practice VPS in a saved state (see {@link PracticeStore}). */
  public static SimulatedHost of(SimFs fs) {
    return new SimulatedHost(fs, standardComponents());
  }

  private static List<SimComponent> standardComponents() {
    // Specific components first: they may claim commands (e.g. `systemctl reload ssh`) before
    // the generic core answers them.
    return List.of(
        new SimUsers(),
        new SimSsh(),
        new SimTailscale(),
        new SimUfw(),
        new SimFail2ban(),
        new SimDocker(),
        new SimHermes(),
        new SimApt(),
        new SimRevert(),
        new SimBackups(),
        new SimPackages(),
        new SimRootHooks(),
        new SimCore());
  }

  public SimFs fs() {
    return fs;
  }

  /**
   * Input is read only by the simulated {@code ssh -F /dev/stdin} (the fail2ban probe's user name,
   * as the real ssh reads its configuration there); any other command refuses it, as a host that
   * cannot feed input does.
   */
  @Override
  public synchronized ExecResult exec(
      List<String> argv, Duration timeout, byte[] stdin, int outputLimit) throws HostException {
    int f = argv.indexOf("-F");
    if (stdin.length == 0
        || !argv.get(0).equals("ssh")
        || f < 0
        || f + 1 >= argv.size()
        || !argv.get(f + 1).equals("/dev/stdin")) {
      return Host.super.exec(argv, timeout, stdin, outputLimit);
    }
    String user = "";
    for (String line : new String(stdin, java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
      String[] kv = line.strip().split("\\s+", 2);
      if (kv.length == 2 && kv[0].equalsIgnoreCase("User")) {
        user = kv[1];
      }
    }
    List<String> plain = new java.util.ArrayList<>(argv);
    plain.subList(f, f + 2).clear();
    if (!user.isEmpty() && plain.size() >= 2) {
      plain.set(plain.size() - 2, user + "@" + plain.get(plain.size() - 2));
    }
    ExecResult r = exec(plain, timeout);
    return new ExecResult(argv, r.exitCode(), r.stdout(), r.stderr());
  }

  @Override
  public synchronized ExecResult exec(List<String> argv, Duration timeout) throws HostException {
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("empty argv");
    }
    if (argv.get(0).equals("setpriv") && argv.contains("--")) {
      // an account's own rights: the practice VPS has no hostile accounts, so the command runs as
      // is
      List<String> inner = argv.subList(argv.indexOf("--") + 1, argv.size());
      ExecResult r = exec(inner, timeout);
      return new ExecResult(argv, r.exitCode(), r.stdout(), r.stderr());
    }
    int action = Math.max(argv.indexOf("-exec"), argv.indexOf("-execdir"));
    if (argv.get(0).equals("find") && action > 0) {
      return findExec(argv, action, timeout);
    }
    for (SimComponent c : components) {
      Optional<ExecResult> r = c.handle(argv, fs);
      if (r.isPresent()) {
        return r.get();
      }
    }
    return new ExecResult(argv, 127, "", argv.get(0) + ": command not found\n");
  }

  /** {@code find … -exec[dir] CMD… {} +}: the matches, then CMD on all of them at once. */
  private ExecResult findExec(List<String> argv, int action, Duration timeout)
      throws HostException {
    List<String> find = new java.util.ArrayList<>(argv.subList(0, action));
    find.add("-print0");
    ExecResult found = exec(find, timeout);
    List<String> cmd = new java.util.ArrayList<>();
    for (String a : argv.subList(action + 1, argv.size())) {
      if (a.equals("+") || a.equals(";")) {
        break;
      }
      if (a.equals("{}")) {
        for (String p : found.stdout().split("\0")) {
          if (!p.isEmpty()) {
            cmd.add(p); // -execdir would pass ./NAME from inside the directory: the same file
          }
        }
      } else {
        cmd.add(a);
      }
    }
    boolean matched = !found.stdout().isEmpty();
    ExecResult r = matched ? exec(cmd, timeout) : new ExecResult(cmd, 0, "", "");
    return new ExecResult(
        argv, found.exitCode() == 0 ? (r.ok() ? 0 : 1) : found.exitCode(), "", r.stderr());
  }

  @Override
  public synchronized Optional<String> readFile(String path) {
    return fs.read(path);
  }

  @Override
  public synchronized void writeFile(String path, String content, FileAttrs attrs)
      throws HostException {
    if (fs.get(path).map(SimFile::directory).orElse(false)) {
      throw new HostException(HostException.Kind.IO, path + " is a directory");
    }
    if (!fs.exists(SimFs.parent(SimFs.normalize(path)))) {
      throw new HostException(HostException.Kind.NOT_FOUND, "no directory for " + path);
    }
    SimFile old = fs.get(path).orElse(SimFile.file("", "root", "root", 0644));
    SimFile f = old.withContent(content).withOwner(attrs.owner(), attrs.group());
    if (attrs.mode() >= 0) {
      f = f.withMode(attrs.mode());
    }
    fs.put(path, f);
  }

  @Override
  public synchronized void deleteFile(String path) {
    fs.delete(path);
  }

  @Override
  public synchronized List<String> listDirectory(String path) {
    return fs.list(path);
  }

  @Override
  public synchronized SshAuthOffer sshAuthOffer(String address, int port, String user)
      throws HostException {
    return SimSsh.offer(fs, address, port, user);
  }

  @Override
  public boolean simulated() {
    return true;
  }

  @Override
  public String name() {
    return fs.read("/etc/hostname").map(String::strip).orElse("practice-vps");
  }
}
