package dev.hermesharden.checks.docker;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.compose.ComposeFile;
import dev.hermesharden.system.compose.ComposeFiles;
import dev.hermesharden.system.compose.ComposeService;
import dev.hermesharden.system.compose.Interpolation;
import dev.hermesharden.system.docker.ContainerState;
import dev.hermesharden.system.net.BindAddress;
import dev.hermesharden.system.net.SsListeners;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code docker.host-network-loopback}: a service with {@code network_mode: host} publishes
 * nothing, it listens on the host's own interfaces, so its listen addresses must be loopback:
 * {@code API_SERVER_HOST} and {@code HERMES_DASHBOARD_HOST} (from {@code environment} or an {@code
 * env_file}), and a {@code --host} in its command. In the image the dashboard defaults to {@code
 * 0.0.0.0}, so {@code HERMES_DASHBOARD=1} without a host is a finding too.
 */
public final class HostNetworkCheck implements Check<HostNetworkCheck.Facts> {
  static final List<String> HOST_VARS = List.of("API_SERVER_HOST", "HERMES_DASHBOARD_HOST");

  /**
   * The compose files, the text of each env_file they name (resolved path → text), the running
   * host-network Hermes containers and the socket table ({@code ss -Htlnpe}, empty when none runs
   * or ss failed).
   */
  public record Facts(
      ComposeFiles compose,
      Map<String, Optional<String>> envFiles,
      List<String> hostContainers,
      Optional<String> ss) {
    public Facts(ComposeFiles compose, Map<String, Optional<String>> envFiles) {
      this(compose, envFiles, List.of(), Optional.empty());
    }
  }

  /** Hermes' ports: the API and the dashboard. */
  static final List<String> PORTS = List.of("8642", "9119");

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    ComposeFiles compose = ComposeFiles.load(host, ctx.answers());
    Map<String, Optional<String>> env = new LinkedHashMap<>();
    for (ComposeFile f : compose.files()) {
      for (ComposeService s : f.hermesServices()) {
        if (s.hostNetwork()) {
          for (String e : s.envFiles()) {
            String path = resolve(f, e);
            env.put(path, host.readFile(path));
          }
        }
      }
    }
    List<String> hostContainers =
        DockerFacts.gather(host, ctx).hermesContainers().stream()
            .filter(ContainerState::hostNetwork)
            .map(ContainerState::name)
            .toList();
    Optional<String> ss = Optional.empty();
    if (!hostContainers.isEmpty()) {
      var r = SsListeners.ask(host);
      ss = r.ok() ? Optional.of(r.stdout()) : Optional.empty();
    }
    return new Facts(compose, env, hostContainers, ss);
  }

  static String resolve(ComposeFile f, String envFile) {
    String p = Interpolation.resolveDefaults(envFile);
    return p.startsWith("/") ? p : f.directory() + "/" + p.replaceFirst("^\\./", "");
  }

  @Override
  public Verdict evaluate(Facts facts, Params params, StepContext ctx) {
    Map<String, String> found = new LinkedHashMap<>();
    Optional<String> privateCidr = DockerFacts.privateCidr(ctx);
    int hostServices = 0;
    for (ComposeFile f : facts.compose().files()) {
      for (ComposeService s : f.hermesServices()) {
        if (!s.hostNetwork()) {
          continue;
        }
        hostServices++;
        Map<String, String> env = new LinkedHashMap<>();
        for (String e : s.envFiles()) {
          facts
              .envFiles()
              .getOrDefault(resolve(f, e), Optional.empty())
              .ifPresent(t -> env.putAll(dotenv(t)));
        }
        s.environment().forEach((k, v) -> env.put(k, Interpolation.resolveDefaults(v)));
        String where = f.path() + ":" + s.line() + " " + s.name();
        for (String var : HOST_VARS) {
          String value = env.getOrDefault(var, "");
          if (!value.isEmpty() && BindAddress.isPublic(value, privateCidr)) {
            found.put(where + " " + var, value);
          }
        }
        if (isTrue(env.get("HERMES_DASHBOARD"))
            && env.getOrDefault("HERMES_DASHBOARD_HOST", "").isEmpty()) {
          found.put(where + " HERMES_DASHBOARD_HOST", "(unset: 0.0.0.0)");
        }
        int h = s.command().indexOf("--host");
        if (h >= 0
            && h + 1 < s.command().size()
            && BindAddress.isPublic(s.command().get(h + 1), privateCidr)) {
          found.put(where + " --host", s.command().get(h + 1));
        }
      }
    }
    // live: a host-network Hermes listens on the host's own sockets; what ss shows is what is open,
    // whatever the files say (.env overrides compose's environment inside Hermes)
    if (facts.ss().isPresent()) {
      found.clear();
      for (SsListeners.Listener l : SsListeners.parse(facts.ss().get())) {
        if (PORTS.contains(l.port()) && l.isPublic(privateCidr)) {
          found.put("listening " + l.label(), l.process().isEmpty() ? "?" : l.process());
        }
      }
    }
    if (hostServices == 0 && facts.hostContainers().isEmpty()) {
      return Verdict.notApplicable("reason.docker.no-host-network");
    }
    hostServices = Math.max(hostServices, facts.hostContainers().size());
    if (found.isEmpty()) {
      return Verdict.pass("reason.docker.host-network-loopback", hostServices);
    }
    Verdict v =
        Verdict.fail("reason.docker.host-network-public", String.join(", ", found.keySet()));
    return new Verdict(v.status(), v.reason(), found);
  }

  static boolean isLoopback(String addr) {
    return BindAddress.isLoopback(addr);
  }

  private static boolean isTrue(String v) {
    return v != null
        && List.of("1", "true", "yes", "on").contains(v.strip().toLowerCase(Locale.ROOT));
  }

  /** KEY=VALUE lines of an env file; comments, blanks and {@code export } prefixes handled. */
  static Map<String, String> dotenv(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String l = line.strip().replaceFirst("^export\\s+", "");
      int eq = l.indexOf('=');
      if (l.isEmpty() || l.startsWith("#") || eq <= 0) {
        continue;
      }
      String v = l.substring(eq + 1).strip();
      if (v.length() >= 2
          && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
        v = v.substring(1, v.length() - 1);
      }
      out.put(l.substring(0, eq).strip(), v);
    }
    return out;
  }
}
