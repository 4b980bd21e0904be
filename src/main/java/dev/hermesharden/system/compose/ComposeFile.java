package dev.hermesharden.system.compose;

import dev.hermesharden.model.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A compose file as far as hardening cares: each service's published ports, network mode,
 * privileges, volumes and environment, with line numbers.
 *
 * <p>{@code references} are the other files compose reads for this one, as written: {@code include}
 * entries, {@code extends.file}, {@code env_file} and {@code build} contexts. Whoever can change
 * them can change what compose starts (see {@link ComposeTrust}).
 *
 * <p>Values the project's {@code .env} sets are put in where compose would ({@link
 * Interpolation#substitute}: ports, volumes, network mode, privileges, environment, image and
 * container names, the files it names); other interpolations are kept as written. {@code extends:}
 * of a service in the same file is merged in ({@link ComposeExtends}).
 *
 * <p>Caveat: {@code extends:} of another file and profiles are not applied ({@code extends} is kept
 * as {@link ComposeService#extendsFrom}, and the checks fail on it); an override file is a file of
 * its own here ({@link #isOverride()}, {@link ComposeFiles#project}), not merged into the other.
 *
 * @param variables the project's {@code .env} values this file was read with
 * @param hermesServices the services that belong to Hermes: those that {@link
 *     ComposeService#looksLikeHermes()}, or every service when none does (the file was named as
 *     Hermes' own); a reverse proxy beside Hermes in the same file keeps its public ports
 */
public record ComposeFile(
    String path,
    List<ComposeService> services,
    List<String> references,
    List<ComposeService> hermesServices,
    Map<String, String> variables) {
  public ComposeFile {
    variables = Map.copyOf(variables);
    services = List.copyOf(services);
    references = List.copyOf(references);
    hermesServices = List.copyOf(hermesServices);
  }

  /**
   * A file and the services it includes; its Hermes services are picked once here (every docker,
   * container and hermes-dir check asks, and a file may hold thousands of services).
   */
  public ComposeFile(String path, List<ComposeService> services, List<String> references) {
    this(path, services, references, hermesOf(services), Map.of());
  }

  /** A file that reads nothing else. */
  public ComposeFile(String path, List<ComposeService> services) {
    this(path, services, List.of());
  }

  /** The directory relative paths in the file are resolved against. */
  public String directory() {
    int i = path.lastIndexOf('/');
    return i <= 0 ? "/" : path.substring(0, i);
  }

  /**
   * The override files compose reads beside a file of this name when run in its directory without
   * {@code -f}: {@code NAME.override.yml}, then {@code NAME.override.yaml}.
   */
  public static List<String> overrideNames(String name) {
    String base = name.replaceFirst("\\.ya?ml$", "");
    return List.of(base + ".override.yml", base + ".override.yaml");
  }

  /**
   * Whether this is an override file ({@code docker-compose.override.yml}): its services are merged
   * into those of the file beside it and say only what they change, so a setting they lack is no
   * finding; what they add (a public port, a privilege, a mount) is.
   */
  public boolean isOverride() {
    return path.substring(path.lastIndexOf('/') + 1).matches(".+\\.override\\.ya?ml");
  }

  /** Compose's default project name: the directory's base name. */
  public String projectName() {
    String dir = directory();
    return dir.substring(dir.lastIndexOf('/') + 1);
  }

  /** See {@code hermesServices}. */
  private static List<ComposeService> hermesOf(List<ComposeService> services) {
    List<ComposeService> hermes =
        services.stream().filter(ComposeService::looksLikeHermes).toList();
    return hermes.isEmpty() ? services : hermes;
  }

  /**
   * The services whose published ports reach Hermes: its own ({@link #hermesServices}) and every
   * service whose network namespace one of them joins ({@code network_mode: service:NAME}, or
   * {@code container:NAME} naming a service's {@code container_name}), and so on. A sidecar (a VPN
   * or Tailscale container) that Hermes joins publishes Hermes' ports: {@code "8080:8642"} on it
   * answered the workstation with Hermes' API, while Hermes' own service published nothing.
   */
  public List<ComposeService> publishingServices() {
    List<ComposeService> out = new ArrayList<>(hermesServices);
    for (int i = 0; i < out.size(); i++) {
      String mode = out.get(i).networkMode();
      Optional<ComposeService> owner =
          mode.startsWith("service:")
              ? service(mode.substring("service:".length()).strip())
              : mode.startsWith("container:")
                  ? services.stream()
                      .filter(
                          x ->
                              !x.containerName().isEmpty()
                                  && x.containerName()
                                      .equals(mode.substring("container:".length()).strip()))
                      .findFirst()
                  : Optional.empty();
      owner.filter(o -> !out.contains(o)).ifPresent(out::add);
    }
    return out;
  }

  public Optional<ComposeService> service(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The name of this parser for {@link dev.hermesharden.host.Host#parsed}. */
  public static final String KIND = "compose";

  /**
   * Reads a compose file's text.
   *
   * @throws BadInputException when the text is not YAML or has no {@code services} mapping
   */
  public static ComposeFile parse(String path, String text) {
    return parse(path, text, Map.of());
  }

  /**
   * Reads a compose file's text as compose does with the project's {@code .env} values.
   *
   * @param variables the {@code .env} beside the file, as key/value pairs
   * @throws BadInputException when the text is not YAML or has no {@code services} mapping
   */
  public static ComposeFile parse(String path, String text, Map<String, String> variables) {
    Node root;
    try {
      root = YamlNodes.compose(text);
    } catch (YAMLException e) {
      throw BadInputException.yaml(path, e);
    }
    Node services = root == null ? null : YamlNodes.value(YamlNodes.entries(root), "services");
    if (!(services instanceof MappingNode)) {
      int line = services == null ? 1 : YamlNodes.line(services);
      throw new BadInputException(path, line, "services", "reason.input.compose-no-services");
    }
    List<ComposeService> out = new ArrayList<>();
    List<String> refs = new ArrayList<>();
    for (Node inc : YamlNodes.items(YamlNodes.value(YamlNodes.entries(root), "include"))) {
      if (inc instanceof ScalarNode) {
        refs.add(Interpolation.substitute(YamlNodes.text(inc), variables));
      } else {
        Node p = YamlNodes.value(YamlNodes.entries(inc), "path");
        if (p instanceof ScalarNode) {
          refs.add(Interpolation.substitute(YamlNodes.text(p), variables));
        }
        YamlNodes.items(p)
            .forEach(i -> refs.add(Interpolation.substitute(YamlNodes.text(i), variables)));
      }
    }
    Map<String, NodeTuple> own = YamlNodes.entries(services);
    Map<String, String> bound = boundVolumes(root, variables);
    for (Map.Entry<String, Map<String, NodeTuple>> e : ComposeExtends.merged(services).entrySet()) {
      Map<String, NodeTuple> m = e.getValue();
      ComposeService s = service(e.getKey(), own.get(e.getKey()), m, variables, bound);
      out.add(s);
      refs.addAll(s.envFiles());
      // the file of an extends, merged or not: compose reads it
      String ext =
          YamlNodes.text(
              YamlNodes.value(
                  YamlNodes.entries(
                      YamlNodes.value(
                          YamlNodes.entries(own.get(e.getKey()).getValueNode()), "extends")),
                  "file"));
      Node build = YamlNodes.value(m, "build");
      String context =
          build instanceof ScalarNode
              ? YamlNodes.text(build)
              : YamlNodes.text(YamlNodes.value(YamlNodes.entries(build), "context"));
      for (String r : List.of(ext, context)) {
        if (!r.isBlank()) {
          refs.add(Interpolation.substitute(r, variables));
        }
      }
    }
    return new ComposeFile(path, out, refs, hermesOf(out), variables);
  }

  /**
   * One service from its merged entries ({@link ComposeExtends}); {@code tuple} is its own, for the
   * line of its name.
   */
  private static ComposeService service(
      String name,
      NodeTuple tuple,
      Map<String, NodeTuple> m,
      Map<String, String> vars,
      Map<String, String> bound) {
    List<PortPublish> ports = new ArrayList<>();
    for (Node p : YamlNodes.items(YamlNodes.value(m, "ports"))) {
      port(p, vars).ifPresent(ports::add);
    }
    List<VolumeMount> volumes = new ArrayList<>();
    for (Node n : YamlNodes.items(YamlNodes.value(m, "volumes"))) {
      VolumeMount v = volume(n, vars);
      // a named volume the file binds to a host directory is that directory
      volumes.add(
          v.type().equals("volume") && bound.containsKey(v.source())
              ? new VolumeMount("bind", bound.get(v.source()), v.target(), v.readOnly(), v.line())
              : v);
    }
    Map<String, String> env = new LinkedHashMap<>();
    environment(YamlNodes.value(m, "environment"))
        .forEach((k, v) -> env.put(k, Interpolation.substitute(v, vars)));
    return new ComposeService(
        name,
        YamlNodes.line(tuple.getKeyNode()),
        text(m, "image", vars),
        text(m, "container_name", vars),
        ports,
        text(m, "network_mode", vars),
        Interpolation.resolveDefaults(text(m, "privileged", vars)).equalsIgnoreCase("true"),
        volumes,
        env,
        envFiles(YamlNodes.value(m, "env_file")).stream()
            .map(f -> Interpolation.substitute(f, vars))
            .toList(),
        command(YamlNodes.value(m, "command")),
        ComposeHardening.of(m),
        extendsFrom(YamlNodes.value(m, "extends")));
  }

  private static String text(Map<String, NodeTuple> m, String key, Map<String, String> vars) {
    return Interpolation.substitute(YamlNodes.text(YamlNodes.value(m, key)), vars);
  }

  /** {@code extends: base} or {@code extends: {file: f, service: base}} as "base" / "f base". */
  private static String extendsFrom(Node n) {
    if (n == null) {
      return "";
    }
    if (n instanceof ScalarNode) {
      return YamlNodes.text(n);
    }
    Map<String, NodeTuple> m = YamlNodes.entries(n);
    String file = YamlNodes.text(YamlNodes.value(m, "file"));
    String service = YamlNodes.text(YamlNodes.value(m, "service"));
    return (file.isBlank() ? service : file + " " + service).strip();
  }

  /** One entry of {@code ports}, with the {@code .env} values {@code vars} put in. */
  static Optional<PortPublish> port(Node p, Map<String, String> vars) {
    if (p instanceof ScalarNode s) {
      return PortPublish.parseShort(
          Interpolation.substitute(s.getValue(), vars), YamlNodes.line(p));
    }
    Map<String, NodeTuple> m = YamlNodes.entries(p);
    if (m.isEmpty()) {
      return Optional.empty();
    }
    String protocol = text(m, "protocol", vars);
    String ip = text(m, "host_ip", vars);
    if (ip.startsWith("[") && ip.endsWith("]")) {
      ip = ip.substring(1, ip.length() - 1);
    }
    return Optional.of(
        new PortPublish(
            ip,
            text(m, "published", vars),
            text(m, "target", vars),
            protocol.isEmpty() ? "tcp" : protocol,
            YamlNodes.line(p),
            true));
  }

  /**
   * The file's named volumes of the local driver bound to a host directory ({@code driver_opts}
   * {@code o: bind}, {@code device: /etc/cron.d}), by name: compose creates them so at {@code up},
   * and the container writes that directory ({@code docker-compose config} shows the device; a
   * created volume is read from {@code docker volume inspect}, ContainerFacts). With the stack down
   * {@code containers.no-host-mounts} saw only the name and passed.
   */
  private static Map<String, String> boundVolumes(Node root, Map<String, String> vars) {
    Map<String, String> out = new LinkedHashMap<>();
    YamlNodes.entries(YamlNodes.value(YamlNodes.entries(root), "volumes"))
        .forEach(
            (name, t) -> {
              Map<String, NodeTuple> opts =
                  YamlNodes.entries(
                      YamlNodes.value(YamlNodes.entries(t.getValueNode()), "driver_opts"));
              String o = text(opts, "o", vars);
              String device = text(opts, "device", vars);
              if (o.matches("(.*,)?r?bind(,.*)?") && !device.isBlank()) {
                out.put(name, device);
              }
            });
    return out;
  }

  private static VolumeMount volume(Node v, Map<String, String> vars) {
    if (v instanceof ScalarNode s) {
      return VolumeMount.parseShort(
          Interpolation.substitute(s.getValue(), vars), YamlNodes.line(v));
    }
    Map<String, NodeTuple> m = YamlNodes.entries(v);
    String type = text(m, "type", vars);
    return new VolumeMount(
        type.isEmpty() ? "volume" : type,
        text(m, "source", vars),
        text(m, "target", vars),
        YamlNodes.text(YamlNodes.value(m, "read_only")).equalsIgnoreCase("true"),
        YamlNodes.line(v));
  }

  private static Map<String, String> environment(Node n) {
    Map<String, String> env = new LinkedHashMap<>();
    if (n instanceof SequenceNode s) {
      for (Node item : s.getValue()) {
        String kv = YamlNodes.text(item);
        int eq = kv.indexOf('=');
        env.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
      }
    } else {
      YamlNodes.entries(n).forEach((k, t) -> env.put(k, YamlNodes.text(t.getValueNode())));
    }
    return env;
  }

  private static List<String> envFiles(Node n) {
    if (n instanceof ScalarNode) {
      return List.of(YamlNodes.text(n));
    }
    List<String> out = new ArrayList<>();
    for (Node item : YamlNodes.items(n)) {
      out.add(
          item instanceof ScalarNode
              ? YamlNodes.text(item)
              : YamlNodes.text(YamlNodes.value(YamlNodes.entries(item), "path")));
    }
    return out;
  }

  private static List<String> command(Node n) {
    if (n instanceof ScalarNode) {
      String c = YamlNodes.text(n).strip();
      return c.isEmpty() ? List.of() : List.of(c.split("\\s+"));
    }
    return YamlNodes.items(n).stream().map(YamlNodes::text).toList();
  }
}
