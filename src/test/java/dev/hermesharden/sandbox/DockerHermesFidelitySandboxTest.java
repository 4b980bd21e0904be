package dev.hermesharden.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.system.hermes.DotEnv;
import dev.hermesharden.system.hermes.HermesConfig;
import dev.hermesharden.system.hermes.HermesSettings;
import dev.hermesharden.system.net.BindAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 10, Docker and Hermes half: one sandbox VPS is put into each situation of a table (real
 * dockerd and docker-compose v1, the busybox stand-in image), the audit judges it, and the truth is
 * established by trying it — a TCP connect from the workstation to the VPS's public address, {@code
 * docker exec} for what the container really has (its environment and files) read through Hermes'
 * own precedence ({@link HermesSettings}, unit-tested against cases from the upstream code), a read
 * attempted as {@code nobody}. Each row: set up, audit, truth, compare, clean up. A row is "safe"
 * for the audit when every check it names is PASS or NOT_APPLICABLE.
 *
 * <p>Writes the table to {@code target/fidelity-docker-hermes.md} (the rows of docs/fidelity.md)
 * and fails on any false PASS, and on any false alarm not named as deliberately stricter.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
class DockerHermesFidelitySandboxTest {
  private static final String PUB = SandboxVps.VPS_PUBLIC;
  private static final String TAIL = SandboxVps.VPS_TAILNET;
  private static final String DATA = "/opt/hermes/data";
  private static final String IMAGE = "nousresearch/hermes-agent:latest";
  private static final String OTHER_IMAGE = "acme/agent:1";
  private static final List<String> DOCKER =
      List.of(
          "docker.compose-loopback", "docker.containers-loopback", "docker.no-public-listeners");
  private static final List<String> HOSTNET =
      List.of("docker.host-network-loopback", "approvals.api-host");

  /** Rows whose alarm is deliberately stricter than "safe" (named in docs/fidelity.md). */
  private static final Set<String> DELIBERATE =
      Set.of(
          "publish on the docker0 address",
          "~hermes/.hermes 0750 under /home/hermes 0701 (no container)");

  /** How one row is set up; returns the container to read the truth from ("" for none). */
  @FunctionalInterface
  interface Setup {
    String run(SandboxVps vps) throws Exception;
  }

  /** Whether the situation is safe, established by trying it. */
  @FunctionalInterface
  interface Truth {
    Fact judge(SandboxVps vps, String container) throws Exception;
  }

  record Fact(boolean safe, String how) {}

  record Row(String klass, String situation, Setup setup, List<String> checks, Truth truth) {}

  private final List<String> table = new ArrayList<>();
  private String composeFile = "";

  @Test
  void everySituationTheAuditJudgesAgreesWithTheTruth(SandboxVps vps) throws Exception {
    prepare(vps);
    List<Row> rows = rows();
    int falsePass = 0;
    List<String> alarms = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    int n = 0;
    for (Row r : rows) {
      n++;
      String container = r.setup().run(vps);
      Map<String, JsonNode> audit = audit(vps, r.checks());
      Fact truth = r.truth().judge(vps, container);
      List<String> notOk = new ArrayList<>();
      for (String id : r.checks()) {
        JsonNode c = audit.get(id);
        String s = c == null ? "MISSING" : c.get("status").asText();
        if (!s.equals("PASS") && !s.equals("NOT_APPLICABLE")) {
          notOk.add(id + " " + s);
        }
      }
      boolean auditSafe = notOk.isEmpty();
      String verdict =
          auditSafe ? "PASS (" + String.join(", ", r.checks()) + ")" : String.join(", ", notOk);
      String mark = "";
      if (auditSafe && !truth.safe()) {
        falsePass++;
        mark = " **false PASS**";
        failures.add(r.situation() + ": " + audit(r, audit));
      } else if (!auditSafe && truth.safe()) {
        alarms.add(r.situation());
        mark = DELIBERATE.contains(r.situation()) ? " (deliberate alarm)" : " **false alarm**";
        if (!DELIBERATE.contains(r.situation())) {
          failures.add(r.situation() + ": " + audit(r, audit));
        }
      }
      table.add(
          "| D"
              + n
              + " | "
              + r.klass()
              + ": "
              + r.situation()
              + " | "
              + verdict
              + mark
              + " | "
              + truth.how()
              + (truth.safe() ? " → safe" : " → open")
              + " |");
    }
    down(vps);
    Path out = Path.of("target", "fidelity-docker-hermes.md");
    Files.createDirectories(out.getParent());
    Files.writeString(
        out,
        String.join("\n", table)
            + "\n\nrows: "
            + rows.size()
            + ", false PASS: "
            + falsePass
            + ", alarms: "
            + alarms
            + "\n");
    assertTrue(rows.size() >= 50, "breadth: " + rows.size());
    assertEquals(List.of(), failures, String.join("\n", table));
    assertEquals(0, falsePass);
  }

