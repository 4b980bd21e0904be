package dev.hermesharden.checks.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimFile;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.CheckRef;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.steps.StepFiles;
import dev.hermesharden.system.doas.DoasConf;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code watch.doas}: a {@code doas.conf} rule for the agent is root for the agent, and the users
 * and watch steps read only sudo's rules.
 */
class DoasCheckTest {
  private static final StepContext CTX = StepContext.of(Answers.EMPTY);
  private static final String CONF = "/etc/doas.conf";

  private static SimulatedHost vps(String doasConf) throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    assertEquals(
        0, host.exec("adduser", "--disabled-password", "--gecos", "", "hermes").exitCode());
    if (doasConf != null) {
      host.fs().put(CONF, SimFile.file(doasConf, "root", "root", 0400));
    }
    return host;
  }

  private static Verdict check(SimulatedHost host) throws Exception {
    return new DoasCheck().run(host, Params.NONE, CTX);
  }

  /**
   * The regression: {@code permit nopass hermes as root} made {@code doas -u root id -u} print 0
   * for the agent (DoasHostileSandboxTest), and no check of the users or watch step failed.
   */
  @Test
  void aDoasRuleForTheAgentFailsOnlyTheDoasCheck() throws Exception {
    SimulatedHost host = vps("permit nopass hermes as root\n");
    List<String> failed = new ArrayList<>();
    Catalog catalog = Catalog.standard();
    for (StepDefinition d : StepFiles.loadPackaged(catalog, Messages.english())) {
      if (!d.id().equals("users") && !d.id().equals("watch")) {
        continue;
      }
      for (CheckRef ref : d.checks()) {
        Verdict v = catalog.check(ref).orElseThrow().run(host, ref.params(), CTX);
        if (v.status() == Status.FAIL && v.toString().contains("doas")) {
          failed.add(ref.id());
        }
      }
    }
    assertEquals(List.of("watch.doas"), failed);
    Verdict v = check(host);
    assertEquals("hermes nopass", v.details().get(CONF + ":1"), v.toString());
  }

  @Test
  void noDoasConfIsNotApplicableAndThePracticeVpsHasNone() throws Exception {
    Verdict v = check(SimulatedHost.fresh());
    assertEquals(Status.NOT_APPLICABLE, v.status(), v.toString());
  }

  @Test
  void theAdminsOwnRulePasses() throws Exception {
    Verdict v = check(vps("# the admin's\npermit persist admin as root\npermit nopass root\n"));
    assertEquals(Status.PASS, v.status(), v.toString());
  }

  @Test
  void aGroupHoldingTheAgentFailsUnlessALaterDenyTakesItBack() throws Exception {
    SimulatedHost host = vps("permit persist :users\n");
    assertEquals(0, host.exec("usermod", "-aG", "users", "hermes").exitCode());
    Verdict v = check(host);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals("hermes (:users)", v.details().get(CONF + ":1"), v.toString());

    host.fs().put(CONF, SimFile.file("permit persist :users\ndeny hermes\n", "root", "root", 0400));
    assertEquals(Status.PASS, check(host).status(), check(host).toString());

    // a deny for one command leaves every other command as root
    host.fs()
        .put(
            CONF,
            SimFile.file("permit persist :users\ndeny hermes cmd /bin/sh\n", "root", "root", 0400));
    assertEquals(Status.FAIL, check(host).status(), check(host).toString());
  }

  @Test
  void theAgentsOwnPrimaryGroupAndItsUidCount() throws Exception {
    Verdict v = check(vps("permit :hermes cmd /usr/bin/apt\n"));
    assertEquals(Status.FAIL, v.status(), v.toString());
    Verdict uid = check(vps("permit 1001 as root\n"));
    assertEquals(Status.FAIL, uid.status(), uid.toString());
    assertTrue(uid.toString().contains("hermes"), uid.toString());
  }

  @Test
  void aFileTheAgentCanChangeFails() throws Exception {
    SimulatedHost host = vps(null);
    host.fs().put(CONF, SimFile.file("permit persist admin\n", "hermes", "hermes", 0600));
    Verdict v = check(host);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertTrue(v.details().containsKey(CONF), v.toString());
  }

  @Test
  void aLineThatDoesNotParseIsNoPass() throws Exception {
    Verdict v = check(vps("permit persist\npermit admin as\n"));
    assertEquals(Status.FAIL, v.status(), v.toString());
  }

  @Test
  void theParserReadsContinuedLinesQuotesCommentsAndSetenv() {
    List<DoasConf.Rule> rules =
        DoasConf.parse(
            "# comment\n"
                + "permit setenv { PATH=/usr/bin -HOME } \\\n  nopass \"her\"mes as root # who\n"
                + "deny :wheel cmd /bin/rm args -rf /\n");
    assertEquals(2, rules.size(), rules.toString());
    DoasConf.Rule r = rules.get(0);
    assertEquals(2, r.line());
    assertTrue(r.permit() && r.noPass() && !r.malformed(), r.toString());
    assertEquals("hermes", r.identity());
    assertEquals(Optional.of("root"), r.target());
    DoasConf.Rule d = rules.get(1);
    assertEquals(4, d.line());
    assertTrue(!d.permit() && d.group() && d.name().equals("wheel"), d.toString());
    assertEquals(Optional.of("/bin/rm"), d.command());
  }
}
