package dev.hermesharden.cli;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.backups.RestoreTest;
import dev.hermesharden.fixes.backups.BackupScript;
import dev.hermesharden.host.LocalHost;
import dev.hermesharden.steps.CheckRef;
import dev.hermesharden.steps.StepDefinition;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code restore-test}: the backup step's manual item done for real ({@link RestoreTest}). With
 * {@code --remote} the archive is copied to this workstation and decrypted here with the admin's
 * age identity, which never goes to the server; on the server itself only a gpg archive can be
 * tested (its passphrase is there anyway), and an age identity given there is refused.
 */
@Command(name = "restore-test", sortOptions = false)
final class RestoreTestCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  @Option(
      names = "--identity",
      paramLabel = "FILE",
      descriptionKey = "cli.restore-test.option.identity")
  Path identity;

  @Option(names = "--max-mb", paramLabel = "MB", descriptionKey = "cli.restore-test.option.max-mb")
  long maxMegabytes = 1024;

  @Override
  public Integer call() throws Exception {
    Setup setup = root.setup();
    var m = setup.messages;
    try {
      if (setup.globals.practice()) {
        throw new Refusal(ExitCode.USAGE, m.get("cli.restore-test.practice"));
      }
      if (identity != null && !setup.remoteTarget()) {
        throw new Refusal(ExitCode.USAGE, m.get("cli.restore-test.identity-on-server"));
      }
      RestoreTest.Result r =
          RestoreTest.run(
              setup.readOnlyHost(),
              new LocalHost(),
              archiveParams(setup),
              setup.savedContext(),
              Optional.ofNullable(identity),
              BackupScript.PASSPHRASE,
              maxMegabytes * 1024 * 1024);
      setup.out.println(
          m.get(
              "cli.restore-test.ok",
              r.archive(),
              r.bytes(),
              r.encryption(),
              r.sha256().substring(0, 16),
              r.members(),
              r.config().isEmpty() ? "-" : r.config()));
      return ExitCode.OK.code();
    } catch (RestoreTest.Failed f) {
      setup.out.println(m.get("cli.restore-test.failed", m.get(f.reason())));
      return ExitCode.FINDINGS.code();
    } catch (Refusal r) {
      setup.err.println(r.getMessage());
      return r.code().code();
    }
  }

  /** The {@code backup-archive} check's parameters from the step file: where, what to expect. */
  private static Params archiveParams(Setup setup) throws Refusal {
    for (StepDefinition d : setup.steps()) {
      for (CheckRef c : d.checks()) {
        if (c.kind().equals("backup-archive")) {
          return c.params();
        }
      }
    }
    throw new IllegalStateException("no step file names a backup-archive check");
  }
}
