package dev.hermesharden.fixes.sshd;

import dev.hermesharden.checks.Params;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.PlannedAction;
import dev.hermesharden.fixes.RevertCommand;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.sshd.OpensshVersion;
import dev.hermesharden.system.sshd.SshdConfigFiles;
import dev.hermesharden.system.sshd.SshdConfigReader;
import dev.hermesharden.system.sshd.SshdEffectiveConfig;
import dev.hermesharden.system.sshd.SshdProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sshd.drop-in} (destructive, needs fresh {@code key-login}): writes {@link SshdDropIn#PATH}
 * and whatever {@link SshdDropIn#changes} says, then {@code sshd -t} (a failure restores the files)
 * and {@code systemctl reload ssh} ({@code sshd} where there is no {@code ssh} unit). Under {@code
 * ssh.socket} activation the reload is the same: sshd re-reads its files per connection anyway.
 * Empty when sshd already enforces every setting for the admin.
 */
public final class SshdDropInFix implements Fix {
  public static final String ID = "sshd.drop-in";

  /**
   * After the files are back: validate, then reload whichever unit this host has. Never reload a
   * config {@code sshd -t} refuses: a reload of a broken config stops sshd on some versions.
   */
  static final List<RevertCommand> REVERT =
      List.of(
          RevertCommand.required("sshd", "-t"),
          RevertCommand.of("systemctl", "reload", "ssh").orElse("systemctl", "reload", "sshd"));

  @Override
  public Plan plan(Host host, Params params, StepContext ctx) throws HostException {
    String admin = ctx.answers().adminUser();
    Optional<OpensshVersion> version = SshdProbe.version(host);
    boolean kbd = version.map(OpensshVersion::usesKbdInteractiveKeyword).orElse(true);
    Map<String, String> snapshot = SshdConfigReader.snapshot(host);
    SshdConfigFiles files = SshdConfigFiles.parse(snapshot);
    Optional<SshdEffectiveConfig> now = SshdProbe.effective(host, SshdProbe.specFor(ctx));
    if (now.isPresent() && holds(now.get(), files, admin, kbd)) {
      return Plan.nothing(ID);
    }
    Map<String, String> changes = SshdDropIn.changes(snapshot, admin, kbd);
    if (changes.isEmpty()) {
      return Plan.nothing(ID);
    }
    List<PlannedAction> actions = new ArrayList<>();
    if (host.lstat(SshdConfigFiles.DROP_IN_DIR).isEmpty()) {
      actions.add(
          RunCommand.of(
              "install",
              "-d",
              "-m",
              "0755",
              "-o",
              "root",
              "-g",
              "root",
              SshdConfigFiles.DROP_IN_DIR));
    }
    for (Map.Entry<String, String> c : changes.entrySet()) {
      FileAttrs attrs =
          c.getKey().equals(SshdDropIn.PATH) ? FileAttrs.of("root", "root", 0644) : FileAttrs.KEEP;
      actions.add(
          new WriteFile(
              c.getKey(),
              Optional.ofNullable(snapshot.get(c.getKey())),
              c.getValue(),
              attrs,
              SshdConfigReader.CHARSET));
    }
    actions.add(RunCommand.validate("sshd", "-t"));
    actions.add(RunCommand.of("systemctl", "reload", unit(host)));
    return new Plan(ID, actions).withRevert(REVERT);
  }

  /** Whether sshd already does everything the drop-in would make it do. */
  static boolean holds(SshdEffectiveConfig e, SshdConfigFiles files, String admin, boolean kbd) {
    String kbdKeyword = kbd ? "kbdinteractiveauthentication" : "challengeresponseauthentication";
    int tries;
    try {
      tries = Integer.parseInt(e.first("maxauthtries").orElse("6"));
    } catch (NumberFormatException ex) {
      return false;
    }
    return is(e, "permitrootlogin", "no")
        && is(e, "passwordauthentication", "no")
        && is(e, kbdKeyword, "no")
        && is(e, "pubkeyauthentication", "yes")
        && is(e, "strictmodes", "yes")
        && is(e, "exposeauthinfo", "yes")
        && tries <= 3
        && e.allowUsersPermits(admin)
        && files.matchLinesSetting(SshdDropIn.PASSWORD_KEYWORDS, "yes").isEmpty();
  }

  private static boolean is(SshdEffectiveConfig e, String keyword, String value) {
    return e.first(keyword).map(value::equalsIgnoreCase).orElse(false);
  }

  /** {@code ssh} on Debian/Ubuntu (also under socket activation), {@code sshd} elsewhere. */
  static String unit(Host host) throws HostException {
    for (String unit : List.of("ssh", "sshd")) {
      ExecResult r = host.exec("systemctl", "is-enabled", unit + ".service");
      if (r.ok() || !r.stdout().isBlank()) {
        return unit;
      }
    }
    return "ssh";
  }
}
