package dev.hermesharden.fixes.backups;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.common.UnitActiveCheck;
import dev.hermesharden.checks.hermesdir.HermesDir;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.PlannedAction;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.fixes.common.PackageInstallFix;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.BadInputException;
import dev.hermesharden.model.StepContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code backups.install}: installs the encrypting tool's package when dpkg lacks it, writes the
 * backup script and its two units ({@link BackupScript}), reloads systemd, enables the daily timer
 * and makes the first backup now. To an {@code age} recipient when the admin gave one (answer
 * {@value #RECIPIENT}: the public key only, written to root's {@link BackupScript#RECIPIENTS} and
 * never into the script; the private key never touches the server), else {@code gpg --symmetric}
 * with a passphrase the first run makes in root's {@link BackupScript#PASSPHRASE}. Nothing is
 * planned before HERMES_HOME is found, and nothing when the files are in place and the timer runs.
 *
 * <p>A recipient that is not an age public key is refused before anything is planned ({@link
 * BadInputException}, never echoing the value: a pasted {@code AGE-SECRET-KEY-…} must not reach a
 * terminal or a log).
 */
public final class BackupsInstallFix implements Fix {
  public static final String ID = "backups.install";
  public static final String RECIPIENT = "backups.age-recipient";

  @Override
  public Plan plan(Host host, Params params, StepContext ctx) throws HostException {
    Optional<String> home = HermesDir.locate(host, ctx);
    if (home.isEmpty()) {
      return Plan.nothing(ID);
    }
    String recipient = ctx.answers().get(RECIPIENT).orElse("").strip();
    if (!recipient.isEmpty() && !AgeRecipient.valid(recipient)) {
      throw new BadInputException("answers", 0, RECIPIENT, "reason.input.age-recipient");
    }
    Optional<FileStat> st = host.lstat(home.get());
    String owner = st.map(FileStat::owner).orElse("root");
    String group = st.map(FileStat::group).orElse("root");
    BackupScript.Settings s =
        new BackupScript.Settings(
            home.get(),
            owner,
            group,
            recipient,
            params.integer("keep", 14),
            params.integer("max-mb", 4096));
    List<PlannedAction> actions = new ArrayList<>();
    // the tool first: a script whose tool is missing fails every night (it says so in the journal)
    boolean changed = PackageInstallFix.installIfMissing(host, s.tool(), actions);
    actions.add(RunCommand.of("install", "-d", "-m", "0755", "/usr/local/sbin"));
    if (s.age()) {
      actions.add(RunCommand.of("install", "-d", "-m", "0700", "/etc/hermes-harden"));
      changed |= write(host, actions, BackupScript.RECIPIENTS, recipient + "\n", 0644);
    }
    changed |= write(host, actions, BackupScript.PATH, BackupScript.script(s), 0700);
    changed |=
        write(
            host,
            actions,
            BackupScript.UNIT_DIR + "/" + BackupScript.SERVICE,
            BackupScript.serviceUnit(),
            0644);
    changed |=
        write(
            host,
            actions,
            BackupScript.UNIT_DIR + "/" + BackupScript.TIMER,
            BackupScript.timerUnit(),
            0644);
    UnitActiveCheck.Facts timer = UnitActiveCheck.query(host, BackupScript.TIMER);
    boolean running = timer.enabled().equals("enabled") && timer.active().equals("active");
    if (!changed && running) {
      return Plan.nothing(ID);
    }
    actions.add(RunCommand.of("systemctl", "daemon-reload"));
    actions.add(RunCommand.of("systemctl", "enable", "--now", BackupScript.TIMER));
    actions.add(
        RunCommand.of("systemctl", "start", BackupScript.SERVICE).withTimeout(Duration.ofHours(2)));
    return new Plan(ID, actions);
  }

  private static boolean write(
      Host host, List<PlannedAction> actions, String path, String content, int mode)
      throws HostException {
    Optional<String> before = host.readFile(path);
    if (before.equals(Optional.of(content))) {
      return false;
    }
    actions.add(new WriteFile(path, before, content, FileAttrs.of("root", "root", mode)));
    return true;
  }
}