  private static String audit(Row r, Map<String, JsonNode> audit) {
    StringBuilder sb = new StringBuilder();
    for (String id : r.checks()) {
      sb.append("\n  ").append(audit.get(id));
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- the table

  private List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    // class 5: "public" is every address that is not loopback (or the private path)
    String[][] publishes = {
      {"8642", "\"8642:8642\"", "no host address"},
      {"8642", "\"0.0.0.0:8642:8642\"", "0.0.0.0"},
      {"8642", "\"" + PUB + ":8642:8642\"", "the VPS's own public address"},
      {"8642", "\"127.0.0.1:8642:8642\"", "127.0.0.1"},
      {"8642", "\"127.0.0.2:8642:8642\"", "127.0.0.2 (loopback range)"},
      {"8642", "\"" + TAIL + ":8642:8642\"", "the tailnet address (private path)"},
      {"8642", "\"${BIND:-" + PUB + "}:8642:8642\"", "an interpolated public default"},
      {"8642", "\"${BIND:-127.0.0.1}:8642:8642\"", "an interpolated loopback default"},
      {"9119", "\"" + PUB + ":9119:9119\"", "the dashboard on the public address"},
      {"9119", "\"127.0.0.1:9119:9119\"", "the dashboard on 127.0.0.1"},
    };
    for (String[] p : publishes) {
      rows.add(
          new Row(
              "5",
              "publish on " + p[2],
              v ->
                  up(
                      v,
                      "/opt/hermes",
                      service("hermes", IMAGE, "hermes", List.of(p[1]), DATA, "", "")),
              DOCKER,
              (v, c) -> reach(v, Integer.parseInt(p[0]))));
    }
    String longSyntax = "      - target: 8642\n        published: 8642\n        protocol: tcp\n";
    rows.add(
        new Row(
            "5",
            "long syntax without host_ip",
            v ->
                up(
                    v,
                    "/opt/hermes",
                    "version: \"3.8\"\n"
                        + serviceRaw("hermes", IMAGE, "hermes", longSyntax, DATA, "", "")),
            DOCKER,
            (v, c) -> reach(v, 8642)));
    rows.add(
        new Row(
            "5",
            "publish on the docker0 address",
            v ->
                up(
                    v,
                    "/opt/hermes",
                    service(
                        "hermes",
                        IMAGE,
                        "hermes",
                        List.of("\"172.17.0.1:8642:8642\""),
                        DATA,
                        "",
                        "")),
            DOCKER,
            (v, c) -> reach(v, 8642)));
    // class 6: found by what it runs and mounts, and by compose labels, wherever the file is
    for (boolean open : List.of(true, false)) {
      String pub = open ? "\"8642:8642\"" : "\"127.0.0.1:8642:8642\"";
      String how = open ? "public" : "loopback";
      rows.add(
          new Row(
              "6",
              "image/service not named hermes, mounts HERMES_HOME at /opt/data, file in /srv/stack, "
                  + how,
              v ->
                  up(
                      v,
                      "/srv/stack",
                      service("agent", OTHER_IMAGE, "bot", List.of(pub), DATA, "", "")),
              DOCKER,
              (v, c) -> reach(v, 8642)));
      rows.add(
          new Row(
              "6",
              "not named hermes, HERMES_HOME=/data in its environment, " + how,
              v ->
                  up(
                      v,
                      "/srv/stack",
                      service(
                          "agent",
                          OTHER_IMAGE,
                          "bot",
                          List.of(pub),
                          "",
                          "/srv/stack/data:/data",
                          "      - HERMES_HOME=/data\n")),
              DOCKER,
              (v, c) -> reach(v, 8642)));
      rows.add(
          new Row(
              "6",
              "not named hermes, runs `hermes gateway run`, no mounts, " + how,
              v ->
                  up(
                      v,
                      "/srv/stack",
                      service("agent", OTHER_IMAGE, "bot", List.of(pub), "", "", "")
                          .replace(
                              "    image: " + OTHER_IMAGE + "\n",
                              "    image: "
                                  + OTHER_IMAGE
                                  + "\n    command: [\"hermes\", \"gateway\", \"run\"]\n")),
              DOCKER,
              (v, c) -> reach(v, 8642)));
    }
    rows.add(
        new Row(
            "6",
            "an unrelated public container beside a loopback Hermes",
            v -> {
              up(
                  v,
                  "/opt/hermes",
                  service(
                          "hermes",
                          IMAGE,
                          "hermes",
                          List.of("\"127.0.0.1:8642:8642\""),
                          DATA,
                          "",
                          "")
                      + "  web:\n    image: "
                      + OTHER_IMAGE
                      + "\n    container_name: web\n    ports:\n      - \"8080:8642\"\n");
              return "hermes";
            },
            DOCKER,
            (v, c) -> reach(v, 8642)));
    for (String mode : List.of("0755", "0700")) {
      rows.add(
          new Row(
              "6",
              "HERMES_HOME is the container's mount /srv/stack/data ("
                  + mode
                  + ", hermes'), a stale ~hermes/.hermes is 0700",
              v -> {
                v.inVps(
                    List.of(
                        "install",
                        "-d",
                        "-o",
                        "hermes",
                        "-g",
                        "hermes",
                        "-m",
                        mode,
                        "/srv/stack/data"));
                v.inVps(List.of("chmod", mode, "/srv/stack/data"));
                v.inVps(
                    List.of(
                        "sh",
                        "-c",
                        "echo 'approvals: {}' > /srv/stack/data/config.yaml; chown hermes:hermes /srv/stack/data/config.yaml; chmod 0644 /srv/stack/data/config.yaml"));
                return up(
                    v,
                    "/srv/stack",
                    service(
                        "agent",
                        OTHER_IMAGE,
                        "bot",
                        List.of("\"127.0.0.1:8642:8642\""),
                        "/srv/stack/data",
                        "",
                        ""));
              },
              List.of("hermes-dir.found", "hermes-dir.directory"),
              (v, c) -> readableByNobody(v, "/srv/stack/data/config.yaml")));
    }
    // the API bind where it takes effect (bridge vs host network)
    for (String[] b :
        new String[][] {
          {"bridge", "0.0.0.0", "\"127.0.0.1:8642:8642\""},
          {"bridge", "0.0.0.0", "\"8642:8642\""},
          {"bridge", "127.0.0.1", "\"127.0.0.1:8642:8642\""},
          {"host", "0.0.0.0", ""},
          {"host", "127.0.0.1", ""},
          {"host", PUB, ""},
          {"host", TAIL, ""},
        }) {
      rows.add(
          new Row(
              "fa",
              "API_SERVER_HOST="
                  + b[1]
                  + " in a "
                  + b[0]
                  + " container"
                  + (b[2].isEmpty() ? "" : " published " + b[2]),
              v -> {
                writeData(v, "approvals:\n  mode: manual\n", "");
                String env =
                    "      - API_SERVER_ENABLED=true\n      - API_SERVER_HOST="
                        + b[1]
                        + "\n      - HERMES_DASHBOARD_HOST=127.0.0.1\n";
                String s =
                    service(
                        "hermes",
                        IMAGE,
                        "hermes",
                        b[2].isEmpty() ? List.of() : List.of(b[2]),
                        DATA,
                        "",
                        env);
                if (b[0].equals("host")) {
                  s =
                      s.replace(
                          "    container_name: hermes\n",
                          "    container_name: hermes\n    network_mode: host\n");
                }
                return up(v, "/opt/hermes", s);
              },
              b[0].equals("host")
                  ? HOSTNET
                  : List.of("approvals.api-host", "docker.containers-loopback"),
              (v, c) -> reach(v, 8642)));
    }
    // class 7: Hermes' settings from every source, as Hermes combines them
    String[][] yolo = {
      {"HERMES_YOLO_MODE=1 in compose environment", "      - HERMES_YOLO_MODE=1\n", ""},
      {
        "HERMES_YOLO_MODE=1 in compose, =0 in .env (.env wins)",
        "      - HERMES_YOLO_MODE=1\n",
        "HERMES_YOLO_MODE=0\n"
      },
      {"HERMES_YOLO_MODE=true in .env only", "", "HERMES_YOLO_MODE=true\n"},
      {"HERMES_YOLO_MODE=no in compose environment", "      - HERMES_YOLO_MODE=no\n", ""},
      {"HERMES_YOLO_MODE=on via env_file", "ENVFILE", ""},
    };
    for (String[] y : yolo) {
      rows.add(
          new Row(
              "7",
              y[0],
              v -> {
                writeData(v, "approvals:\n  mode: manual\n", y[2]);
                String s =
                    service(
                        "hermes",
                        IMAGE,
                        "hermes",
                        List.of("\"127.0.0.1:8642:8642\""),
                        DATA,
                        "",
                        y[1].equals("ENVFILE") ? "" : y[1]);
                if (y[1].equals("ENVFILE")) {
                  Files.writeString(v.vpsPath("/opt/hermes/extra.env"), "HERMES_YOLO_MODE=on\n");
                  s =
                      s.replace(
                          "    container_name: hermes\n",
                          "    container_name: hermes\n    env_file: ./extra.env\n");
                }
                return up(v, "/opt/hermes", s);
              },
              List.of("approvals.mode", "approvals.yolo-env"),
              (v, c) ->
                  settings(
                      v, c, st -> !st.yolo() && st.approvalsMode().equals("manual"), "yolo/mode")));
    }
    String[] modes = {
      "manual", "yes", "\"yes\"", "off", "\"off\"", "smart", "Manual", "on", "\"\"", "(unset)"
    };
    for (String m : modes) {
      rows.add(
          new Row(
              "7",
              "approvals.mode: " + m,
              v -> {
                writeData(
                    v,
                    m.equals("(unset)")
                        ? "approvals:\n  timeout: 60\n"
                        : "approvals:\n  mode: " + m + "\n",
                    "");
                return ensureStandard(v);
              },
              List.of("approvals.mode"),
              (v, c) ->
                  settings(v, c, st -> !st.yolo() && st.approvalsMode().equals("manual"), "mode")));
    }
    String[] crons = {"(unset)", "deny", "approve", "off", "\"off\"", "yes", "allow"};
    for (String m : crons) {
      rows.add(
          new Row(
              "7",
              "approvals.cron_mode: " + m,
              v -> {
                writeData(
                    v,
                    "approvals:\n  mode: manual\n"
                        + (m.equals("(unset)") ? "" : "  cron_mode: " + m + "\n"),
                    "");
                return ensureStandard(v);
              },
              List.of("approvals.cron-mode"),
              (v, c) -> settings(v, c, st -> st.cronMode().equals("deny"), "cron")));
    }
    // the API server from config.yaml and env together, host network (the bind is the host's)
    String[][] api = {
      {
        "config.yaml platforms.api_server enabled, extra.host 0.0.0.0",
        "platforms:\n  api_server:\n    enabled: true\n    extra:\n      host: 0.0.0.0\n",
        ""
      },
      {
        "config.yaml enabled, extra.host 127.0.0.1",
        "platforms:\n  api_server:\n    enabled: true\n    extra:\n      host: 127.0.0.1\n",
        ""
      },
      {
        "config.yaml extra.host 127.0.0.1, .env API_SERVER_KEY + API_SERVER_HOST=0.0.0.0 (env overrides)",
        "platforms:\n  api_server:\n    enabled: true\n    extra:\n      host: 127.0.0.1\n",
        "API_SERVER_KEY=Vx3kP9qLm2ZtR7wYb4NcF8hJd6GsA1eUo5iKy0Tn\nAPI_SERVER_HOST=0.0.0.0\n"
      },
      {
        "config.yaml extra.host 0.0.0.0, .env API_SERVER_HOST=127.0.0.1 without ENABLED/KEY (extra.host stays)",
        "platforms:\n  api_server:\n    enabled: true\n    extra:\n      host: 0.0.0.0\n",
        "API_SERVER_HOST=127.0.0.1\n"
      },
      {
        "gateway.platforms.api_server enabled, host 0.0.0.0",
        "gateway:\n  platforms:\n    api_server:\n      enabled: true\n      extra:\n        host: 0.0.0.0\n",
        ""
      },
      {
        "API_SERVER_ENABLED=on (not a value Hermes accepts), host 0.0.0.0",
        "",
        "API_SERVER_ENABLED=on\nAPI_SERVER_HOST=0.0.0.0\n"
      },
    };
    for (String[] a : api) {
      rows.add(
          new Row(
              "7",
              a[0] + ", host network",
              v -> {
                writeData(v, "approvals:\n  mode: manual\n" + a[1], a[2]);
                HermesSettings.ApiServer s =
                    HermesSettings.of(
                            HermesConfig.parse("approvals:\n  mode: manual\n" + a[1]),
                            DotEnv.parse(a[2]))
                        .apiServer();
                // the stand-in binds where Hermes would; nothing listens when Hermes starts no API
                String bind = s.enabled() ? s.host() : "127.0.0.9";
                String svc =
                    service(
                            "hermes",
                            IMAGE,
                            "hermes",
                            List.of(),
                            DATA,
                            "",
                            "      - HERMES_DASHBOARD_HOST=127.0.0.1\n      - HH_API_BIND="
                                + bind
                                + "\n")
                        .replace(
                            "    container_name: hermes\n",
                            "    container_name: hermes\n    network_mode: host\n");
                return up(v, "/opt/hermes", svc);
              },
              HOSTNET,
              (v, c) -> {
                Fact net = reach(v, 8642);
                Fact st =
                    settings(
                        v,
                        c,
                        x ->
                            !x.apiServer().enabled() || !BindAddress.isPublic(x.apiServer().host()),
                        "api");
                return new Fact(net.safe() && st.safe(), net.how() + "; " + st.how());
              }));
    }
    // HERMES_HOME reachable along the whole path
    String[][] dirs = {{"0755", "0700"}, {"0755", "0755"}, {"0700", "0755"}, {"0750", "0701"}};
    for (String[] d : dirs) {
      rows.add(
          new Row(
              "fa",
              "~hermes/.hermes " + d[0] + " under /home/hermes " + d[1] + " (no container)",
              v -> {
                down(v);
                v.inVps(
                    List.of(
                        "install",
                        "-d",
                        "-o",
                        "hermes",
                        "-g",
                        "hermes",
                        "-m",
                        d[1],
                        "/home/hermes"));
                v.inVps(List.of("chmod", d[1], "/home/hermes"));
                v.inVps(
                    List.of(
                        "install",
                        "-d",
                        "-o",
                        "hermes",
                        "-g",
                        "hermes",
                        "-m",
                        d[0],
                        "/home/hermes/.hermes"));
                v.inVps(List.of("chmod", d[0], "/home/hermes/.hermes"));
                v.inVps(
                    List.of(
                        "sh",
                        "-c",
                        "echo 'approvals: {}' > /home/hermes/.hermes/config.yaml; chown hermes:hermes /home/hermes/.hermes/config.yaml; chmod 0644 /home/hermes/.hermes/config.yaml"));
                return "";
              },
              List.of("hermes-dir.found", "hermes-dir.directory"),
              (v, c) -> readableByNobody(v, "/home/hermes/.hermes/config.yaml")));
    }
    return rows;
  }

  // ---------------------------------------------------------------- set-up helpers

  private void prepare(SandboxVps vps) throws Exception {
    run(vps, "docker-compose", "-f", "/opt/hermes/docker-compose.yml", "down");
    run(vps, "rm", "-f", "/opt/hermes/docker-compose.yml");
    run(
        vps,
        "sh",
        "-c",
        "getent passwd hermes >/dev/null || adduser --system --group --home /home/hermes --shell /usr/sbin/nologin hermes");
    run(vps, "install", "-d", "-m", "0755", "/srv/stack", "/srv/stack/data");
    run(vps, "docker", "tag", IMAGE, OTHER_IMAGE);
    // a stale native data dir that is closed: the real one is the container's
    run(vps, "install", "-d", "-o", "hermes", "-g", "hermes", "-m", "0700", "/home/hermes/.hermes");
  }

  private static void run(SandboxVps vps, String... argv) throws IOException {
    ExecResult r = vps.inVps(List.of(argv), Map.of(), Duration.ofMinutes(3));
    assertEquals(0, r.exitCode(), String.join(" ", argv) + "\n" + r.stdout() + r.stderr());
  }

  /** The standard loopback Hermes, recreated only when another row changed it. */
  private String ensureStandard(SandboxVps vps) throws Exception {
    String s = service("hermes", IMAGE, "hermes", List.of("\"127.0.0.1:8642:8642\""), DATA, "", "");
    String file = "/opt/hermes/docker-compose.yml";
    if (composeFile.equals(file) && Files.readString(vps.vpsPath(file)).equals(s)) {
      return "hermes";
    }
    return up(vps, "/opt/hermes", s);
  }

  private static String service(
      String name,
      String image,
      String container,
      List<String> ports,
      String data,
      String mount,
      String env) {
    StringBuilder p = new StringBuilder();
    for (String port : ports) {
      p.append("      - ").append(port).append('\n');
    }
    return serviceRaw(name, image, container, p.toString(), data, mount, env);
  }

  private static String serviceRaw(
      String name,
      String image,
      String container,
      String ports,
      String data,
      String mount,
      String env) {
    StringBuilder s = new StringBuilder("services:\n  " + name + ":\n");
    s.append("    image: ").append(image).append('\n');
    s.append("    container_name: ").append(container).append('\n');
    if (!ports.isEmpty()) {
      s.append("    ports:\n").append(ports);
    }
    if (!data.isEmpty() || !mount.isEmpty()) {
      s.append("    volumes:\n");
      if (!data.isEmpty()) {
        s.append("      - ").append(data).append(":/opt/data\n");
      }
      if (!mount.isEmpty()) {
        s.append("      - ").append(mount).append('\n');
      }
    }
    if (!env.isEmpty()) {
      s.append("    environment:\n").append(env);
    }
    return s.toString();
  }

  /** Writes the compose file, takes the previous project down and starts this one. */
  private String up(SandboxVps vps, String dir, String compose) throws Exception {
    String file = dir + "/docker-compose.yml";
    if (!file.equals(composeFile)) {
      down(vps);
    }
    run(vps, "install", "-d", "-m", "0755", dir);
    Files.writeString(vps.vpsPath(file), compose);
    run(vps, "docker-compose", "-f", file, "up", "-d", "--force-recreate", "--remove-orphans");
    composeFile = file;
    String name = compose.replaceAll("(?s).*?container_name: (\\S+).*", "$1");
    Thread.sleep(300); // the stand-in's httpd listens as soon as its container started
    return name;
  }

  private void down(SandboxVps vps) throws Exception {
    if (!composeFile.isEmpty()) {
      run(vps, "docker-compose", "-f", composeFile, "down", "--remove-orphans");
      run(vps, "rm", "-f", composeFile);
      composeFile = "";
    }
  }

  private static void writeData(SandboxVps vps, String config, String env) throws IOException {
    Files.writeString(vps.vpsPath(DATA + "/config.yaml"), config);
    Files.writeString(vps.vpsPath(DATA + "/.env"), env);
  }

  // ---------------------------------------------------------------- the truth

  /** A real TCP connect from the workstation to the VPS's public address. */
  private static Fact reach(SandboxVps vps, int port) throws IOException {
    ExecResult r =
        vps.fromWorkstation(
            List.of("timeout", "3", "bash", "-c", "exec 3<>/dev/tcp/" + PUB + "/" + port));
    boolean open = r.exitCode() == 0;
    return new Fact(
        !open,
        "TCP connect workstation → "
            + PUB
            + ":"
            + port
            + (open ? " answered" : " refused/timed out"));
  }

  /** A read attempted as {@code nobody}, an account with no business there. */
  private static Fact readableByNobody(SandboxVps vps, String path) throws IOException {
    ExecResult r =
        vps.inVps(
            List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "cat", path));
    boolean read = r.exitCode() == 0;
    return new Fact(!read, "`cat " + path + "` as nobody " + (read ? "succeeded" : "was refused"));
  }

