package dev.hermesharden.checks.approvals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.hermes.CommandAllowlist;
import dev.hermesharden.system.hermes.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Attack pass 25b (docs/decisions-approvals.md): {@code approvals.mode: manual} passed, saying
 * "Hermes asks you before every dangerous command", while {@code command_allowlist} held {@code
 * '*'}. Upstream {@code tools/approval.py} {@code check_all_command_guards} approves a command that
 * matches an allowlist glob ({@code _command_matches_permanent_allowlist}, {@code
 * fnmatch.fnmatchcase}) before it looks for danger; only commands with a shell operator go on to
 * the prompt, and {@code bash -c 'rm -rf ~/x'} has none.
 */
class CommandAllowlistTest {
  private static final String HOME = "/opt/hermes/data";
  private static final String HARD = Fixtures.hermes("config-hardened.yaml");
  private static final StepContext CTX = StepContext.of(Answers.EMPTY);

  private static Verdict mode(String allowlist) {
    String config =
        HARD.replace("command_allowlist: []\n", "command_allowlist: " + allowlist + "\n");
    return new ApprovalsCheck(ConfigRules::mode)
        .evaluate(ApprovalsFacts.of(HOME, config, ""), Params.NONE, CTX);
  }

  @Test
  void anAllowlistGlobThatLetsAShellThroughIsNoPass() {
    for (String wide :
        List.of(
            "['*']",
            "[\"podman *\", \" * \"]",
            "['b*']",
            "['bash *']",
            "['*-c*']",
            "['python3 *']",
            "['env *']",
            "['sudo *']",
            "[\"?*\"]",
            // a string, not a list: Python's set("ls *") holds a lone "*"
            "\"ls *\"")) {
      Verdict v = mode(wide);
      assertEquals(Status.FAIL, v.status(), wide);
      assertEquals("reason.approvals.allowlist-anything", v.reason().key(), wide);
    }
    assertEquals(List.of("2"), mode("[\"podman *\", \" * \"]").reason().args());
    assertEquals("2", mode("[\"podman *\", \" * \"]").details().get("command_allowlist"));
  }

  @Test
  void exactCommandsAndNarrowGlobsStillPass() {
    for (String narrow :
        List.of(
            "[]",
            "['podman *']",
            "['git status', 'docker ps *']",
            "['bash -c id']", // exact text: only that command
            "['recursive delete']", // an old pattern key
            "[['*']]")) { // unhashable: set() raises, Hermes loads nothing
      assertEquals(Status.PASS, mode(narrow).status(), narrow);
    }
  }

  @Test
  void fnmatchAsPythonHasIt() {
    assertEquals(List.of(1), CommandAllowlist.runsAnything(List.of("[bs]*")));
    assertEquals(List.of(), CommandAllowlist.runsAnything(List.of("[!bspe]*")));
    assertEquals(List.of(), CommandAllowlist.runsAnything(List.of("[unclosed *")));
    assertEquals(
        List.of("l", "s", " ", "*"),
        CommandAllowlist.entries("ls *"),
        "a string is its characters");
    assertTrue(CommandAllowlist.entries(List.of(1, "x")).contains("x"));
    assertFalse(CommandAllowlist.entries(List.of(1, "x")).contains("1"), "not a str: skipped");
  }
}
