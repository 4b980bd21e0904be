package dev.hermesharden.fixes.docker;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.practice.SimulatedHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Test-only: the practice VPS plus {@code usermod -s} and {@code gpasswd -d} over {@code
 * /etc/passwd} and {@code /etc/group}, which the users step's simulator answers on the main branch
 * but not on this one.
 */
public final class UsersShim implements Host {
  private final SimulatedHost sim;

  public UsersShim(SimulatedHost sim) {
    this.sim = sim;
  }

  @Override
  public ExecResult exec(List<String> argv, Duration timeout) throws HostException {
    if (argv.size() == 4 && argv.get(0).equals("usermod") && argv.get(1).equals("-s")) {
      edit("/etc/passwd", argv.get(3) + ":", f -> f[6] = argv.get(2));
      return new ExecResult(argv, 0, "", "");
    }
    if (argv.size() == 4 && argv.get(0).equals("gpasswd") && argv.get(1).equals("-d")) {
      String user = argv.get(2);
      edit(
          "/etc/group",
          argv.get(3) + ":",
          f -> {
            List<String> m = new ArrayList<>(List.of(f[3].split(",")));
            m.remove(user);
            f[3] = String.join(",", m);
          });
      return new ExecResult(
          argv, 0, "Removing user " + user + " from group " + argv.get(3) + "\n", "");
    }
    return sim.exec(argv, timeout);
  }

  private void edit(String file, String prefix, java.util.function.Consumer<String[]> change) {
    StringBuilder sb = new StringBuilder();
    for (String line : sim.fs().read(file).orElse("").split("\n")) {
      if (line.startsWith(prefix)) {
        String[] f = line.split(":", -1);
        change.accept(f);
        line = String.join(":", f);
      }
      if (!line.isEmpty()) {
        sb.append(line).append('\n');
      }
    }
    sim.fs().write(file, sb.toString());
  }

  @Override
  public Optional<String> readFile(String path) {
    return sim.readFile(path);
  }

  @Override
  public void writeFile(String path, String content, FileAttrs attrs) throws HostException {
    sim.writeFile(path, content, attrs);
  }

  @Override
  public void deleteFile(String path) {
    sim.deleteFile(path);
  }

  @Override
  public List<String> listDirectory(String path) {
    return sim.listDirectory(path);
  }

  @Override
  public boolean simulated() {
    return true;
  }

  @Override
  public String name() {
    return sim.name();
  }
}
