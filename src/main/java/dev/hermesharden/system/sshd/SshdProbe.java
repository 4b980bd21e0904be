package dev.hermesharden.system.sshd;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import java.util.Optional;

/** The small questions about sshd that both its checks and its fix ask the host. Only reads. */
public final class SshdProbe {
  private SshdProbe() {}

  /**
   * The admin's own connection for {@code sshd -T -C}: their client address when known (with sshd's
   * default {@code UseDNS no} the host name is that address too), else localhost/127.0.0.1.
   */
  public static MatchSpec specFor(StepContext ctx) {
    String addr = ctx.clientAddress().orElse("127.0.0.1");
    String host = ctx.clientAddress().orElse("localhost");
    return MatchSpec.of(ctx.answers().adminUser(), host, addr);
  }

  /**
   * {@code sshd -V}; old sshd lacks it (but prints the version with its usage), then {@code ssh
   * -V}.
   */
  public static Optional<OpensshVersion> version(Host host) throws HostException {
    ExecResult r = host.exec("sshd", "-V");
    Optional<OpensshVersion> v = OpensshVersion.parse(r.stderr() + r.stdout());
    if (v.isPresent()) {
      return v;
    }
    ExecResult ssh = host.exec("ssh", "-V");
    return OpensshVersion.parse(ssh.stderr() + ssh.stdout());
  }

  /** {@code sshd -T -C spec} parsed, or empty when sshd refuses (broken configuration). */
  public static Optional<SshdEffectiveConfig> effective(Host host, MatchSpec spec)
      throws HostException {
    ExecResult dump = host.exec("sshd", "-T", "-C", spec.toArgument());
    return dump.ok() ? Optional.of(SshdEffectiveConfig.parse(dump.stdout())) : Optional.empty();
  }
}
