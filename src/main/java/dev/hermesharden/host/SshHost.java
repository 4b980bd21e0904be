package dev.hermesharden.host;

import dev.hermesharden.host.RemoteCommandLine.Privilege;
import dev.hermesharden.host.ssh.KnownHosts;
import dev.hermesharden.host.ssh.RemoteRun;
import dev.hermesharden.host.ssh.SshEndpoint;
import dev.hermesharden.host.ssh.SshLogin;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * A server reached over SSH (sshj): one connection, a session per command, every command an argv
 * quoted for the server's POSIX login shell ({@link RemoteCommandLine}) and bounded on the server
 * by {@code timeout(1)}; the server needs nothing but OpenSSH, a POSIX shell and coreutils. Files
 * follow the same rules as locally ({@link SafeFiles}): untrusted accounts' paths as those
 * accounts, root-only paths with plain commands ({@link RemoteFiles}).
 *
 * <p>As root: directly when the login is root's, else through {@code sudo}: {@code sudo -n} when
 * the policy needs no password, else the admin's sudo password, asked once ({@link
 * dev.hermesharden.host.ssh.SshPrompts#sudoPassword}), checked, then kept in memory only and handed
 * to sudo on standard input before each command (never in an argv, a log or a file). Commands run
 * in parallel on the one connection, at most {@link #MAX_SESSIONS} at a time (OpenSSH's {@code
 * MaxSessions} is 10). A connection found dead is opened again before the next command, pinned to
 * the same host key; a command whose connection died midway is an {@code UNREACHABLE} and is never
 * repeated.
 */
public final class SshHost extends SafeFilesHost implements Closeable {
  static final int MAX_SESSIONS = 8;

  /** How long past its own limit a command's answer may take to arrive. */
  static final Duration GRACE = Duration.ofSeconds(RemoteCommandLine.KILL_AFTER + 5);

  /** How long a reconnect waits for the TCP connection to one address. */
  static final Duration RECONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** How long a reconnect keeps trying when no address answers (e.g. sshd restarting). */
  static final Duration REOPEN_FOR = Duration.ofSeconds(15);

  private static final Duration REOPEN_PAUSE = Duration.ofSeconds(1);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final SshEndpoint endpoint;
  private final SshLogin.Options options;
  private final Semaphore sessions = new Semaphore(MAX_SESSIONS);
  private volatile SshLogin.Connection connection;
  private volatile Privilege privilege = Privilege.LOGIN;
  private volatile byte[] sudoPassword = new byte[0];

  /** Packages' directories until, as root, the default search path has been judged. */
  private String searchPath = LocalHost.SYSTEM_PATH;

  private SafeFiles files;
  private int reconnects;
  private volatile SshEndpoint dialled;
  private String clientAddress;
  private final List<SshEndpoint> alternates = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile java.util.function.Consumer<Moved> onReconnect = m -> {};

  private SshHost(SshEndpoint endpoint, SshLogin.Options options, SshLogin.Connection c) {
    this.endpoint = endpoint;
    this.options = options;
    this.connection = c;
    this.dialled = endpoint;
  }

  /**
   * Another address of the same server (the private path, once a login over it was proven with this
   * server's host key pinned): when the connection dies and the address it used no longer answers,
   * it is opened again there, pinned to the same key. The key is also remembered for that address
   * in {@code known_hosts} when the file lists none for it (as OpenSSH's {@code CheckHostIP} does),
   * so a later {@code --remote} to that address asks nothing.
   */
  public void alsoReachableAt(SshEndpoint other) {
    reconnectAlsoAt(other);
    try {
      KnownHosts.rememberSameServer(
          options.knownHosts(), other.hostName(), other.port(), hostKey());
    } catch (IOException | RuntimeException e) {
      // not remembered: the next connection to that address asks, as ssh would
    }
  }

  /**
   * Another address to reconnect to when the connection dies and its own address no longer answers
   * (the admin named the server's private address, {@code --private-address}): pinned to this
   * server's host key like every reconnect, and written nowhere.
   */
  public void reconnectAlsoAt(SshEndpoint other) {
    if (!alternates.contains(other) && !other.equals(endpoint)) {
      alternates.add(other);
    }
  }

  /** A reconnect: the address the lost connection used and the one the new connection uses. */
  public record Moved(SshEndpoint from, SshEndpoint to) {}

  /**
   * Told after each reconnect (on the thread whose command needed it), so the admin learns that the
   * connection was lost and over which address it goes now.
   */
  public void onReconnect(java.util.function.Consumer<Moved> listener) {
    this.onReconnect = listener;
  }

