package dev.hermesharden.practice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermesharden.checks.containers.ContainerFacts;
import dev.hermesharden.system.compose.ComposeFile;
import dev.hermesharden.system.compose.ComposeService;
import dev.hermesharden.system.compose.Interpolation;
import dev.hermesharden.system.compose.PortPublish;
import dev.hermesharden.system.compose.VolumeMount;
import dev.hermesharden.system.docker.Confinement;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The practice VPS's Docker daemon state: running containers, one tab-separated line each in {@code
 * SIM_DIR/docker/containers}. Containers are made from a compose file as {@code docker compose up
 * -d} would make them (a publish without host address binds {@code 0.0.0.0} and {@code ::}).
 */
final class SimContainers {
  static final String FILE = SimFs.SIM_DIR + "/docker/containers";

  /** One published port of a container. */
  record Binding(String containerPort, String hostIp, String hostPort) {}

  /** One bind mount. */
  record Mount(String source, String destination) {}

  /** One running container. */
  record Container(
      String id,
      String name,
      String project,
      String service,
      String configFile,
      String image,
      boolean privileged,
      String networkMode,
      List<Binding> bindings,
      List<Mount> mounts,
      Confinement confinement) {}

  private SimContainers() {}

  static List<Container> all(SimFs fs) {
    List<Container> out = new ArrayList<>();
    for (String line : fs.read(FILE).orElse("").split("\n")) {
      String[] f = line.split("\t", -1);
      if (f.length < 10) {
        continue;
      }
      List<Binding> bindings = new ArrayList<>();
      for (String b : f[8].isEmpty() ? new String[0] : f[8].split(";")) {
        String[] p = b.split("\\|", -1);
        bindings.add(new Binding(p[0], p[1], p[2]));
      }
      List<Mount> mounts = new ArrayList<>();
      for (String m : f[9].isEmpty() ? new String[0] : f[9].split(";")) {
        String[] p = m.split("\\|", -1);
        mounts.add(new Mount(p[0], p[1]));
      }
      out.add(
          new Container(
              f[0],
              f[1],
              f[2],
              f[3],
              f[4],
              f[5],
              f[6].equals("true"),
              f[7],
              bindings,
              mounts,
              f.length > 10 ? decode(f[10]) : Confinement.NONE));
    }
    return out;
  }

  static void save(SimFs fs, List<Container> containers) {
    StringBuilder sb = new StringBuilder();
    for (Container c : containers) {
      sb.append(
              String.join(
                  "\t", c.id(), c.name(), c.project(), c.service(), c.configFile(), c.image()))
          .append('\t')
          .append(c.privileged())
          .append('\t')
          .append(c.networkMode())
          .append('\t')
          .append(
              String.join(
                  ";",
                  c.bindings().stream()
                      .map(b -> b.containerPort() + "|" + b.hostIp() + "|" + b.hostPort())
                      .toList()))
          .append('\t')
          .append(
              String.join(
                  ";", c.mounts().stream().map(m -> m.source() + "|" + m.destination()).toList()))
          .append('\t')
          .append(encode(c.confinement()))
          .append('\n');
    }
    fs.mkdirs(SimFs.parent(FILE));
    fs.write(FILE, sb.toString());
  }

  /** Replaces the containers of one compose file with ones made from its current text. */
  static void up(SimFs fs, ComposeFile file) {
    List<Container> kept =
        new ArrayList<>(all(fs).stream().filter(c -> !c.configFile().equals(file.path())).toList());
    for (ComposeService s : file.services()) {
      kept.add(create(fs, file, s));
    }
    save(fs, kept);
  }

