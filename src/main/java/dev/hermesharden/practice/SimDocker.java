package dev.hermesharden.practice;

import static dev.hermesharden.practice.SimComponent.fail;
import static dev.hermesharden.practice.SimComponent.ok;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.system.compose.ComposeFile;
import dev.hermesharden.system.docker.Confinement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Docker on the practice VPS: the daemon ({@code docker.service}), the Hermes compose project at
 * {@code /opt/hermes} running with ports 8642 and 9119 published on every address, and the commands
 * that look at it ({@code docker compose version|ls|up}, {@code docker ps|inspect}). Also answers
 * {@code ss -Htlnpe} and {@code find} (see {@link SimSockets}, {@link SimFind}).
 */
final class SimDocker implements SimComponent {
  static final String COMPOSE_FILE = "/opt/hermes/docker-compose.yml";
  static final String COMPOSE =
      """
      # Hermes Agent on this VPS, set up from the upstream Docker guide.
      #   cd /opt/hermes && docker compose up -d
      # Data (config.yaml, .env, memories, skills) lives in ./data on the host.
      services:
        hermes:
          image: nousresearch/hermes-agent:latest
          container_name: hermes
          restart: unless-stopped
          command: gateway run
          ports:
            - "8642:8642"   # gateway API (OpenAI-compatible)
            - "9119:9119"   # dashboard (only served when HERMES_DASHBOARD=1)
          volumes:
            - ./data:/opt/data
          environment:
            - HERMES_DASHBOARD=1
            # Uncomment to pass keys from the shell instead of data/.env:
            # - OPENROUTER_API_KEY=${OPENROUTER_API_KEY}
      """;
  private static final String NO_DAEMON =
      "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n";

  /**
   * The mapper, made on first use (made when docker is first asked, not when the practice VPS is
   * built: Jackson is ~600 classes the first frame does not need). {@link SimContainers} shares it.
   */
  static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  @Override
  public void seed(SimFs fs) {
    fs.mkdirs("/opt/hermes");
    fs.write(COMPOSE_FILE, COMPOSE);
    SimServices.set(fs, "docker", true, true);
    SimContainers.up(fs, ComposeFile.parse(COMPOSE_FILE, COMPOSE));
  }

  @Override
  public Optional<ExecResult> handle(List<String> argv, SimFs fs) {
    return switch (argv.get(0)) {
      case "docker" -> Optional.of(docker(argv, fs));
      case "ss" -> Optional.of(ok(argv, SimSockets.listeners(fs)));
      case "find" -> Optional.of(SimFind.run(argv, fs));
      default -> Optional.empty();
    };
  }

  private static ExecResult docker(List<String> argv, SimFs fs) {
    String sub = argv.size() > 1 ? argv.get(1) : "";
    if (sub.equals("compose") && argv.size() > 2 && argv.get(2).equals("version")) {
      return ok(argv, "Docker Compose version v2.27.0\n");
    }
    if (!SimServices.get(fs, "docker").map(SimServices.Unit::active).orElse(false)) {
      return fail(argv, 1, NO_DAEMON);
    }
    return switch (sub) {
      case "compose" -> compose(argv, fs);
      case "ps" -> ok(argv, ps(fs));
      case "inspect" -> inspect(argv, fs);
      default ->
          fail(argv, 1, "docker: '" + sub + "' is not a docker command.\nSee 'docker --help'\n");
    };
  }

  private static ExecResult compose(List<String> argv, SimFs fs) {
    if (argv.size() > 2 && argv.get(2).equals("ls")) {
      Map<String, Integer> running = new LinkedHashMap<>();
      Map<String, String> names = new LinkedHashMap<>();
      for (SimContainers.Container c : SimContainers.all(fs)) {
        running.merge(c.configFile(), 1, Integer::sum);
        names.put(c.configFile(), c.project());
      }
      ArrayNode out = Json.MAPPER.createArrayNode();
      running.forEach(
          (file, n) ->
              out.addObject()
                  .put("Name", names.get(file))
                  .put("Status", "running(" + n + ")")
                  .put("ConfigFiles", file));
      return ok(argv, out + "\n");
    }
    int f = argv.indexOf("-f");
    if (f > 0 && f + 1 < argv.size() && argv.contains("up") && argv.contains("-d")) {
      String path = argv.get(f + 1);
      Optional<String> text = fs.read(path);
      if (text.isEmpty()) {
        return fail(argv, 1, "open " + path + ": no such file or directory\n");
      }
      ComposeFile file;
      try {
        file = ComposeFile.parse(path, text.get());
      } catch (IllegalArgumentException e) {
        return fail(argv, 15, "yaml: " + e.getMessage() + "\n");
      }
      SimContainers.up(fs, file);
      StringBuilder err = new StringBuilder();
      for (SimContainers.Container c : SimContainers.all(fs)) {
        if (c.configFile().equals(path)) {
          err.append(" Container ").append(c.name()).append("  Recreate\n");
          err.append(" Container ").append(c.name()).append("  Recreated\n");
          err.append(" Container ").append(c.name()).append("  Starting\n");
          err.append(" Container ").append(c.name()).append("  Started\n");
        }
      }
      return new ExecResult(argv, 0, "", err.toString());
    }
    return fail(
        argv,
        1,
        "unknown docker command: \"compose "
            + String.join(" ", argv.subList(2, argv.size()))
            + "\"\n");
  }

