package dev.hermesharden.system.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.Answers;
import dev.hermesharden.system.docker.ContainerState;
import dev.hermesharden.system.docker.HermesContainers;
import dev.hermesharden.system.docker.RunningContainers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the compose files that run Hermes: the admin's answer ({@link Answers#COMPOSE_FILES},
 * {@code :}-separated) wins; otherwise the files named by the compose labels of running Hermes
 * containers ({@code com.docker.compose.project.config_files}, set by v1 and v2) and the projects
 * {@code docker compose ls --all} knows that mention Hermes; otherwise the usual places ({@code
 * /opt/hermes}, {@code /srv/hermes}, {@code ~/hermes-agent}), each with the override file compose
 * reads beside it when run there without {@code -f} ({@code docker-compose.override.yml}).
 *
 * <p>Caveat: {@code compose ls} only knows projects that were started with the v2 plugin.
 */
public final class ComposeDiscovery {
  static final List<String> DIRS = List.of("/opt/hermes", "/srv/hermes", "/root/hermes-agent");
  static final List<String> NAMES =
      List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");

  private ComposeDiscovery() {}

  /** Paths of existing compose files, in the order found, without duplicates. */
  public static List<String> find(Host host, Answers answers) throws HostException {
    Set<String> out = new LinkedHashSet<>();
    if (answers.get(Answers.COMPOSE_FILES).isPresent()) {
      for (String p : answers.get(Answers.COMPOSE_FILES).get().split(":")) {
        if (!p.isBlank() && host.lstat(p.strip()).isPresent()) {
          out.add(p.strip());
        }
      }
      return List.copyOf(out);
    }
    // the compose labels of running Hermes containers (v1 and v2 set them), wherever the file is
    Optional<List<ContainerState>> running = RunningContainers.hints(host);
    for (ContainerState c : HermesContainers.of(running.orElse(List.of()), List.of())) {
      for (String f : c.composeFiles()) {
        if (host.lstat(f).isPresent()) {
          out.add(f);
        }
      }
    }
    ExecResult ls = host.exec("docker", "compose", "ls", "--all", "--format", "json");
    if (ls.ok()) {
      for (String p : parseLs(ls.stdout())) {
        // compose ls lists every project on the host; only those that mention Hermes are ours.
        if (mentionsHermes(host, p)) {
          out.add(p);
        }
      }
    }
    if (!out.isEmpty()) {
      return List.copyOf(out);
    }
    List<String> dirs = new ArrayList<>(DIRS);
    for (String user : host.listDirectory("/home")) {
      dirs.add("/home/" + user + "/hermes-agent");
    }
    for (String dir : dirs) {
      for (String name : NAMES) {
        if (host.lstat(dir + "/" + name).isPresent()) {
          out.add(dir + "/" + name);
          // compose run there without -f reads its override file too
          for (String o : ComposeFile.overrideNames(name)) {
            if (host.lstat(dir + "/" + o).isPresent()) {
              out.add(dir + "/" + o);
              break;
            }
          }
          break; // compose itself takes the first of these names in a directory
        }
      }
    }
    return List.copyOf(out);
  }

  private static boolean mentionsHermes(Host host, String path) {
    if (path.toLowerCase(Locale.ROOT).contains("hermes")) {
      return true;
    }
    try {
      return host.readFile(path).orElse("").toLowerCase(Locale.ROOT).contains("hermes");
    } catch (HostException e) {
      return false; // not a file we may read (a link, a FIFO, too large): not judged as Hermes'
    }
  }

  /**
   * Reads {@code docker compose ls --format json}: {@code [{"Name":…,"ConfigFiles":"a,b"}]}.
   *
   * @return config file paths; empty on output that is not that JSON
   */
  public static List<String> parseLs(String json) {
    List<String> out = new ArrayList<>();
    try {
      JsonNode root = new ObjectMapper().readTree(json.isBlank() ? "[]" : json);
      for (JsonNode project : root) {
        for (String f : project.path("ConfigFiles").asText("").split(",")) {
          if (!f.isBlank()) {
            out.add(f.strip());
          }
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    return out;
  }
}
