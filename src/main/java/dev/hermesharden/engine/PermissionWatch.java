package dev.hermesharden.engine;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.ForwardingHost;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.ShellQuoting;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Watches one check's conversation with the host for the first sign that it lacks root: a {@link
 * HostException.Kind#PERMISSION}, or a command whose stderr says so in one of the ways the real
 * tools do. Passes every answer on unchanged; the {@link CheckRunner} decides what it means.
 *
 * <p>Caveat: the stderr phrases are English; {@code LocalHost} runs commands with {@code LC_ALL=C}
 * so they are.
 */
final class PermissionWatch extends ForwardingHost {
  /**
   * Lower-case phrases of tools run without root. {@code sshd -T} as a normal user cannot read the
   * host keys and stops with "no hostkeys available"; ufw says "You need to be root"; fail2ban and
   * iptables "you must be root"; docker "permission denied while trying to connect".
   */
  private static final List<String> PHRASES =
      List.of(
          "permission denied",
          "must be run as root",
          "must be root",
          "need to be root",
          "needs to be root",
          "no hostkeys available",
          "operation not permitted");

  private String firstDenied;

  PermissionWatch(Host inner) {
    super(inner);
  }

  /** What was refused first (a command line or a path), when anything was. */
  Optional<String> denied() {
    return Optional.ofNullable(firstDenied);
  }

  static boolean saysNeedsRoot(String stderr) {
    String s = stderr.toLowerCase(Locale.ROOT);
    return PHRASES.stream().anyMatch(s::contains);
  }

  @Override
  public ExecResult exec(List<String> argv, Duration timeout) throws HostException {
    // stat's format argument is noise to a reader: its path says what could not be seen
    String what = argv.get(0).equals("stat") ? argv.get(argv.size() - 1) : ShellQuoting.join(argv);
    ExecResult r = watch(what, () -> inner.exec(argv, timeout));
    if (!r.ok() && saysNeedsRoot(r.stderr())) {
      note(what);
    }
    return r;
  }

  @Override
  public Optional<String> readFile(String path, Charset charset) throws HostException {
    return watch(path, () -> inner.readFile(path, charset));
  }

  @Override
  public List<String> listDirectory(String path) throws HostException {
    return watch(path, () -> inner.listDirectory(path));
  }

  @Override
  public Optional<FileStat> lstat(String path) throws HostException {
    return watch(path, () -> inner.lstat(path));
  }

  @Override
  public List<Optional<FileStat>> lstatAll(List<String> paths) throws HostException {
    return watch(String.join(" ", paths), () -> inner.lstatAll(paths));
  }

  private interface Call<T> {
    T run() throws HostException;
  }

  private <T> T watch(String what, Call<T> call) throws HostException {
    try {
      return call.run();
    } catch (HostException e) {
      if (e.kind() == HostException.Kind.PERMISSION) {
        note(what);
      }
      throw e;
    }
  }

  private void note(String what) {
    if (firstDenied == null) {
      firstDenied = what;
    }
  }
}
