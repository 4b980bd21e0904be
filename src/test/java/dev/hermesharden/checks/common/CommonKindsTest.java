package dev.hermesharden.checks.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimulatedHost;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kinds any step may use: {@code package-installed} and {@code unit-active}. */
class CommonKindsTest {
  private static final StepContext CTX = StepContext.of(Answers.EMPTY);
  private static final Params FAIL2BAN = new Params(Map.of("package", "fail2ban"));

  @Test
  void packageInstalledReadsDpkgStatus() {
    PackageInstalledCheck c = new PackageInstalledCheck();
    Verdict ok =
        c.evaluate(
            new PackageInstalledCheck.Facts("fail2ban", 0, "install ok installed"), FAIL2BAN, CTX);
    assertEquals(Status.PASS, ok.status());
    assertEquals(List.of("fail2ban"), ok.reason().args());
    assertEquals(
        Status.FAIL,
        c.evaluate(new PackageInstalledCheck.Facts("fail2ban", 1, ""), FAIL2BAN, CTX).status());
    assertEquals(
        Status.FAIL,
        c.evaluate(
                new PackageInstalledCheck.Facts("fail2ban", 0, "deinstall ok config-files"),
                FAIL2BAN,
                CTX)
            .status(),
        "removed package with config left behind");
  }

  @Test
  void packageInstalledAsksForThePackageItIsGiven() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    Verdict v = new PackageInstalledCheck().run(host, FAIL2BAN, CTX);
    assertEquals(Status.FAIL, v.status(), "the fresh practice VPS has no fail2ban");
    assertEquals("reason.package.not-installed", v.reason().key());
    assertEquals(List.of("fail2ban"), v.reason().args());
  }

  @Test
  void thePracticeVpsAnswersDpkgFromItsDataFile() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    Verdict ufw = new PackageInstalledCheck().run(host, new Params(Map.of("package", "ufw")), CTX);
    assertEquals(Status.PASS, ufw.status(), "practice/packages.txt lists ufw");
    Verdict none =
        new PackageInstalledCheck().run(host, new Params(Map.of("package", "telnetd")), CTX);
    assertEquals(Status.FAIL, none.status());
    assertEquals("no packages found", none.details().get("dpkg"));
    Verdict ssh = new UnitActiveCheck().run(host, new Params(Map.of("unit", "ssh")), CTX);
    assertEquals(Status.PASS, ssh.status(), ssh.toString());
  }

  @Test
  void unitActiveNeedsEnabledAndActive() {
    UnitActiveCheck c = new UnitActiveCheck();
    Params p = new Params(Map.of("unit", "fail2ban"));
    assertEquals(
        Status.PASS,
        c.evaluate(new UnitActiveCheck.Facts("fail2ban", "enabled", "active"), p, CTX).status());
    Verdict failed = c.evaluate(new UnitActiveCheck.Facts("fail2ban", "enabled", "failed"), p, CTX);
    assertEquals(Status.FAIL, failed.status());
    assertEquals(List.of("fail2ban", "enabled", "failed"), failed.reason().args());
    Verdict missing = c.evaluate(new UnitActiveCheck.Facts("fail2ban", "", "inactive"), p, CTX);
    assertEquals(Status.FAIL, missing.status());
    assertEquals("reason.unit.missing", missing.reason().key());
    assertEquals("not-found", missing.details().get("is-enabled"));
  }

  @Test
  void schemasNameTheirRequiredParameter() {
    ParamSchema pkg = new PackageInstalledCheck().schema();
    assertEquals(1, pkg.problems(PackageInstalledCheck.KIND, Params.NONE).size());
    assertTrue(pkg.problems(PackageInstalledCheck.KIND, FAIL2BAN).isEmpty());
    ParamSchema unit = new UnitActiveCheck().schema();
    assertEquals(
        "stepfile.param.missing",
        unit.problems(UnitActiveCheck.KIND, Params.NONE).get(0).reason().key());
  }
}
