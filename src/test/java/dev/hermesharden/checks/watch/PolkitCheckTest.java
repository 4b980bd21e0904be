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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code watch.polkit}: a polkit rule or {@code .pkla} section that says yes to the agent is root
 * for the agent ({@code pkexec}, {@code systemctl}); the practice VPS's stock rules pass.
 */
class PolkitCheckTest {
  private static final StepContext CTX = StepContext.of(Answers.EMPTY);
  private static final String RULE = "/etc/polkit-1/rules.d/60-hermes.rules";

  private static SimulatedHost vps() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    assertEquals(
        0, host.exec("adduser", "--disabled-password", "--gecos", "", "hermes").exitCode());
    return host;
  }

  private static void polkitd(SimulatedHost host, String path, String text) {
    host.fs().put(path, SimFile.file(text, "root", "root", 0644));
  }

  private static Verdict check(SimulatedHost host) throws Exception {
    return new PolkitCheck().run(host, Params.NONE, CTX);
  }

  private static final String YES_TO_HERMES =
      "polkit.addRule(function(action, subject) {\n"
          + "    if (action.id == \"org.freedesktop.systemd1.manage-units\" &&\n"
          + "        subject.user == \"hermes\") {\n"
          + "        return polkit.Result.YES;\n    }\n});\n";

  /**
   * The regression: a rule saying yes to {@code hermes} let the agent's {@code pkexec id -u} print
   * 0 (PrivilegeToolsHostileSandboxTest) while no check of the users or watch step failed.
   */
  @Test
  void aRuleThatSaysYesToTheAgentFailsOnlyThePolkitCheck() throws Exception {
    SimulatedHost host = vps();
    polkitd(host, RULE, YES_TO_HERMES);
    List<String> failed = new ArrayList<>();
    Catalog catalog = Catalog.standard();
    for (StepDefinition d : StepFiles.loadPackaged(catalog, Messages.english())) {
      if (!d.id().equals("users") && !d.id().equals("watch")) {
        continue;
      }
      for (CheckRef ref : d.checks()) {
        Verdict v = catalog.check(ref).orElseThrow().run(host, ref.params(), CTX);
        if (v.status() == Status.FAIL && v.toString().contains("60-hermes.rules")) {
          failed.add(ref.id());
        }
      }
    }
    assertEquals(List.of("watch.polkit"), failed);
    assertEquals("says yes naming hermes", check(host).details().get(RULE));
  }

  @Test
  void thePracticeVpsStockRulesPass() throws Exception {
    Verdict v = check(SimulatedHost.fresh());
    assertEquals(Status.PASS, v.status(), v.toString());
  }

  @Test
  void aRuleForAGroupOfTheAgentsOrForEveryAccountFails() throws Exception {
    SimulatedHost host = vps();
    polkitd(
        host,
        RULE,
        "polkit.addRule(function(action, subject) {\n"
            + "  if (subject.isInGroup('hermes')) { return polkit.Result.YES; }\n});\n");
    assertEquals("says yes naming hermes", check(host).details().get(RULE), check(host).toString());
    polkitd(
        host,
        RULE,
        "// no subject test: yes to everyone\npolkit.addRule(function(action, subject) {\n"
            + "  if (action.id.indexOf(\"org.freedesktop.systemd1.\") == 0) { return \"yes\"; }\n});\n");
    assertEquals("says yes to every account", check(host).details().get(RULE));
    // the admin's group only: passes
    polkitd(
        host,
        RULE,
        "polkit.addRule(function(action, subject) {\n"
            + "  if (subject.isInGroup(\"sudo\")) { return polkit.Result.YES; }\n});\n");
    assertEquals(Status.PASS, check(host).status(), check(host).toString());
  }

  @Test
  void aPklaSectionGrantingTheAgentFails() throws Exception {
    SimulatedHost host = vps();
    String pkla = "/etc/polkit-1/localauthority/50-local.d/hermes.pkla";
    polkitd(
        host,
        pkla,
        "[Let Hermes restart things]\nIdentity=unix-user:admin;unix-user:herm*\n"
            + "Action=org.freedesktop.systemd1.*\nResultAny=no\nResultActive=yes\n");
    Verdict v = check(host);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals("yes to unix-user:herm*", v.details().get(pkla + ":1"), v.toString());
    polkitd(host, pkla, "[x]\nIdentity=unix-group:hermes\nResultAny=auth_admin\n");
    assertEquals(Status.PASS, check(host).status(), check(host).toString());
  }

  @Test
  void aRulesDirectoryTheAgentCanWriteFails() throws Exception {
    SimulatedHost host = vps();
    host.fs().put("/etc/polkit-1/rules.d", SimFile.dir("hermes", "hermes", 0700));
    Verdict v = check(host);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertTrue(v.details().containsKey("/etc/polkit-1/rules.d"), v.toString());
  }

  @Test
  void withoutPolkitItIsNotApplicable() throws Exception {
    SimulatedHost host = vps();
    host.fs().delete("/etc/polkit-1/rules.d");
    host.fs().delete("/usr/share/polkit-1/rules.d/50-default.rules");
    host.fs().delete("/usr/share/polkit-1/rules.d/systemd-networkd.rules");
    host.fs().delete("/usr/share/polkit-1/rules.d");
    assertEquals(Status.NOT_APPLICABLE, check(host).status(), check(host).toString());
  }
}