  private static String ps(SimFs fs) {
    StringBuilder sb = new StringBuilder();
    for (SimContainers.Container c : SimContainers.all(fs)) {
      ObjectNode o = Json.MAPPER.createObjectNode();
      o.put("Command", "\"/init /opt/hermes/docker/main-wrapper.sh gateway run\"");
      o.put("CreatedAt", "2024-11-24 00:00:00 +0000 UTC");
      o.put("ID", c.id().substring(0, 12));
      o.put("Image", c.image());
      o.put(
          "Labels",
          "com.docker.compose.project="
              + c.project()
              + ",com.docker.compose.service="
              + c.service());
      o.put("LocalVolumes", "0");
      o.put(
          "Mounts",
          String.join(",", c.mounts().stream().map(SimContainers.Mount::source).toList()));
      o.put("Names", c.name());
      o.put("Networks", c.networkMode());
      o.put(
          "Ports",
          String.join(
              ", ",
              c.bindings().stream()
                  .map(
                      b ->
                          (b.hostIp().equals("::") ? ":::" : b.hostIp() + ":")
                              + b.hostPort()
                              + "->"
                              + b.containerPort())
                  .toList()));
      o.put("RunningFor", "2 hours ago");
      o.put("Size", "0B");
      o.put("State", "running");
      o.put("Status", "Up 2 hours");
      sb.append(o).append('\n');
    }
    return sb.toString();
  }

  private static ExecResult inspect(List<String> argv, SimFs fs) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    StringBuilder err = new StringBuilder();
    List<SimContainers.Container> all = SimContainers.all(fs);
    for (String ref : argv.subList(2, argv.size())) {
      if (ref.startsWith("-")) {
        continue;
      }
      Optional<SimContainers.Container> c =
          all.stream().filter(x -> x.id().startsWith(ref) || x.name().equals(ref)).findFirst();
      if (c.isEmpty()) {
        err.append("Error: No such object: ").append(ref).append('\n');
      } else {
        out.add(inspectJson(c.get()));
      }
    }
    String json;
    try {
      json =
          out.isEmpty()
              ? "[]"
              : Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return new ExecResult(argv, err.length() == 0 ? 0 : 1, json + "\n", err.toString());
  }

  private static ObjectNode inspectJson(SimContainers.Container c) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("Id", c.id());
    o.put("Name", "/" + c.name());
    o.putObject("State").put("Status", "running").put("Running", true).put("Pid", 1500);
    ObjectNode hc = o.putObject("HostConfig");
    hc.put("NetworkMode", c.networkMode()).put("Privileged", c.privileged());
    Confinement k = c.confinement();
    k.securityOpt().forEach(hc.putArray("SecurityOpt")::add);
    k.capDrop().forEach(hc.putArray("CapDrop")::add);
    hc.put("NanoCpus", k.cpus().isEmpty() ? 0 : Math.round(Double.parseDouble(k.cpus()) * 1e9));
    hc.put("Memory", k.memory().isEmpty() ? 0 : Long.parseLong(k.memory()));
    ObjectNode log = hc.putObject("LogConfig").put("Type", k.logDriver());
    ObjectNode opts = log.putObject("Config");
    k.logOptions().forEach(opts::put);
    ArrayNode mounts = o.putArray("Mounts");
    for (SimContainers.Mount m : c.mounts()) {
      mounts
          .addObject()
          .put("Type", "bind")
          .put("Source", m.source())
          .put("Destination", m.destination())
          .put("Mode", "rw")
          .put("RW", true)
          .put("Propagation", "rprivate");
    }
    ObjectNode config = o.putObject("Config");
    config.put("Hostname", c.id().substring(0, 12)).put("Image", c.image());
    config
        .putObject("Labels")
        .put("com.docker.compose.project", c.project())
        .put("com.docker.compose.project.config_files", c.configFile())
        .put("com.docker.compose.project.working_dir", SimFs.parent(c.configFile()))
        .put("com.docker.compose.service", c.service());
    ObjectNode ports = o.putObject("NetworkSettings").putObject("Ports");
    for (SimContainers.Binding b : c.bindings()) {
      ArrayNode list =
          ports.has(b.containerPort())
              ? (ArrayNode) ports.get(b.containerPort())
              : ports.putArray(b.containerPort());
      list.addObject().put("HostIp", b.hostIp()).put("HostPort", b.hostPort());
    }
    return o;
  }
}
