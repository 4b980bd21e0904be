package dev.hermesharden.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermesharden.host.ExecResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The service account {@code hermes} of the sandbox VPS acting as an attacker (a prompt-injected
 * agent runs any command as {@code hermes}): scripts from {@code sandbox/hostile/} run as that
 * account ({@code setpriv --reuid --regid --clear-groups}), in the foreground or detached ({@code
 * setsid -f}; each writes its own pid, and the test stops it by that pid). Its scratch directory
 * {@code /var/lib/hh-spy} is its own (0700), read by the test from outside.
 *
 * <p>Caveat: the sandbox has no pid namespace, so the attacker sees every process of this machine
 * in {@code /proc}, the test's own too: stricter than a real VPS, not looser.
 */
final class HostileAccount {
  static final String NAME = "hermes";
  static final String DIR = "/var/lib/hh-spy";

  private final SandboxVps vps;
  private final String uid;
  private final String gid;

  private HostileAccount(SandboxVps vps, String uid, String gid) {
    this.vps = vps;
    this.uid = uid;
    this.gid = gid;
  }

  /** Creates the account (a system user, as Hermes' installer does) if the VPS has none. */
  static HostileAccount in(SandboxVps vps) throws IOException {
    ExecResult made =
        vps.inVps(
            List.of(
                "sh",
                "-c",
                "getent passwd hermes >/dev/null || adduser --system --group --no-create-home"
                    + " --home /nonexistent hermes >/dev/null; install -d -o hermes -g hermes"
                    + " -m 0700 "
                    + DIR
                    + " && echo $(id -u hermes) $(id -g hermes)"));
    assertEquals(0, made.exitCode(), made.stdout() + made.stderr());
    for (String script : List.of("spy.sh", "attack.sh")) {
      try (InputStream in =
          HostileAccount.class.getResourceAsStream("/sandbox/hostile/" + script)) {
        Path target = vps.vpsPath("/usr/local/sbin/hh-" + script);
        Files.write(target, in.readAllBytes());
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
    String[] ids = made.stdout().strip().split(" ");
    return new HostileAccount(vps, ids[0], ids[1]);
  }

  String uid() {
    return uid;
  }

  /** Runs {@code hh-SCRIPT args} as hermes and waits for it. */
  ExecResult run(String script, String... args) throws IOException {
    return vps.inVps(asHermes(false, script, args));
  }

  /** Starts {@code hh-SCRIPT args} as hermes, detached; it writes DIR/PIDFILE (its pid). */
  String start(String pidFile, String script, String... args) throws Exception {
    Files.deleteIfExists(file(pidFile));
    ExecResult r = vps.inVps(asHermes(true, script, args));
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    for (int i = 0; i < 100 && !Files.exists(file(pidFile)); i++) {
      Thread.sleep(50);
    }
    return Files.readString(file(pidFile)).strip();
  }

  /** Stops a process started by {@link #start}, by its pid (only if it is still that script). */
  void stop(String pid, String script) throws IOException {
    Path cmdline = Path.of("/proc", pid, "cmdline");
    if (Files.exists(cmdline) && Files.readString(cmdline).contains("hh-" + script)) {
      vps.inVps(List.of("kill", pid));
    }
  }

  /** A file of the attacker's scratch directory, as this machine sees it. */
  Path file(String name) {
    return vps.vpsPath(DIR + "/" + name);
  }

  String read(String name) throws IOException {
    Path f = file(name);
    return Files.exists(f) ? Files.readString(f) : "";
  }

  private List<String> asHermes(boolean detached, String script, String... args) {
    List<String> argv = new ArrayList<>();
    if (detached) {
      argv.addAll(List.of("setsid", "-f"));
    }
    argv.addAll(
        List.of(
            "setpriv",
            "--reuid=" + uid,
            "--regid=" + gid,
            "--clear-groups",
            "--",
            "/bin/sh",
            "/usr/local/sbin/hh-" + script));
    argv.addAll(List.of(args));
    return argv;
  }
}
