package dev.hermesharden.fixes.fail2ban;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.common.UnitActiveCheck;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.PlannedAction;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.fail2ban.HostLogSource;
import dev.hermesharden.system.fail2ban.JailConfig;
import dev.hermesharden.system.ufw.PrivatePath;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code fail2ban.jail}: writes {@code /etc/fail2ban/jail.d/hermes-harden.local} (read last, so it
 * wins) with the sshd jail on, the backend this host needs, and ignoreip = loopback + private path
 * + any entries the admin already had; then enables and starts fail2ban and reloads it.
 */
public final class Fail2banJailFix implements Fix {
  public static final String ID = "fail2ban.jail";
  public static final String PATH = JailConfig.DIR + "/jail.d/hermes-harden.local";

  @Override
  public Plan plan(Host host, Params params, StepContext ctx) throws HostException {
    String backend = HostLogSource.detect(host).recommendedBackend();
    String ignoreip = ignoreIp(JailConfig.read(host), PrivatePath.of(ctx.answers()));
    String wanted = content(backend, ignoreip);
    Optional<String> before = host.readFile(PATH);
    List<PlannedAction> actions = new ArrayList<>();
    boolean write = !before.equals(Optional.of(wanted));
    if (write) {
      actions.add(new WriteFile(PATH, before, wanted, FileAttrs.of("root", "root", 0644)));
    }
    UnitActiveCheck.Facts svc = UnitActiveCheck.query(host, "fail2ban");
    if (!svc.enabled().equals("enabled") || !svc.active().equals("active")) {
      actions.add(RunCommand.of("systemctl", "enable", "--now", "fail2ban"));
    }
    if (write) {
      actions.add(RunCommand.of("fail2ban-client", "reload"));
    }
    return new Plan(ID, actions);
  }

  public static String content(String backend, String ignoreip) {
    return "# Written by hermes-harden (step fail2ban). This file is read after jail.local.\n"
        + "[sshd]\n"
        + "enabled = true\n"
        + "backend = "
        + backend
        + "\n"
        + "maxretry = 5\n"
        + "findtime = 10m\n"
        + "bantime = 1h\n"
        + "ignoreip = "
        + ignoreip
        + "\n";
  }

  /** Loopback and the private path first, then whatever the admin's files already exempt. */
  static String ignoreIp(JailConfig cfg, PrivatePath path) {
    Set<String> entries = new LinkedHashSet<>(List.of("127.0.0.1/8", "::1"));
    entries.addAll(path.cidrs());
    cfg.get("sshd", "ignoreip").ifPresent(v -> entries.addAll(List.of(v.strip().split("[,\\s]+"))));
    entries.removeIf(String::isBlank);
    return String.join(" ", entries);
  }
}
