package dev.hermesharden.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermesharden.host.ExecResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * What remote-mode tests add to a fresh sandbox VPS: {@code sudo} (the machine's own, or, where the
 * machine has none, one unpacked from a {@code .deb} and mounted only inside the VPS), sudo logging
 * into the VPS's own {@code /var/log/sudo.log}, the admin in group sudo with a known password, and
 * a trap on every {@code java} binary inside the VPS's mount namespace: the server side of remote
 * mode must never run Java, and any attempt is written to {@link #JAVA_TRAP_LOG} and fails.
 */
final class RemoteVpsSetup {
  static final String ADMIN_PASSWORD = "Pw with 'quotes' $(x) and é";
  static final String JAVA_TRAP_LOG = "/var/log/hh-java-trap.log";
  static final String SUDO_LOG = "/var/log/sudo.log";

  /** Where the unpacked sudo lies on this machine, when it had to be unpacked; deleted after. */
  private Path unpacked;

  /**
   * @throws org.opentest4j.TestAbortedException when the machine has no sudo and no {@code
   *     HH_SANDBOX_SUDO_DEB}, unless {@code HH_SANDBOX=required} (then it fails)
   */
  void prepare(SandboxVps vps) throws Exception {
    provideSudo(vps);
    Path log = vps.vpsPath("/etc/sudoers.d/hh-log");
    // sudo's syslog would go to /dev/log, which the VPS shares with this machine
    Files.writeString(log, "Defaults !syslog\nDefaults logfile=" + SUDO_LOG + "\n");
    Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("r--r-----"));
    ok(vps, "usermod", "-aG", "sudo", "admin");
    ExecResult pw =
        vps.inVps(
            List.of("sh", "-c", "printf 'admin:%s\\n' \"$1\" | chpasswd", "sh", ADMIN_PASSWORD));
    assertEquals(0, pw.exitCode(), pw.stderr());
    trapJava(vps);
  }

  /** Unmounts nothing (the mounts end with the VPS) but deletes the unpacked package. */
  void cleanUp() throws IOException {
    if (unpacked != null) {
      try (Stream<Path> s = Files.walk(unpacked)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private void provideSudo(SandboxVps vps) throws Exception {
    if (Files.isExecutable(Path.of("/usr/bin/sudo"))) {
      return; // CI installs it (.ci/run); the VPS's /etc is a copy with its sudoers
    }
    String deb = System.getenv("HH_SANDBOX_SUDO_DEB");
    if (deb == null || !Files.isRegularFile(Path.of(deb))) {
      String why = "no /usr/bin/sudo on this machine and no HH_SANDBOX_SUDO_DEB (a sudo .deb)";
      if ("required".equals(System.getenv("HH_SANDBOX"))) {
        throw new IllegalStateException("remote sandbox tests need sudo: " + why);
      }
      Assumptions.abort(why);
    }
    unpacked = Files.createTempDirectory("hh-sudo-");
    run(List.of("dpkg-deb", "-x", deb, unpacked.toString()));
    // read-only overlays inside the VPS's mount namespace only: the machine's /usr is untouched
    for (String dir : List.of("/usr/bin", "/usr/libexec")) {
      ok(
          vps,
          "mount",
          "-t",
          "overlay",
          "overlay",
          "-o",
          "lowerdir=" + unpacked + dir + ":" + dir,
          dir);
    }
    for (String f : List.of("/etc/sudoers", "/etc/pam.d/sudo", "/etc/sudo.conf")) {
      Files.copy(unpacked.resolve(f.substring(1)), vps.vpsPath(f));
    }
    Files.createDirectories(vps.vpsPath("/etc/sudoers.d"));
    Files.setPosixFilePermissions(
        vps.vpsPath("/etc/sudoers"), PosixFilePermissions.fromString("r--r-----"));
  }

  /**
   * Binds a trap over every JDK's {@code bin/java} inside the VPS: it logs its arguments and exits
   * 99. The machine's own JDKs are untouched (the VPS has its own mount namespace).
   */
  private static void trapJava(SandboxVps vps) throws Exception {
    Path trap = vps.vpsPath("/usr/local/sbin/hh-java-trap");
    Files.writeString(
        trap,
        "#!/bin/sh\nprintf '%s java %s\\n' \"$(date +%s)\" \"$*\" >>"
            + JAVA_TRAP_LOG
            + "\nexit 99\n");
    Files.setPosixFilePermissions(trap, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(vps.vpsPath(JAVA_TRAP_LOG), "");
    List<String> javas = new ArrayList<>();
    try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
      for (Path jdk : jdks.toList()) {
        Path java = jdk.resolve("bin/java");
        if (Files.isRegularFile(java)) {
          String real = java.toRealPath().toString();
          if (!javas.contains(real)) {
            javas.add(real);
          }
        }
      }
    }
    javas.add(Path.of(System.getProperty("java.home"), "bin", "java").toRealPath().toString());
    for (String j : javas.stream().distinct().toList()) {
      ok(vps, "mount", "--bind", "/usr/local/sbin/hh-java-trap", j);
    }
  }

  private static void ok(SandboxVps vps, String... argv) throws IOException {
    ExecResult r = vps.inVps(List.of(argv));
    assertEquals(0, r.exitCode(), String.join(" ", argv) + ": " + r.stderr() + r.stdout());
  }

  private static void run(List<String> argv) throws IOException {
    ExecResult r = Commands.run(argv, null, Duration.ofMinutes(1), Path.of("/tmp/hh-remote-io"));
    assertEquals(0, r.exitCode(), argv + ": " + r.stderr());
  }
}
