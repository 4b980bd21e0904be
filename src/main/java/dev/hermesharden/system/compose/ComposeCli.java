package dev.hermesharden.system.compose;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which compose command the host has: the v2 plugin ({@code docker compose}) or the old v1 binary
 * ({@code docker-compose}). Decides the argv prefix of every compose command we plan.
 *
 * @param version the version as printed, e.g. {@code v2.27.0} or {@code 1.29.2}
 */
public record ComposeCli(boolean plugin, String version) {

  /** The first compose that answers {@code version}, v2 before v1; empty when neither does. */
  public static Optional<ComposeCli> detect(Host host) throws HostException {
    ExecResult v2 = host.exec("docker", "compose", "version");
    if (v2.ok()) {
      return Optional.of(new ComposeCli(true, lastWord(v2.stdout())));
    }
    ExecResult v1 = host.exec("docker-compose", "version");
    if (!v1.ok()) {
      v1 = host.exec("docker-compose", "--version");
    }
    if (v1.ok()) {
      // "docker-compose version 1.29.2, build unknown"
      String first = v1.stdout().lines().findFirst().orElse("");
      String ver =
          first.replaceFirst("(?i)^docker-compose version\\s+", "").replaceFirst(",.*", "");
      return Optional.of(new ComposeCli(false, ver.strip()));
    }
    return Optional.empty();
  }

  /** e.g. {@code ["docker","compose","-f",file,"up","-d"]} for v2. */
  public List<String> argv(String... rest) {
    List<String> out =
        new ArrayList<>(plugin ? List.of("docker", "compose") : List.of("docker-compose"));
    out.addAll(List.of(rest));
    return out;
  }

  /**
   * The command that recreates a compose file's containers from its current text; never builds an
   * image (a build context is more that another account might be able to change).
   */
  public List<String> upDetached(String composeFile) {
    return upDetached(List.of(composeFile));
  }

  /** {@link #upDetached(String)} of a project of several files ({@code -f} each, in order). */
  public List<String> upDetached(List<String> composeFiles) {
    List<String> rest = new ArrayList<>();
    for (String f : composeFiles) {
      rest.add("-f");
      rest.add(f);
    }
    rest.addAll(List.of("up", "-d", "--no-build"));
    return argv(rest.toArray(String[]::new));
  }

  private static String lastWord(String out) {
    String first = out.lines().findFirst().orElse("").strip();
    return first.substring(first.lastIndexOf(' ') + 1);
  }
}
