package dev.hermesharden.practice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.system.compose.ComposeDiscovery;
import dev.hermesharden.system.compose.ComposeFile;
import dev.hermesharden.system.docker.ContainerState;
import dev.hermesharden.system.docker.DockerInspectParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimDockerTest {
  @Test
  void freshVpsRunsHermesPublishedOnEveryAddress() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    ComposeFile f =
        ComposeFile.parse(
            SimDocker.COMPOSE_FILE, host.readFile(SimDocker.COMPOSE_FILE).orElseThrow());
    assertEquals("nousresearch/hermes-agent:latest", f.service("hermes").orElseThrow().image());
    assertEquals("./data", f.service("hermes").orElseThrow().volumes().get(0).source());
    assertEquals("active\n", host.exec("systemctl", "is-active", "docker").stdout());
    assertEquals("enabled\n", host.exec("systemctl", "is-enabled", "docker").stdout());
    assertEquals(
        "Docker Compose version v2.27.0\n", host.exec("docker", "compose", "version").stdout());
    ExecResult ls = host.exec("docker", "compose", "ls", "--all", "--format", "json");
    assertEquals(
        "[{\"Name\":\"hermes\",\"Status\":\"running(1)\",\"ConfigFiles\":\"/opt/hermes/docker-compose.yml\"}]\n",
        ls.stdout());
    assertEquals(List.of(SimDocker.COMPOSE_FILE), ComposeDiscovery.parseLs(ls.stdout()));

    List<String> ids =
        DockerInspectParser.parsePsIds(
            host.exec("docker", "ps", "--format", "{{json .}}").stdout());
    assertEquals(1, ids.size());
    ContainerState c =
        DockerInspectParser.parseInspect(host.exec("docker", "inspect", ids.get(0)).stdout())
            .get(0);
    assertEquals("hermes", c.name());
    assertEquals(4, c.bindings().size());
    assertTrue(c.bindings().stream().allMatch(ContainerState.Binding::isPublic));
    assertEquals("/opt/hermes/data", c.mounts().get(0).source());

    String ss = host.exec("ss", "-Htlnp").stdout();
    assertTrue(ss.contains("0.0.0.0:8642  "), ss);
    assertTrue(ss.contains("[::]:9119"), ss);
    assertTrue(ss.contains("users:((\"docker-proxy\","), ss);
    assertTrue(ss.contains("127.0.0.53%lo:53"), ss);
  }

  @Test
  void upRecreatesFromTheCurrentFile() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    String text = host.readFile(SimDocker.COMPOSE_FILE).orElseThrow();
    host.fs()
        .write(SimDocker.COMPOSE_FILE, text.replace("\"8642:8642\"", "\"127.0.0.1:8642:8642\""));
    ExecResult up = host.exec("docker", "compose", "-f", SimDocker.COMPOSE_FILE, "up", "-d");
    assertEquals(0, up.exitCode());
    assertTrue(up.stderr().contains(" Container hermes  Started"));
    ContainerState c =
        DockerInspectParser.parseInspect(host.exec("docker", "inspect", "hermes").stdout()).get(0);
    assertEquals(new ContainerState.Binding("8642/tcp", "127.0.0.1", "8642"), c.bindings().get(0));
    assertTrue(host.exec("ss", "-Htlnp").stdout().contains("127.0.0.1:8642"));
  }

  @Test
  void realErrorWording() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    ExecResult missing = host.exec("docker", "inspect", "nope");
    assertEquals(1, missing.exitCode());
    assertEquals("Error: No such object: nope\n", missing.stderr());
    assertEquals("[]\n", missing.stdout());
    host.exec("systemctl", "stop", "docker");
    ExecResult down = host.exec("docker", "ps");
    assertEquals(1, down.exitCode());
    assertTrue(down.stderr().startsWith("Cannot connect to the Docker daemon"));
    assertEquals(127, host.exec("docker-compose", "version").exitCode(), "v1 is not installed");
  }

  @Test
  void findOverTheSimulatedFiles() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    host.fs().put("/srv/d", SimFile.dir("root", "root", 0755));
    host.fs().put("/srv/d/open", SimFile.dir("root", "root", 0777));
    host.fs().put("/srv/d/open/f", SimFile.file("x", "hermes", "hermes", 0666));
    host.fs().put("/srv/d/closed", SimFile.file("x", "root", "root", 0600));
    assertEquals(
        "/srv/d/open\n/srv/d/open/f\n",
        host.exec("find", "/srv/d", "-xdev", "-perm", "-0002", "-not", "-type", "l", "-print")
            .stdout());
    assertEquals(
        "/srv/d\n",
        host.exec("find", "/srv/d", "-xdev", "-not", "-user", "hermes", "-print", "-quit")
            .stdout());
    assertEquals(
        "/srv/d/open/f\n", host.exec("find", "/srv/d", "-type", "f", "-user", "hermes").stdout());
    ExecResult none = host.exec("find", "/nope", "-print");
    assertEquals(1, none.exitCode());
    assertEquals("find: ‘/nope’: No such file or directory\n", none.stderr());
  }
}
