package dev.hermesharden.fixes.updates;

import dev.hermesharden.checks.Params;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import java.util.List;
import java.util.Optional;

/**
 * {@code updates.periodic}: writes {@code /etc/apt/apt.conf.d/20auto-upgrades} — the file Debian's
 * and Ubuntu's {@code dpkg-reconfigure unattended-upgrades} write, with the same two settings
 * (starting the service is {@code updates.install}'s part). A file that sorts later can still
 * override it; the checks read {@code apt-config dump}, so they would say so.
 */
public final class AutoUpgradesFix implements Fix {
  public static final String ID = "updates.periodic";
  public static final String PATH = "/etc/apt/apt.conf.d/20auto-upgrades";
  public static final String CONTENT =
      "// Written by hermes-harden (step updates), as dpkg-reconfigure unattended-upgrades does.\n"
          + "APT::Periodic::Update-Package-Lists \"1\";\n"
          + "APT::Periodic::Unattended-Upgrade \"1\";\n";

  @Override
  public Plan plan(Host host, Params params, StepContext ctx) throws HostException {
    Optional<String> before = host.readFile(PATH);
    if (before.equals(Optional.of(CONTENT))) {
      return Plan.nothing(ID);
    }
    return new Plan(
        ID, List.of(new WriteFile(PATH, before, CONTENT, FileAttrs.of("root", "root", 0644))));
  }
}
