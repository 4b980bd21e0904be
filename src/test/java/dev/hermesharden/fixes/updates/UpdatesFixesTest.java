package dev.hermesharden.fixes.updates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.fixes.common.PackageInstallFix;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.system.hermes.HermesConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fixes of step {@code updates}: install, the periodic file, the config keys. */
class UpdatesFixesTest {
  private static final StepContext CTX = StepContext.of(Answers.EMPTY);
  private static final Params CONFIG =
      new Params(Map.of("backup", "quick", "keep", "5", "min", "1"));

  @Test
  void configFixChangesOnlyTheLineItMustKeepingComments() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    Plan p = new UpdatesConfigFix().plan(host, CONFIG, CTX);
    assertEquals(1, p.actions().size(), p.toString());
    WriteFile w = (WriteFile) p.actions().get(0);
    String before = w.before().orElseThrow();
    assertEquals(
        before.replace("  pre_update_backup: false\n", "  pre_update_backup: quick\n"),
        w.after(),
        "one value replaced in place, every other byte kept");
    host.writeFile(w.path(), w.after(), w.attrs());
    assertTrue(
        new UpdatesConfigFix().plan(host, CONFIG, CTX).actions().isEmpty(),
        "a second plan is empty");
  }

  @Test
  void configFixWantsOnlyWhatTheChecksRefuse() {
    assertEquals(
        Map.of("updates.pre_update_backup", "quick"),
        UpdatesConfigFix.wanted(HermesConfig.parse("updates:\n  backup_keep: 3\n"), CONFIG));
    assertEquals(
        Map.of("updates.backup_keep", 5),
        UpdatesConfigFix.wanted(
            HermesConfig.parse("updates:\n  pre_update_backup: full\n  backup_keep: 0\n"), CONFIG));
    assertEquals(
        Map.of(),
        UpdatesConfigFix.wanted(
            HermesConfig.parse("updates:\n  pre_update_backup: true\n"), CONFIG),
        "the legacy true is on; an absent backup_keep is Hermes' 5");
  }

  @Test
  void installStartsTheUnitAndLeavesNothingForALaterPlan() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    Params pkg =
        new Params(Map.of("package", "unattended-upgrades", "unit", "unattended-upgrades"));
    Plan install = new PackageInstallFix("updates.install").plan(host, pkg, CTX);
    List<List<String>> argvs =
        install.actions().stream().map(a -> ((RunCommand) a).argv()).toList();
    assertEquals(
        List.of(
            List.of(
                "apt-get",
                "-y",
                "-o",
                "Dpkg::Options::=--force-confold",
                "install",
                "unattended-upgrades"),
            List.of("systemctl", "enable", "--now", "unattended-upgrades")),
        argvs);
    for (List<String> argv : argvs) {
      host.exec(argv.toArray(String[]::new));
    }
    assertTrue(new PackageInstallFix("updates.install").plan(host, pkg, CTX).actions().isEmpty());
    host.exec("systemctl", "stop", "unattended-upgrades");
    assertEquals(
        List.of("systemctl", "enable", "--now", "unattended-upgrades"),
        ((RunCommand)
                new PackageInstallFix("updates.install").plan(host, pkg, CTX).actions().get(0))
            .argv(),
        "a stopped service is started again, without reinstalling");
  }

  @Test
  void periodicWritesTheFileOnceWhateverTheServiceDoes() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    Plan periodic = new AutoUpgradesFix().plan(host, Params.NONE, CTX);
    assertEquals(1, periodic.actions().size());
    WriteFile w = (WriteFile) periodic.actions().get(0);
    assertEquals("/etc/apt/apt.conf.d/20auto-upgrades", w.path());
    assertTrue(w.before().isEmpty());
    host.writeFile(w.path(), w.after(), w.attrs());
    assertTrue(new AutoUpgradesFix().plan(host, Params.NONE, CTX).actions().isEmpty());
  }
}