  /** What Hermes makes of the container's real environment and files ({@code docker exec}). */
  private static Fact settings(
      SandboxVps vps,
      String container,
      java.util.function.Predicate<HermesSettings> safe,
      String what)
      throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line :
        vps.inVps(List.of("docker", "exec", container, "busybox", "env")).stdout().split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        env.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    String home = env.getOrDefault("HERMES_HOME", "/opt/data");
    String config =
        vps.inVps(List.of("docker", "exec", container, "cat", home + "/config.yaml")).stdout();
    String dotenv = vps.inVps(List.of("docker", "exec", container, "cat", home + "/.env")).stdout();
    HermesSettings s = HermesSettings.of(HermesConfig.parse(config), DotEnv.parse(dotenv), env);
    boolean ok = safe.test(s);
    return new Fact(
        ok,
        "`docker exec "
            + container
            + " env` + its config.yaml/.env through Hermes' precedence: mode "
            + s.approvalsMode()
            + ", yolo "
            + s.yolo()
            + ", cron "
            + s.cronMode()
            + ", api "
            + (s.apiServer().enabled() ? s.apiServer().host() : "off"));
  }

  /** {@code audit --step S --json} for each step the row's checks belong to. */
  private static Map<String, JsonNode> audit(SandboxVps vps, List<String> ids) throws IOException {
    Map<String, JsonNode> checks = new LinkedHashMap<>();
    for (String step : ids.stream().map(i -> i.substring(0, i.indexOf('.'))).distinct().toList()) {
      checks.putAll(Cli.audit(vps, step));
    }
    return checks;
  }
}