  /** Where the admin asked to connect (after {@code ~/.ssh/config}). */
  public SshEndpoint endpoint() {
    return endpoint;
  }

  /**
   * The admin's address as the server saw the wizard's own login (field 1 of its {@code
   * SSH_CONNECTION}), when the server set it.
   */
  public Optional<String> clientAddress() {
    return Optional.ofNullable(clientAddress);
  }

  /** The address and port the live connection dialled (it moves to an alternate on reconnect). */
  public SshEndpoint dialled() {
    return dialled;
  }

  /**
   * Connects, checks that the login shell passes argv unchanged, and, when {@code asRoot}, gains
   * root (the login's own, or sudo's).
   *
   * @throws HostException as {@link SshLogin#open}; {@code SSH_CONFIG} for a login shell that is
   *     not POSIX; {@code PERMISSION} when sudo is missing, refused or its password not given
   */
  public static SshHost connect(SshEndpoint endpoint, SshLogin.Options options, boolean asRoot)
      throws HostException {
    SshHost h = new SshHost(endpoint, options, SshLogin.open(endpoint, options, Optional.empty()));
    boolean done = false;
    try {
      int uid = h.checkLoginShell();
      boolean root = uid == 0;
      if (asRoot && !root) {
        new SudoAccess(h, endpoint, options.prompts()).gain();
        root = true;
      }
      h.searchPath =
          root
              ? PathTrust.rootOnlyDirectories(h, LocalHost.DEFAULT_PATH, LocalHost.SYSTEM_PATH)
              : LocalHost.DEFAULT_PATH;
      h.files = new SafeFiles(h, new RemoteFiles(h), root);
      done = true;
      return h;
    } finally {
      if (!done) {
        h.close();
      }
    }
  }

  /** What the header shows: where, as whom, with which key, and how root is reached. */
  public record Info(
      String alias,
      String address,
      int port,
      String user,
      String keyFingerprint,
      String keySource,
      String hostKeyFingerprint,
      String privilege) {}

  public Info info() {
    SshLogin.Connection c = connection;
    SshEndpoint at = dialled;
    return new Info(
        endpoint.alias(),
        at.hostName(),
        at.port(),
        endpoint.user(),
        c.keyFingerprint(),
        c.keySource(),
        c.hostKeyFingerprint(),
        privilege.name());
  }

  /** The server's host key: a proof's new connection must meet the same one. */
  public PublicKey hostKey() {
    return connection.hostKey();
  }

  @Override
  public ExecResult exec(List<String> argv, Duration timeout) throws HostException {
    return exec(argv, timeout, new byte[0], LocalHost.OUTPUT_LIMIT);
  }

  @Override
  public ExecResult exec(List<String> argv, Duration timeout, byte[] stdin, int outputLimit)
      throws HostException {
    if (argv.get(0).contains("=")) { // env(1) would take it for an assignment
      return new ExecResult(argv, 127, "", argv.get(0) + ": command not found\n");
    }
    RemoteRun.Output out = run(argv, timeout, stdin, outputLimit);
    String err = new String(out.stderr(), StandardCharsets.UTF_8);
    if (out.exitCode() == 124 && out.took().compareTo(timeout) >= 0) {
      throw new HostException(
          HostException.Kind.TIMEOUT, String.join(" ", argv) + " took longer than " + timeout);
    }
    if (privilege != Privilege.LOGIN && out.exitCode() == 1 && SudoAccess.refused(err)) {
      throw SudoAccess.lost(endpoint, err);
    }
    return new ExecResult(
        argv, out.exitCode(), new String(out.stdout(), StandardCharsets.UTF_8), err);
  }

  /** One command as raw bytes ({@link RemoteFiles} reads files through it). */
  RemoteRun.Output run(List<String> argv, Duration timeout, byte[] stdin, int outputLimit)
      throws HostException {
    String mark = newMark();
    String line = RemoteCommandLine.line(argv, timeout, privilege, mark, searchPath);
    byte[] input = privilege == Privilege.SUDO_PASSWORD ? withPassword(mark, stdin) : stdin;
    try {
      return runLine(line, input, timeout.plus(GRACE), outputLimit);
    } finally {
      if (input != stdin) {
        Arrays.fill(input, (byte) 0);
      }
    }
  }

  /** A raw line on the connection, within the session limit. */
  RemoteRun.Output runLine(String line, byte[] stdin, Duration wait, int outputLimit)
      throws HostException {
    try {
      sessions.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HostException(HostException.Kind.TIMEOUT, "interrupted");
    }
    try {
      return RemoteRun.run(openSession(), line, stdin, wait, outputLimit, LocalHost.OUTPUT_LIMIT);
    } finally {
      sessions.release();
    }
  }

