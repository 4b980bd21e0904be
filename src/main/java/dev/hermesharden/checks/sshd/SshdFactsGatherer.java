package dev.hermesharden.checks.sshd;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.sshd.MatchSpec;
import dev.hermesharden.system.sshd.SshdConfigFiles;
import dev.hermesharden.system.sshd.SshdConfigReader;
import dev.hermesharden.system.sshd.SshdProbe;

/**
 * Asks the host what sshd does for the admin's own connection: {@code sshd -t}, {@code sshd -T -C}
 * for {@link SshdProbe#specFor}, the version, the files and whether {@code ssh.socket} is active.
 * Only reads.
 */
final class SshdFactsGatherer {
  private SshdFactsGatherer() {}

  static SshdFacts gather(Host host, StepContext ctx) throws HostException {
    MatchSpec spec = SshdProbe.specFor(ctx);
    ExecResult test = host.exec("sshd", "-t");
    SshdConfigFiles files = SshdConfigFiles.parse(SshdConfigReader.snapshot(host));
    boolean socket =
        host.exec("systemctl", "is-active", "ssh.socket").stdout().strip().equals("active");
    String error = test.stderr().strip().lines().findFirst().orElse("");
    return new SshdFacts(
        spec.user(),
        spec,
        test.exitCode(),
        error,
        SshdProbe.effective(host, spec),
        SshdProbe.version(host),
        files,
        socket);
  }
}
