package dev.hermesharden.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hermesharden.host.HostFacts;
import dev.hermesharden.host.ShellQuoting;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.system.probe.HostProbe;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code facts}: what kind of server this is, as the checks and fixes will see it. Reads only. */
@Command(name = "facts", sortOptions = false)
final class FactsCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  @Option(names = "--json", descriptionKey = "cli.facts.option.json")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Setup setup = root.setup();
    try {
      HostFacts f = HostProbe.probe(setup.readOnlyHost(), setup.env.env());
      if (json) {
        setup.out.println(
            new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(doc(f)));
      } else {
        print(setup.messages, setup, f);
      }
      return ExitCode.OK.code();
    } catch (Refusal r) {
      setup.err.println(r.getMessage());
      return r.code().code();
    }
  }

  private static void print(Messages m, Setup setup, HostFacts f) {
    String unknown = m.get("cli.facts.unknown");
    line(setup, m.get("cli.facts.host"), f.hostName());
    line(
        setup,
        m.get("cli.facts.os"),
        f.os().map(o -> o.prettyName().isEmpty() ? o.shortName() : o.prettyName()).orElse(unknown));
    line(setup, m.get("cli.facts.openssh"), f.openssh().orElse(unknown));
    line(setup, m.get("cli.facts.systemd"), m.get(f.systemd() ? "cli.facts.yes" : "cli.facts.no"));
    line(
        setup,
        m.get("cli.facts.ssh-service"),
        f.sshService()
            .map(s -> s + ".service" + (f.sshSocketActive() ? m.get("cli.facts.socket") : ""))
            .orElse(unknown));
    line(
        setup, m.get("cli.facts.docker"), f.dockerVersion().orElse(m.get("cli.facts.docker.none")));
    line(
        setup,
        m.get("cli.facts.compose"),
        f.compose()
            .map(
                c ->
                    m.get(
                        c.plugin() ? "cli.facts.compose.v2" : "cli.facts.compose.v1", c.version()))
            .orElse(m.get("cli.facts.compose.none")));
    HostFacts.Admin a = f.admin();
    String who = a.user().orElse(unknown) + (a.viaSudo() ? m.get("cli.facts.sudo") : "");
    line(
        setup,
        m.get("cli.facts.admin"),
        a.clientAddress()
            .map(c -> m.get("cli.facts.admin.ssh", who, c, a.serverAddress().orElse(unknown)))
            .orElse(m.get("cli.facts.admin.local", who)));
  }

  private static void line(Setup setup, String label, String value) {
    setup.out.printf("%-14s %s%n", label, ShellQuoting.visible(value));
  }

  /** Stable JSON names; an unknown fact is null. */
  private static Map<String, Object> doc(HostFacts f) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("host", f.hostName());
    d.put("os_id", f.os().map(HostFacts.Os::id).orElse(null));
    d.put("os_version_id", f.os().map(HostFacts.Os::versionId).orElse(null));
    d.put("os_pretty_name", f.os().map(HostFacts.Os::prettyName).orElse(null));
    d.put("openssh", f.openssh().orElse(null));
    d.put("systemd", f.systemd());
    d.put("ssh_service", f.sshService().orElse(null));
    d.put("ssh_socket_active", f.sshSocketActive());
    d.put("docker", f.dockerVersion().orElse(null));
    d.put("compose", f.compose().map(c -> c.plugin() ? "v2-plugin" : "v1").orElse(null));
    d.put("compose_version", f.compose().map(HostFacts.Compose::version).orElse(null));
    d.put("user", f.admin().user().orElse(null));
    d.put("via_sudo", f.admin().viaSudo());
    d.put("client_address", f.admin().clientAddress().orElse(null));
    d.put("server_address", f.admin().serverAddress().orElse(null));
    return d;
  }
}