  void useSudo(Privilege p, byte[] password) {
    privilege = p;
    sudoPassword = password;
  }

  private byte[] withPassword(String mark, byte[] stdin) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(sudoPassword.length + 40 + stdin.length);
    b.writeBytes(sudoPassword);
    b.write('\n');
    b.writeBytes(mark.getBytes(StandardCharsets.US_ASCII));
    b.write('\n');
    b.writeBytes(stdin);
    return b.toByteArray();
  }

  /**
   * Runs a probe through the login shell: the words must come back as sent (a POSIX shell), and the
   * login's uid.
   */
  private int checkLoginShell() throws HostException {
    List<String> probe = List.of("printf", "%s|", "it's", "a\nb", "$HOME", "*", "");
    String line =
        ShellQuoting.posixCommandLine(probe)
            + "; "
            + ShellQuoting.posixCommandLine(List.of("id", "-u"))
            + "; printf '%s\\n' \"$SSH_CONNECTION\"";
    RemoteRun.Output out = runLine(line, new byte[0], Duration.ofSeconds(20), 4096);
    String text = new String(out.stdout(), StandardCharsets.UTF_8);
    String expected = "it's|a\nb|$HOME|*||";
    // exactly this: a shell that prints something of its own (a chatty .bashrc) would corrupt
    // every command's output, which parsers read as the tool's answer
    String rest = text.startsWith(expected) ? text.substring(expected.length()) : "";
    String[] lines = rest.split("\n", -1);
    String uid = lines.length == 3 && lines[2].isEmpty() ? lines[0] : "";
    if (!uid.matches("\\d+")) {
      throw new HostException(
          HostException.Kind.SSH_CONFIG,
          "the login shell of " + endpoint.user() + " changed a quoted argument: " + text,
          null,
          "host.error.login-shell",
          List.of(endpoint.user(), endpoint.hostName()));
    }
    String[] conn = lines[1].strip().split("\\s+");
    clientAddress = conn.length == 4 ? conn[0] : null;
    return Integer.parseInt(uid);
  }

  /**
   * A session for the next command. When the connection is found dead, or dies before the session
   * opens, it is opened again once, pinned to the same host key (nothing is asked): nothing of the
   * command was sent yet, so sending it on the new connection runs it once.
   */
  private Session openSession() throws HostException {
    SshLogin.Connection c = connection(null);
    try {
      return startSession(c);
    } catch (IOException | IllegalStateException e) {
      // IllegalStateException: sshj's "Not connected", the transport died (the keepalive) after
      // the connection was looked at
      try {
        return startSession(connection(c));
      } catch (IOException | IllegalStateException again) {
        throw new HostException(
            HostException.Kind.UNREACHABLE,
            endpoint.hostName() + ": cannot open a session: " + again,
            again,
            "host.error.unreachable",
            List.of(endpoint.hostName() + ":" + endpoint.port()));
      }
    }
  }

  /**
   * A session on a live connection. sshd refusing one ("no more sessions": its {@code MaxSessions}
   * counts a session until it has reaped the session's command, a moment after the channel closed,
   * so a burst of short commands at {@link #MAX_SESSIONS} may meet it) is no dead connection: the
   * open is tried again on the same connection for up to {@link #SESSION_BUSY_FOR}. Closing the
   * connection instead cut every command running on it (a remote audit ended UNREACHABLE).
   */
  private static Session startSession(SshLogin.Connection c) throws IOException {
    long giveUp = System.nanoTime() + SESSION_BUSY_FOR.toNanos();
    long pause = 10;
    while (true) {
      try {
        return c.client().startSession();
      } catch (OpenFailException e) {
        if (!c.client().isConnected() || System.nanoTime() >= giveUp) {
          throw e;
        }
        try {
          Thread.sleep(pause);
        } catch (InterruptedException i) {
          Thread.currentThread().interrupt();
          throw e;
        }
        pause = Math.min(200, pause * 2);
      }
    }
  }

  /** How long a session sshd refused is asked for again on the same connection. */
  static final Duration SESSION_BUSY_FOR = Duration.ofSeconds(10);

  /** The live connection; a new one when it is dead or is {@code failed}. */
  private synchronized SshLogin.Connection connection(SshLogin.Connection failed)
      throws HostException {
    SshLogin.Connection c = connection;
    if (c == null) {
      throw new HostException(HostException.Kind.UNREACHABLE, "closed");
    }
    if (c == failed || !c.client().isConnected() || !c.client().isAuthenticated()) {
      c.close();
      SshEndpoint was = dialled;
      connection = reopen(c.hostKey());
      reconnects++;
      onReconnect.accept(new Moved(was, dialled));
    }
    return connection;
  }

  /**
   * A new connection, pinned: the address used last, then the first address and the alternates; an
   * unreachable one gives way to the next, any other failure (a changed key) ends it. When none
   * answers, the round is tried again for up to {@link #REOPEN_FOR} (sshd restarting refuses for a
   * moment; a link may come back).
   */
  private SshLogin.Connection reopen(PublicKey pinned) throws HostException {
    List<SshEndpoint> order = new ArrayList<>(List.of(dialled));
    if (!order.contains(endpoint)) {
      order.add(endpoint);
    }
    alternates.stream().filter(a -> !order.contains(a)).forEach(order::add);
    long giveUp = System.nanoTime() + REOPEN_FOR.toNanos();
    while (true) {
      HostException last = null;
      for (SshEndpoint ep : order) {
        try {
          SshLogin.Connection c =
              SshLogin.open(ep, options, Optional.of(pinned), RECONNECT_TIMEOUT);
          dialled = ep;
          return c;
        } catch (HostException e) {
          if (e.kind() != HostException.Kind.UNREACHABLE
              && e.kind() != HostException.Kind.TIMEOUT) {
            throw e;
          }
          last = e;
        }
      }
      if (System.nanoTime() >= giveUp) {
        throw last;
      }
      try {
        Thread.sleep(REOPEN_PAUSE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw last;
      }
    }
  }

  /** How many times the connection was opened again (for the header's log and tests). */
  public int reconnects() {
    return reconnects;
  }

  /**
   * One {@code stat} for all paths; a path it did not answer for (missing, or a name with a newline
   * the line format cannot carry) is asked alone, so its answer is exactly {@link #lstat}'s.
   */
  @Override
  public List<Optional<FileStat>> lstatAll(List<String> paths) throws HostException {
    List<String> asked = paths.stream().filter(p -> p.indexOf('\n') < 0).distinct().toList();
    Map<String, FileStat> found = new HashMap<>();
    Set<String> missing = new HashSet<>();
    if (!asked.isEmpty()) {
      List<String> argv = new ArrayList<>(List.of("stat", "--printf=" + FileStat.FORMAT, "--"));
      argv.addAll(asked);
      ExecResult r = exec(argv, DEFAULT_TIMEOUT);
      missing.addAll(missingIn(asked, r.stderr()));
      for (String line : r.stdout().split("\n")) {
        try {
          FileStat st = FileStat.parse(line);
          found.put(st.path(), st);
        } catch (IllegalArgumentException e) {
          // not one of ours (an empty last line): the path is asked alone below
        }
      }
    }
    List<Optional<FileStat>> out = new ArrayList<>();
    for (String p : paths) {
      out.add(
          found.containsKey(p)
              ? Optional.of(found.get(p))
              : missing.contains(p) ? Optional.empty() : lstat(p));
    }
    return out;
  }

  /** A name {@code stat} prints between plain quotes (coreutils quotes others otherwise). */
  private static final java.util.regex.Pattern PLAIN_NAME =
      java.util.regex.Pattern.compile("[A-Za-z0-9._/+@:,=-]+");

  /**
   * The paths {@code stat}'s errors say do not exist ({@code lstat}'s empty answer), among those
   * whose names it prints plainly; any other failure is asked alone, as {@link #lstat} would.
   */
  static Set<String> missingIn(List<String> asked, String stderr) {
    Set<String> lines = new HashSet<>(List.of(stderr.split("\n")));
    Set<String> out = new HashSet<>();
    for (String p : asked) {
      if (!PLAIN_NAME.matcher(p).matches()) {
        continue;
      }
      for (String verb : List.of("statx", "stat")) {
        for (String why : List.of("No such file or directory", "Not a directory")) {
          if (lines.contains("stat: cannot " + verb + " '" + p + "': " + why)) {
            out.add(p);
          }
        }
      }
    }
    return out;
  }

  @Override
  SafeFiles files() {
    return files;
  }

  @Override
  public boolean overNetwork() {
    return true;
  }

  @Override
  public boolean simulated() {
    return false;
  }

  @Override
  public String name() {
    return endpoint.alias();
  }

  /** Closes the connection and forgets the sudo password. */
  @Override
  public synchronized void close() {
    Arrays.fill(sudoPassword, (byte) 0);
    sudoPassword = new byte[0];
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }

  /** A fresh random line for {@link RemoteCommandLine}'s skip: 128 bits in hex. */
  static String newMark() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
