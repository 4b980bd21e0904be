package dev.hermesharden.system.hermes;

import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.system.compose.ComposeFile;
import dev.hermesharden.system.compose.ComposeService;
import dev.hermesharden.system.compose.Interpolation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The environment compose gives a service's container: its {@code env_file:}s in order, then {@code
 * environment:} over them (compose's own precedence). Used only when no container runs: a running
 * container's {@code Config.Env} is what really applies.
 *
 * <p>Caveat: interpolations take their {@code :-default}; the shell's and the project {@code
 * .env}'s values are not applied.
 */
public final class ComposeEnvironment {
  private ComposeEnvironment() {}

  /** The env files' texts are read as whoever controls them ({@link Host#readFile}). */
  public static Map<String, String> of(Host host, ComposeFile f, ComposeService s)
      throws HostException {
    Map<String, String> env = new LinkedHashMap<>();
    for (String e : s.envFiles()) {
      String path = resolve(f, e);
      Optional<String> text = host.readFile(path);
      if (text.isPresent()) {
        env.putAll(host.parsed(DotEnv.KIND, path, text.get(), DotEnv::parse).values());
      }
    }
    s.environment().forEach((k, v) -> env.put(k, Interpolation.resolveDefaults(v)));
    return env;
  }

  /** An env_file path against the compose file's directory. */
  public static String resolve(ComposeFile f, String envFile) {
    String p = Interpolation.resolveDefaults(envFile);
    return p.startsWith("/") ? p : f.directory() + "/" + p.replaceFirst("^\\./", "");
  }
}