  private static Container create(SimFs fs, ComposeFile f, ComposeService s) {
    List<Binding> bindings = new ArrayList<>();
    for (PortPublish p : s.ports()) {
      String port = Interpolation.resolveDefaults(p.target()) + "/" + p.protocol();
      String host = p.published().isEmpty() ? "32768" : p.publishedResolved();
      String ip = Interpolation.resolveDefaults(p.hostIp());
      if (s.hostNetwork()) {
        continue; // host networking publishes nothing
      }
      if (ip.isEmpty()) {
        bindings.add(new Binding(port, "0.0.0.0", host));
        bindings.add(new Binding(port, "::", host));
      } else {
        bindings.add(new Binding(port, ip, host));
      }
    }
    List<Mount> mounts = new ArrayList<>();
    for (VolumeMount v : s.volumes()) {
      if (v.isBind()) {
        String src = Interpolation.resolveDefaults(v.source());
        src =
            src.startsWith("~")
                ? "/root" + src.substring(1)
                : src.startsWith("/") ? src : f.directory() + "/" + src.replaceFirst("^\\./", "");
        mounts.add(new Mount(src, v.target()));
      }
    }
    String name =
        s.containerName().isEmpty() ? f.projectName() + "-" + s.name() + "-1" : s.containerName();
    return new Container(
        id(f.path() + "/" + s.name()),
        name,
        f.projectName(),
        s.name(),
        f.path(),
        s.image(),
        s.privileged(),
        s.networkMode().isEmpty() ? f.projectName() + "_default" : s.networkMode(),
        bindings,
        mounts,
        confinement(fs, s.hardening()));
  }

  /**
   * The confinement Docker puts in force when it creates the container from a service: CPUs as
   * written, memory in bytes, and the logging driver falling back to the daemon's default in {@code
   * /etc/docker/daemon.json} (json-file without options when it names none), as dockerd does.
   * Jackson is only asked when that file exists: seeding the practice VPS must not load it.
   */
  private static Confinement confinement(SimFs fs, Confinement h) {
    String driver = h.logDriver();
    Map<String, String> opts = new LinkedHashMap<>(h.logOptions());
    if (driver.isEmpty() && opts.isEmpty()) {
      driver = "json-file";
      Optional<String> daemon = fs.read(ContainerFacts.DAEMON_JSON);
      if (daemon.isPresent()) {
        try {
          JsonNode d = SimDocker.Json.MAPPER.readTree(daemon.get());
          driver = d.path("log-driver").asText("json-file");
          d.path("log-opts").properties().forEach(e -> opts.put(e.getKey(), e.getValue().asText()));
        } catch (java.io.IOException e) {
          // dockerd would not start with it; the practice daemon keeps its defaults
        }
      }
    } else if (driver.isEmpty()) {
      driver = "json-file";
    }
    long memory = bytes(h.memory());
    return new Confinement(
        h.securityOpt(),
        h.capDrop(),
        h.cpus(),
        memory > 0 ? Long.toString(memory) : "",
        driver,
        opts);
  }

  // The state file's column: fields split by US, list items by RS, a map entry's key and value
  // by GS (control characters no compose value of the practice VPS holds).
  private static final String FIELD = "\u001f";
  private static final String ITEM = "\u001e";
  private static final String PAIR = "\u001d";

  static String encode(Confinement c) {
    return String.join(
        FIELD,
        String.join(ITEM, c.securityOpt()),
        String.join(ITEM, c.capDrop()),
        c.cpus(),
        c.memory(),
        c.logDriver(),
        String.join(
            ITEM,
            c.logOptions().entrySet().stream()
                .map(e -> e.getKey() + PAIR + e.getValue())
                .toList()));
  }

  static Confinement decode(String text) {
    String[] f = text.split(FIELD, -1);
    if (f.length != 6) {
      return Confinement.NONE; // a state file of an older version
    }
    Map<String, String> opts = new LinkedHashMap<>();
    for (String e : items(f[5])) {
      String[] kv = e.split(PAIR, 2);
      opts.put(kv[0], kv.length > 1 ? kv[1] : "");
    }
    return new Confinement(items(f[0]), items(f[1]), f[2], f[3], f[4], opts);
  }

  private static List<String> items(String s) {
    return s.isEmpty() ? List.of() : List.of(s.split(ITEM, -1));
  }

  private static final java.util.regex.Pattern SIZE =
      java.util.regex.Pattern.compile("(?i)([0-9.]+)\\s*([kmg]?)b?");

  /** A compose memory size ({@code 4g}, {@code 512M}, {@code 1073741824}) in bytes; 0 for none. */
  static long bytes(String size) {
    java.util.regex.Matcher m = SIZE.matcher(size.strip());
    if (!m.matches()) {
      return 0;
    }
    int shift =
        switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
          case "k" -> 10;
          case "m" -> 20;
          case "g" -> 30;
          default -> 0;
        };
    return Math.round(Double.parseDouble(m.group(1)) * (1L << shift));
  }

  private static String id(String seed) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
