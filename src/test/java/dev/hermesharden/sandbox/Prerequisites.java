package dev.hermesharden.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the sandbox VPS needs on this machine: root, and the real tools from Debian packages. The
 * answer is one line naming what is missing (for the skip or the CI failure), or empty.
 */
final class Prerequisites {
  /** Each tool and the Debian package that brings it. */
  static final List<String[]> TOOLS =
      List.of(
          new String[] {"ip", "iproute2"},
          new String[] {"nsenter", "util-linux"},
          new String[] {"unshare", "util-linux"},
          new String[] {"setsid", "util-linux"},
          new String[] {"findmnt", "util-linux"},
          new String[] {"sshd", "openssh-server"},
          new String[] {"ssh", "openssh-client"},
          new String[] {"ssh-keygen", "openssh-client"},
          new String[] {"ufw", "ufw"},
          new String[] {"iptables", "iptables"},
          new String[] {"fail2ban-server", "fail2ban"},
          new String[] {"fail2ban-client", "fail2ban"},
          new String[] {"fail2ban-regex", "fail2ban"},
          new String[] {"dockerd", "docker.io"},
          new String[] {"docker-compose", "docker-compose"},
          new String[] {"busybox", "busybox-static"},
          new String[] {"useradd", "passwd"},
          new String[] {"chpasswd", "passwd"});

  private static final List<String> DIRS =
      List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

  private Prerequisites() {}

  static Optional<String> missing() {
    if (!isRoot()) {
      return Optional.of("not root (the sandbox VPS makes network and mount namespaces)");
    }
    List<String> gone = new ArrayList<>();
    for (String[] tool : TOOLS) {
      if (DIRS.stream().noneMatch(d -> Files.isExecutable(Path.of(d, tool[0])))) {
        gone.add(tool[0] + " (" + tool[1] + ")");
      }
    }
    if (!Files.exists(Path.of("/bin/busybox"))) {
      gone.add("/bin/busybox (busybox-static)");
    }
    return gone.isEmpty()
        ? Optional.empty()
        : Optional.of("missing tools: " + String.join(", ", gone));
  }

  static boolean isRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.split("\\s+")[2].equals("0");
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }
}
