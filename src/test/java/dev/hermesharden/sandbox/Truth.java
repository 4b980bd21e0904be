package dev.hermesharden.sandbox;

import dev.hermesharden.host.ExecResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What is really true on the sandbox VPS, established by trying it from the workstation's network
 * namespace with the real OpenSSH client: a password or keyboard-interactive login (the password
 * comes from an {@code SSH_ASKPASS} program, {@code SSH_ASKPASS_REQUIRE=force}: no tty and no
 * {@code sshpass}, which Debian's CI image lacks), a key login, a plain TCP connection to sshd (the
 * handshake reaches sshd: it answers "Permission denied", not "Connection refused" or a timeout),
 * and how many keys sshd lets one connection offer.
 *
 * <p>Why the ssh client and not sshj in the test JVM: the JVM lives in this machine's network
 * namespace and cannot move a thread into the workstation's; {@code nsenter --net} around a real
 * client can, and the client is the one an attacker would use.
 */
final class Truth {
  static final String PASSWORD = "Sandbox-pw-4711";

  private final SandboxVps vps;

  Truth(SandboxVps vps) {
    this.vps = vps;
  }

  /**
   * A login as {@code user} to {@code dst:port} with one method ({@code password}, {@code
   * keyboard-interactive} or {@code publickey} with the workstation's key), optionally from the
   * workstation's other address {@code bind}. True when the login succeeded.
   */
  boolean login(String user, String method, String dst, int port, Optional<String> bind)
      throws IOException {
    return attempt(user, method, dst, port, bind).exitCode() == 0;
  }

  /** The same login attempt, with the client's exit code and messages. */
  ExecResult attempt(String user, String method, String dst, int port, Optional<String> bind)
      throws IOException {
    Path askpass =
        Files.createTempFile(
            "hh-askpass",
            ".sh",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    try {
      Files.writeString(askpass, "#!/bin/sh\necho '" + PASSWORD + "'\n");
      List<String> cmd =
          new ArrayList<>(
              List.of("env", "SSH_ASKPASS=" + askpass, "SSH_ASKPASS_REQUIRE=force", "DISPLAY=:0"));
      cmd.addAll(client(port, bind));
      cmd.addAll(
          List.of("-o", "PreferredAuthentications=" + method, "-o", "NumberOfPasswordPrompts=1"));
      if (method.equals("publickey")) {
        cmd.addAll(
            List.of(
                "-o",
                "IdentitiesOnly=yes",
                "-i",
                vps.workstationKey().toString(),
                "-o",
                "BatchMode=yes"));
      } else {
        cmd.addAll(List.of("-o", "PubkeyAuthentication=no"));
      }
      cmd.addAll(List.of(user + "@" + dst, "true"));
      return vps.fromWorkstation(cmd);
    } finally {
      Files.delete(askpass);
    }
  }

  /** {@code ssh} to {@code port} (from {@code bind}), no host key prompt, short timeouts. */
  private static List<String> client(int port, Optional<String> bind) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "ssh",
                "-p",
                String.valueOf(port),
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=/dev/null",
                "-o",
                "LogLevel=ERROR",
                "-o",
                "ConnectTimeout=4"));
    bind.ifPresent(b -> cmd.addAll(List.of("-b", b)));
    return cmd;
  }

  boolean login(String user, String method, String dst) throws IOException {
    return login(user, method, dst, 22, Optional.empty());
  }

  /**
   * Whether a new TCP connection from the workstation reaches sshd at {@code dst:port}: the client
   * gets to authentication (sshd answers "Permission denied"). A refused or dropped connection does
   * not.
   */
  boolean reaches(String dst, int port, Optional<String> bind) throws IOException {
    List<String> cmd = client(port, bind);
    cmd.addAll(List.of("-o", "BatchMode=yes", "-o", "PreferredAuthentications=none"));
    cmd.addAll(List.of("hh-reach@" + dst, "true"));
    ExecResult r = vps.fromWorkstation(cmd);
    return r.stderr().contains("Permission denied") || r.exitCode() == 0;
  }

  /** How many keys one connection may offer as admin before sshd gives up (MaxAuthTries). */
  int keyTries(String dst, List<Path> wrongKeys) throws IOException {
    List<String> cmd = client(22, Optional.empty());
    cmd.set(cmd.indexOf("LogLevel=ERROR"), "LogLevel=DEBUG1"); // "Offering public key" lines
    cmd.addAll(
        List.of(
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "BatchMode=yes",
            "-o",
            "PreferredAuthentications=publickey"));
    for (Path k : wrongKeys) {
      cmd.addAll(List.of("-i", k.toString()));
    }
    cmd.addAll(List.of("admin@" + dst, "true"));
    return (int)
        vps.fromWorkstation(cmd)
            .stderr()
            .lines()
            .filter(l -> l.contains("Offering public key"))
            .count();
  }
}
