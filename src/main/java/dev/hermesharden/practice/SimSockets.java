package dev.hermesharden.practice;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ss -Htlnpe} on the practice VPS: sshd on every address, systemd-resolved's stub on
 * 127.0.0.53, and one {@code docker-proxy} per published container port, in ss's column layout.
 */
final class SimSockets {
  private SimSockets() {}

  static String listeners(SimFs fs) {
    List<String> lines = new ArrayList<>();
    lines.add(line("127.0.0.53%lo", "53", "0.0.0.0", "systemd-resolve", 512, 15));
    lines.add(line("0.0.0.0", "22", "0.0.0.0", "sshd", 800, 3));
    int pid = 2101;
    for (SimContainers.Container c : SimContainers.all(fs)) {
      for (SimContainers.Binding b : c.bindings()) {
        if (!b.containerPort().endsWith("/tcp")) {
          continue;
        }
        boolean v6 = b.hostIp().contains(":");
        String addr = v6 ? "[" + b.hostIp() + "]" : b.hostIp();
        lines.add(line(addr, b.hostPort(), v6 ? "[::]" : "0.0.0.0", "docker-proxy", pid++, 4));
      }
    }
    lines.add(line("[::]", "22", "[::]", "sshd", 800, 4));
    return String.join("", lines);
  }

  private static String line(String addr, String port, String peer, String proc, int pid, int fd) {
    return String.format(
        Locale.ROOT,
        "LISTEN 0      4096   %15s:%-5s %10s:*    users:((\"%s\",pid=%d,fd=%d))%n",
        addr,
        port,
        peer,
        proc,
        pid,
        fd);
  }
}
