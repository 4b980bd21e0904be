package dev.hermesharden.sandbox;

import dev.hermesharden.host.ExecResult;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: one disposable sandbox VPS for a test class
 * ({@code @Tag("sandbox") @ExtendWith(SandboxVps.class)}), built from network and mount namespaces
 * with the real sshd, ufw, fail2ban, dockerd and docker-compose (shell helpers in {@code
 * src/test/resources/sandbox}, described in docs/sandbox-vps.md). Test methods and
 * {@code @BeforeAll} get it as a parameter.
 *
 * <p>Skips the class with one line when not root or a tool is missing, unless {@code
 * HH_SANDBOX=required}: then it fails naming what is missing. Torn down by pid and namespace name
 * after the class, and by a shutdown hook if the JVM ends first.
 *
 * <p>A test that needs a second, independent VPS (e.g. to replay one VPS's answers file on another)
 * starts it with {@link #startAnother} and closes it in {@code finally}.
 *
 * <p>Caveat: state is shared by the methods of the class; a test that changes the VPS (ufw,
 * fail2ban) changes it for the tests after it.
 */
public final class SandboxVps
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver, AutoCloseable {
  /** The workstation's address on the public link and the VPS's public and tailnet addresses. */
  public static final String WS_PUBLIC = "203.0.113.7";

  public static final String VPS_PUBLIC = "203.0.113.10";
  public static final String VPS_TAILNET = "100.64.0.10";
  static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final List<String> MASKED =
      List.of(
          "/etc/", "/home/", "/root/", "/run/", "/var/log/", "/var/lib/", "/var/backups/", "/opt/");

  /** VPS directory and where its copy lives under the state dir (see holder.sh). */
  private static final List<String[]> VPS_DIRS =
      List.of(
          new String[] {"/etc", "fs/etc"},
          new String[] {"/home", "fs/home"},
          new String[] {"/root", "fs/root"},
          new String[] {"/run", "fs/run"},
          new String[] {"/var/run", "fs/run"},
          new String[] {"/var/log", "fs/log"},
          new String[] {"/var/lib", "fs/lib"},
          new String[] {"/var/backups", "fs/backups"},
          new String[] {"/opt", "fs/opt"},
          new String[] {"/usr/local/sbin", "fs/sbin"});

  private static final String JVM = Long.toString(ProcessHandle.current().pid());
  private static final java.util.concurrent.atomic.AtomicInteger OTHERS =
      new java.util.concurrent.atomic.AtomicInteger();

  private String hostNetworkAtStart;
  private final String id;
  private Path stateDir;
  private Path resources;
  private String holder;
  private Thread hook;
  private String classpath;

  /** The extension's instance: named after the test JVM's pid. */
  public SandboxVps() {
    this(JVM);
  }

  private SandboxVps(String id) {
    this.id = id;
  }

  /**
   * Starts one more sandbox VPS, independent of the class's own (own namespaces, state dir,
   * workstation key), named {@code hhvps-<JVM pid>b<n>}. The caller tears it down with {@link
   * #close} in a {@code finally} (or try-with-resources); the JVM's shutdown hook does it too.
   * Skips or fails as the extension does when the machine cannot run a sandbox.
   */
  public static SandboxVps startAnother() throws Exception {
    SandboxVps vps = new SandboxVps(JVM + "b" + OTHERS.incrementAndGet());
    try {
      vps.up();
    } catch (Exception | Error e) {
      vps.close(); // half built: its namespaces go now, not at the JVM's end
      throw e;
    }
    return vps;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    up();
  }

  private void up() throws Exception {
    var missing = Prerequisites.missing();
    if (missing.isPresent()) {
      if ("required".equals(System.getenv("HH_SANDBOX"))) {
        throw new IllegalStateException(
            "sandbox VPS required (HH_SANDBOX=required): " + missing.get());
      }
      Assumptions.abort("sandbox VPS skipped: " + missing.get());
    }
    resources = Path.of(SandboxVps.class.getResource("/sandbox/up.sh").toURI()).getParent();
    downStaleRuns();
    stateDir = Path.of("/tmp", "hh-sandbox-" + id);
    hostNetworkAtStart = hostNetwork();
    hook = new Thread(this::down, "sandbox-vps-teardown");
    Runtime.getRuntime().addShutdownHook(hook);
    long t0 = System.nanoTime();
    ExecResult up =
        host(
            List.of(
                "bash",
                resources.resolve("up.sh").toString(),
                id,
                stateDir.toString(),
                resources.toString()),
            Duration.ofMinutes(4));
    if (!up.ok()) {
      down();
      throw new IllegalStateException(
          "sandbox VPS did not start (exit " + up.exitCode() + "):\n" + up.stdout() + up.stderr());
    }
    holder = Files.readString(stateDir.resolve("holder.pid")).strip();
    classpath = vpsClasspath();
    writeWrapper();
    System.out.printf(
        "sandbox VPS hhvps-%s up in %d ms%n", id, (System.nanoTime() - t0) / 1_000_000);
  }

  /**
   * Tears down what a JVM killed hard (no shutdown hook) left behind: a state dir {@code
   * /tmp/hh-sandbox-PID} whose JVM pid is gone names its namespaces and holder.
   */
  private void downStaleRuns() throws IOException {
    try (var dirs = Files.list(Path.of("/tmp"))) {
      for (Path d :
          dirs.filter(p -> p.getFileName().toString().matches("hh-sandbox-\\d+(b\\d+)?"))
              .toList()) {
        String runId = d.getFileName().toString().substring("hh-sandbox-".length());
        String pid = runId.replaceFirst("b\\d+$", "");
        if (!pid.equals(JVM) && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
          host(
              List.of("bash", resources.resolve("down.sh").toString(), runId, d.toString()),
              Duration.ofMinutes(3));
        }
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** Tears this sandbox VPS down (by pid and namespace name); a second call does nothing. */
  @Override
  public void close() {
    if (hook != null) {
      down();
      Runtime.getRuntime().removeShutdownHook(hook);
      hook = null;
    }
  }

  private synchronized void down() {
    stopCliServer();
    if (stateDir == null) {
      return;
    }
    long t0 = System.nanoTime();
    try {
      ExecResult r =
          host(
              List.of("bash", resources.resolve("down.sh").toString(), id, stateDir.toString()),
              Duration.ofMinutes(3));
      System.out.printf(
          "sandbox VPS hhvps-%s down in %d ms (exit %d)%s%n",
          id,
          (System.nanoTime() - t0) / 1_000_000,
          r.exitCode(),
          r.stderr().isBlank() ? "" : "\n" + r.stderr());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      stateDir = null;
      try {
        Files.deleteIfExists(scratch());
      } catch (IOException e) {
        // not empty: a command's output files are still being written; leave it for the report
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == SandboxVps.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    return this;
  }

  /** The workstation's private key (its public half is in admin's and root's authorized_keys). */
  public Path workstationKey() {
    return stateDir.resolve("ws/id_ed25519");
  }

  /**
   * Where a file of the VPS lies on this machine, for directories the VPS has its own copy of
   * ({@code /etc}, {@code /var/log}, ...); the VPS sees every other path as this machine does.
   */
  public Path vpsPath(String absolute) {
    for (String[] m : VPS_DIRS) {
      if (absolute.equals(m[0]) || absolute.startsWith(m[0] + "/")) {
        return stateDir.resolve(m[1] + absolute.substring(m[0].length()));
      }
    }
    return Path.of(absolute);
  }

  /** The host's firewall and forwarding as they were before the sandbox started. */
  public String hostNetworkAtStart() {
    return hostNetworkAtStart;
  }

  /**
   * This machine's own firewall rules (iptables/ip6tables, nft and legacy where present), {@code
   * ip_forward} and whether it has a {@code docker0}: what a leaking dockerd or ufw would change.
   */
  public static String hostNetwork() throws IOException {
    StringBuilder b = new StringBuilder();
    // the -save tools only read tables that exist; `iptables-legacy -S` would create them
    for (String tool :
        List.of(
            "iptables-save", "ip6tables-save", "iptables-legacy-save", "ip6tables-legacy-save")) {
      if (Files.isExecutable(Path.of("/usr/sbin", tool))) {
        String rules =
            Commands.run(List.of(tool), null, Duration.ofSeconds(30), Path.of("/tmp")).stdout();
        b.append(tool).append(":\n");
        // comments carry a timestamp, chain lines packet counters: neither is a rule
        rules
            .lines()
            .filter(l -> !l.startsWith("#"))
            .map(l -> l.replaceAll(" \\[\\d+:\\d+\\]$", ""))
            .forEach(l -> b.append(l).append('\n'));
      }
    }
    if (Files.isExecutable(Path.of("/usr/sbin/nft"))) {
      b.append(
          Commands.run(
                  List.of("nft", "list", "ruleset"), null, Duration.ofSeconds(30), Path.of("/tmp"))
              .stdout());
    }
    b.append("ip_forward=")
        .append(Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).strip());
    b.append(" docker0=").append(Files.exists(Path.of("/sys/class/net/docker0")));
    return b.toString();
  }

  /** The service account {@code hermes} as a plain user with a shell and a home, made once. */
  public void serviceAccount() throws IOException {
    inVps(List.of("sh", "-c", "getent passwd hermes >/dev/null || useradd -m -s /bin/sh hermes"));
  }

  /**
   * {@code systemctl reload ssh}, then waits (up to 10 s) until sshd listens on port 22 again. sshd
   * re-executes itself on the SIGHUP, and a connection in that moment is refused, as on a real
   * server; a test's own login right after a reload must not meet it (the product's probe waits it
   * out by itself, {@code SshAuthProbe}).
   *
   * @return the reload's result (a failed reload does not wait)
   */
  public ExecResult reloadSshd() throws IOException, InterruptedException {
    ExecResult r = inVps(List.of("systemctl", "reload", "ssh"));
    if (!r.ok()) {
      return r;
    }
    Thread.sleep(200); // the signal is asynchronous: the old socket may still take this connection
    awaitSshd();
    return r;
  }

  /** Waits (up to 10 s) until something listens on the VPS's port 22. */
  public void awaitSshd() throws IOException, InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (inVps(List.of("bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/22")).exitCode() != 0
        && System.nanoTime() < end) {
      Thread.sleep(100);
    }
  }

  /** Runs argv as root inside the VPS's mount, UTS and network namespaces. */
  public ExecResult inVps(List<String> argv) throws IOException {
    return inVps(argv, Map.of(), Duration.ofSeconds(90));
  }

  ExecResult inVps(List<String> argv, Map<String, String> extraEnv, Duration timeout)
      throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of("nsenter", "--target", holder, "--mount", "--uts", "--net", "--", "env", "-i"));
    Map<String, String> env =
        new LinkedHashMap<>(
            Map.of("PATH", PATH, "HOME", "/root", "LANG", "C.UTF-8", "USER", "root"));
    env.putAll(extraEnv);
    env.forEach((k, v) -> cmd.add(k + "=" + v));
    cmd.addAll(argv);
    return host(cmd, timeout);
  }

  /** Runs argv on the workstation: this machine's filesystem, the workstation's network. */
  public ExecResult fromWorkstation(List<String> argv) throws IOException {
    return fromWorkstation(argv, null);
  }

  /**
   * The same with {@code stdin} piped into it, e.g. a proof token into {@code ssh ... confirm} as
   * an admin pastes it: never on a command line, never in a file.
   */
  public ExecResult fromWorkstation(List<String> argv, String stdin) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=/var/run/netns/hhws-" + id, "--"));
    cmd.addAll(argv);
    return Commands.run(cmd, null, Duration.ofSeconds(60), scratch(), stdin);
  }

  /**
   * Starts argv on the workstation (this machine's filesystem, the workstation's network) with only
   * {@code env} in its environment, standard input and output as pipes to the test and standard
   * error into {@code stderr}: a program the test talks to while it runs (remote mode's worker).
   * The caller stops it by pid.
   */
  public Process startOnWorkstation(List<String> argv, Map<String, String> env, Path stderr)
      throws IOException {
    List<String> cmd =
        new ArrayList<>(List.of("nsenter", "--net=/var/run/netns/hhws-" + id, "--", "env", "-i"));
    env.forEach((k, v) -> cmd.add(k + "=" + v));
    cmd.addAll(argv);
    return new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
  }

  /** {@code ssh} argv from the workstation with its key, non-interactive, no host key prompts. */
  public List<String> ssh(String userAtHost, String... remote) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "ssh",
                "-i",
                workstationKey().toString(),
                "-o",
                "BatchMode=yes",
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=/dev/null",
                "-o",
                "LogLevel=ERROR",
                "-o",
                "ConnectTimeout=5",
                userAtHost));
    cmd.addAll(List.of(remote));
    return cmd;
  }

  /**
   * Runs the wizard's CLI as root inside the VPS, as {@code sudo hermes-harden ...} typed by admin
   * in an SSH session from the workstation's public address ({@code SSH_CONNECTION}, {@code
   * SUDO_USER}). Uses the test JVM and classpath: surefire runs before the jar is packaged.
   */
  public ExecResult hermesHarden(String... args) throws IOException {
    return javaMain("dev.hermesharden.cli.Main", args);
  }

  /**
   * Runs a main class of the test classpath as root inside the VPS, in the same session as {@link
   * #hermesHarden} (e.g. {@link FixInVps}).
   */
  public ExecResult javaMain(String mainClass, String... args) throws IOException {
    return javaMain(List.of(), mainClass, args);
  }

  /** The VPS's long-lived CLI JVM ({@link CliServer}), started on first use, stopped at down. */
  private Process cliServer;

  private java.io.BufferedReader cliAnswers;

  /**
   * Runs a read-only CLI command ({@code audit}, {@code facts}, {@code plan}) as {@link
   * #hermesHarden} would, in one JVM kept for the class: the same code, without a JVM start each
   * time. Falls back to a fresh JVM when the server died. Commands that change state go through
   * {@link #hermesHarden}.
   */
  public synchronized ExecResult cli(String... args) throws IOException {
    try {
      if (cliServer == null || !cliServer.isAlive()) {
        List<String> cmd =
            new ArrayList<>(
                List.of(
                    "nsenter", "--target", holder, "--mount", "--uts", "--net", "--", "env", "-i"));
        Map<String, String> env =
            new LinkedHashMap<>(
                Map.of(
                    "PATH",
                    PATH,
                    "HOME",
                    "/root",
                    "LANG",
                    "C.UTF-8",
                    "USER",
                    "root",
                    "SUDO_USER",
                    "admin",
                    "SSH_CONNECTION",
                    WS_PUBLIC + " 50022 " + VPS_PUBLIC + " 22"));
        env.forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(LAUNCHER_FLAGS);
        cmd.addAll(List.of("-cp", classpath, CliServer.class.getName()));
        cliServer = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        cliAnswers =
            new java.io.BufferedReader(
                new java.io.InputStreamReader(
                    cliServer.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
      }
      cliServer
          .getOutputStream()
          .write(
              (CliServer.request(List.of(args)) + "\n")
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      cliServer.getOutputStream().flush();
      String line = cliAnswers.readLine();
      if (line == null) {
        stopCliServer();
        return hermesHarden(args);
      }
      var a = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
      return new ExecResult(
          List.of(args), a.get("code").asInt(), a.get("out").asText(), a.get("err").asText());
    } catch (IOException e) {
      stopCliServer();
      throw e;
    } catch (Exception e) {
      stopCliServer();
      throw new IOException(e);
    }
  }

  private synchronized void stopCliServer() {
    if (cliServer != null) {
      cliServer.descendants().forEach(ProcessHandle::destroyForcibly);
      cliServer.destroyForcibly();
      cliServer = null;
    }
  }

  /**
   * {@link #javaMain} with a heap of 128 MiB, as on a small VPS: a tool that read a huge file whole
   * would die of OutOfMemoryError here instead of passing on a 24 GiB test machine.
   */
  public ExecResult javaMainSmall(String mainClass, String... args) throws IOException {
    return javaMain(List.of("-Xmx128m"), mainClass, args);
  }

  /**
   * The JIT and GC flags of the shipped launcher ({@code hermes-harden}): the tool runs in the VPS
   * as it runs on a server, and a short CLI run costs about a third less CPU than with C2.
   */
  static final List<String> LAUNCHER_FLAGS =
      List.of(
          "-XX:+UseSerialGC",
          "-XX:-UsePerfData",
          "-XX:TieredStopAtLevel=1",
          "-XX:CICompilerCount=1");

  private ExecResult javaMain(List<String> jvm, String mainClass, String... args)
      throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(LAUNCHER_FLAGS);
    cmd.addAll(jvm);
    cmd.addAll(List.of("-cp", classpath, mainClass));
    cmd.addAll(List.of(args));
    return inVps(
        cmd,
        Map.of("SSH_CONNECTION", WS_PUBLIC + " 50022 " + VPS_PUBLIC + " 22", "SUDO_USER", "admin"),
        Duration.ofMinutes(3));
  }

  /** Where {@link #writeWrapper} puts the wizard for the admin's own session in the VPS. */
  public static final String WRAPPER = "/usr/local/sbin/hermes-harden";

  /**
   * {@code /usr/local/sbin/hermes-harden} in the VPS: runs the test classpath's Main, so the admin
   * can run {@code hermes-harden confirm} (token on stdin) over SSH as on a real server (everything
   * on the classpath is world-readable).
   */
  private void writeWrapper() throws IOException {
    Path w = vpsPath(WRAPPER);
    Files.writeString(
        w,
        "#!/bin/sh\n# hermes-harden in the sandbox VPS: the test classpath's CLI\nexec '"
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + "' "
            + String.join(" ", LAUNCHER_FLAGS)
            + " -cp '"
            + classpath
            + "' dev.hermesharden.cli.Main \"$@\"\n");
    Files.setPosixFilePermissions(
        w, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /**
   * Starts the wizard's CLI in the VPS (as {@link #hermesHarden}) without waiting: for {@code
   * prove}, which waits for a confirmation. Its output goes to a file read with {@link
   * Background#output()}; the process is stopped by pid if a test leaves it running.
   */
  public Background hermesHardenInBackground(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(WRAPPER));
    cmd.addAll(List.of(args));
    return inVpsInBackground(
        cmd,
        Map.of("SUDO_USER", "admin", "SSH_CONNECTION", WS_PUBLIC + " 50022 " + VPS_PUBLIC + " 22"));
  }

  /**
   * Starts argv as root inside the VPS without waiting (an attacker's loop, a waiting wizard). Its
   * output goes to a file; {@link Background#stop} or {@link Background#await} end it by pid.
   */
  public Background inVpsInBackground(List<String> argv, Map<String, String> extraEnv)
      throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of("nsenter", "--target", holder, "--mount", "--uts", "--net", "--", "env", "-i"));
    Map<String, String> env =
        new LinkedHashMap<>(
            Map.of("PATH", PATH, "HOME", "/root", "LANG", "C.UTF-8", "USER", "root"));
    env.putAll(extraEnv);
    env.forEach((k, v) -> cmd.add(k + "=" + v));
    cmd.addAll(argv);
    Files.createDirectories(scratch());
    Path out = Files.createTempFile(scratch(), "bg", ".txt");
    Process p =
        new ProcessBuilder(cmd)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(out.toFile())
            .redirectErrorStream(true)
            .start();
    return new Background(p, out);
  }

  /**
   * The argv that runs a shell script in the VPS as the service account {@code hermes}: the hostile
   * account of docs/threat-model.md.
   */
  public static List<String> asHermes(String script) {
    return asUser("hermes", script);
  }

  /** The argv that runs a shell script in the VPS as an account (its own groups, its home). */
  public static List<String> asUser(String user, String script) {
    return List.of(
        "setpriv",
        "--reuid=" + user,
        "--regid=" + user,
        "--init-groups",
        "--",
        "env",
        "HOME=/home/" + user,
        "sh",
        "-c",
        script);
  }

  /** A CLI process running in the VPS; see {@link #hermesHardenInBackground}. */
  public record Background(Process process, Path outputFile) {
    /** stdout and stderr so far. */
    public String output() throws IOException {
      return Files.readString(outputFile);
    }

    /** Stops it and everything it started, by pid, and removes its output file. */
    public String stop() throws IOException, InterruptedException {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
      String out = output();
      Files.deleteIfExists(outputFile);
      return out;
    }

    /** Waits for the end (killing it by pid on timeout): exit code (124 on timeout) and output. */
    public ExecResult await(Duration timeout) throws IOException, InterruptedException {
      int code = 124;
      if (process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        code = process.exitValue();
      } else {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
      }
      String out = output();
      Files.deleteIfExists(outputFile);
      return new ExecResult(List.of(WRAPPER), code, out, "");
    }
  }

  /**
   * The test classpath as the VPS sees it: entries under a directory the VPS replaces (~/.m2 under
   * /root) are copied into the state dir, which the VPS still sees.
   */
  private String vpsClasspath() throws IOException {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path copies = Files.createDirectories(stateDir.resolve("cp"));
    List<String> out = new ArrayList<>();
    int n = 0;
    for (String entry : cp.split(File.pathSeparator)) {
      if (entry.isEmpty() || MASKED.stream().noneMatch(entry::startsWith)) {
        out.add(entry);
      } else if (Files.exists(Path.of(entry))) {
        Path copy = copies.resolve((n++) + "-" + Path.of(entry).getFileName());
        copyTree(Path.of(entry), copy);
        out.add(copy.toString());
      }
    }
    return String.join(File.pathSeparator, out);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private Path scratch() {
    return Path.of("/tmp", "hh-sandbox-io-" + id);
  }

  private ExecResult host(List<String> argv, Duration timeout) throws IOException {
    return Commands.run(argv, null, timeout, scratch());
  }
}
