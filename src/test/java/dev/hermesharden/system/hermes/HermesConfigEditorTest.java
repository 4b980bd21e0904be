package dev.hermesharden.system.hermes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HermesConfigEditorTest {
  private final String large = Fixtures.hermes("config-large.yaml");

  /** The lines that differ (LCS), as "-old" / "+new" in file order, removals first. */
  static List<String> changedLines(String before, String after) {
    List<String> a = List.of(before.split("\n", -1));
    List<String> b = List.of(after.split("\n", -1));
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        i++;
        j++;
      } else if (i < a.size() && (j >= b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
        out.add("-" + a.get(i++));
      } else {
        out.add("+" + b.get(j++));
      }
    }
    return out;
  }

  @Test
  void replacesInPlaceKeepingTheInlineComment() throws Exception {
    String out = HermesConfigEditor.set(large, "approvals.mode", "manual");
    assertEquals(
        List.of(
            "-  mode: smart          # was \"manual\" until the demo",
            "+  mode: manual          # was \"manual\" until the demo"),
        changedLines(large, out));
    assertEquals("manual", HermesConfig.parse(out).approvalsMode());
  }

  @Test
  void keepsTheQuotingStyleOfTheOldValue() throws Exception {
    String out = HermesConfigEditor.set(large, "terminal.backend", "docker");
    assertEquals(
        List.of("-  backend: \"local\"", "+  backend: \"docker\""), changedLines(large, out));
    out = HermesConfigEditor.set(large, "model.provider", "nous");
    assertEquals(List.of("-  provider: 'auto'", "+  provider: 'nous'"), changedLines(large, out));
  }

  @Test
  void ignoresKeyLookalikesInsideBlockScalarsAndComments() throws Exception {
    String out = HermesConfigEditor.set(large, "terminal.backend", "docker");
    assertTrue(out.contains("    backend: this line is text, not a key\n"));
    assertTrue(out.contains("#   backend: \"docker\"\n"), "commented-out example untouched");
  }

  @Test
  void insertsAMissingKeyAtTheEndOfItsBlock() throws Exception {
    String out = HermesConfigEditor.set(large, "approvals.unattended_mode", "deny");
    assertEquals(List.of("+  unattended_mode: deny"), changedLines(large, out));
    assertTrue(out.contains("  cron_mode: approve   # deny | approve\n  unattended_mode: deny\n"));
  }

  @Test
  void aColumnZeroCommentDoesNotEndTheBlock() throws Exception {
    String out = HermesConfigEditor.set(large, "security.tirith_fail_open", false);
    assertTrue(
        out.contains("  protected_instruction_files: true\n  tirith_fail_open: false\n"), out);
    assertEquals(1, changedLines(large, out).size());
    out = HermesConfigEditor.set(large, "terminal.container_cpu", 1);
    assertEquals(
        List.of(
            "-  container_cpu: 4              # CPU cores",
            "+  container_cpu: 1              # CPU cores"),
        changedLines(large, out));
  }

  @Test
  void createsMissingParentsAtTheEndOfTheFile() throws Exception {
    String text = "model:\n  default: x   # keep\n";
    String out = HermesConfigEditor.set(text, "approvals.mode", "manual");
    assertEquals("model:\n  default: x   # keep\n\napprovals:\n  mode: manual\n", out);
    out = HermesConfigEditor.set(out, "approvals.cron_mode", "deny");
    assertEquals(
        "model:\n  default: x   # keep\n\napprovals:\n  mode: manual\n  cron_mode: deny\n", out);
  }

  @Test
  void insertsAfterANestedChildBlockAtTheChildIndent() throws Exception {
    // a comment after the last value may introduce what follows, so the new key goes above it
    assertEquals(
        "a:\n  b:\n    c: 1\n  d: 2\n  # note\nz: 0\n",
        HermesConfigEditor.set("a:\n  b:\n    c: 1\n  # note\nz: 0\n", "a.d", 2));
  }

  @Test
  void aNewTopLevelBlockGoesBelowTrailingComments() throws Exception {
    String out = HermesConfigEditor.set(large, "sandbox.enabled", true);
    assertTrue(
        out.endsWith(
            "# End of file. Anything below is ignored by me, not by YAML.\n\nsandbox:\n  enabled: true\n"),
        out);
    assertTrue(out.startsWith(large));
  }

  @Test
  void usesTheIndentOfTheFile() throws Exception {
    String text = "security:\n    redact_secrets: false\nterminal:\n    backend: local\n";
    String out = HermesConfigEditor.set(text, "security.website_blocklist.enabled", true);
    assertEquals(
        "security:\n    redact_secrets: false\n    website_blocklist:\n        enabled: true\nterminal:\n    backend: local\n",
        out);
  }

  @Test
  void replacesABlockListWithAFlowList() throws Exception {
    String out = HermesConfigEditor.set(large, "terminal.docker_forward_env", List.of());
    assertEquals(
        List.of(
            "-  docker_forward_env:",
            "-    - \"GITHUB_TOKEN\"",
            "-    - \"NPM_TOKEN\"",
            "+  docker_forward_env: []"),
        changedLines(large, out));
  }

  @Test
  void quotesStringsThatYamlWouldReadAsSomethingElse() throws Exception {
    String out = HermesConfigEditor.set("approvals:\n  mode: manual\n", "approvals.mode", "off");
    assertEquals("approvals:\n  mode: \"off\"\n", out);
    assertEquals("off", HermesConfig.parse(out).get("approvals.mode").orElseThrow());
  }

  @Test
  void setsAnEmptyKey() throws Exception {
    String out =
        HermesConfigEditor.set(
            "security:\n  redact_secrets:  # todo\n", "security.redact_secrets", true);
    assertEquals("security:\n  redact_secrets: true  # todo\n", out);
  }

  @Test
  void refusesFlowMappingsAnchorsAndSeveralDocuments() {
    assertThrows(
        ConfigEditRefusedException.class,
        () ->
            HermesConfigEditor.set(
                "security: {redact_secrets: false}\n", "security.redact_secrets", true));
    assertThrows(
        ConfigEditRefusedException.class,
        () -> HermesConfigEditor.set(large, "agent.reasoning_overrides.x", "y"));
    assertThrows(
        ConfigEditRefusedException.class,
        () ->
            HermesConfigEditor.set(
                "base: &b\n  mode: smart\napprovals: *b\n", "approvals.mode", "manual"));
    assertThrows(
        ConfigEditRefusedException.class,
        () ->
            HermesConfigEditor.set(
                "approvals:\n  <<: {mode: smart}\n  cron_mode: deny\n",
                "approvals.mode",
                "manual"));
    assertThrows(
        ConfigEditRefusedException.class,
        () -> HermesConfigEditor.set("a: 1\n---\nb: 2\n", "a", 2));
    assertThrows(
        ConfigEditRefusedException.class,
        () ->
            HermesConfigEditor.set(
                "terminal:\n  backend: |\n    local\n", "terminal.backend", "docker"));
  }

  @Test
  void refusesToTurnAMappingIntoAScalar() {
    ConfigEditRefusedException e =
        assertThrows(
            ConfigEditRefusedException.class,
            () -> HermesConfigEditor.set(large, "security", "none"));
    assertEquals("security", e.key());
  }

  @Test
  void refusesADuplicateKeyInsteadOfGuessing() {
    assertThrows(
        ConfigEditRefusedException.class,
        () ->
            HermesConfigEditor.set(
                "approvals:\n  mode: off\n  mode: smart\n", "approvals.mode", "manual"));
  }

  @Test
  void roundTripOfEveryFixSettingChangesOnlyThoseLines() throws Exception {
    String out = large;
    out = HermesConfigEditor.set(out, "approvals.mode", "manual");
    out = HermesConfigEditor.set(out, "approvals.cron_mode", "deny");
    out = HermesConfigEditor.set(out, "security.redact_secrets", true);
    out = HermesConfigEditor.set(out, "security.website_blocklist.enabled", true);
    out = HermesConfigEditor.set(out, "security.allow_private_urls", false);
    out = HermesConfigEditor.set(out, "terminal.backend", "docker");
    out = HermesConfigEditor.set(out, "terminal.container_cpu", 1);
    List<String> changed = changedLines(large, out);
    assertEquals(14, changed.size(), String.join("\n", changed));
    assertTrue(
        changed.contains(
            "+  redact_secrets: true   # I wanted to see the raw output while debugging"));
    assertEquals(large.lines().count(), out.lines().count());
    HermesConfig c = HermesConfig.parse(out);
    assertEquals("manual", c.approvalsMode());
    assertTrue(c.websiteBlocklistEnabled());
    assertEquals(List.of("git status", "ls -la", "npm test"), c.commandAllowlist());
  }

  @Test
  void keepsCrlfEndingsAndAddsNoBareLineFeeds() throws Exception {
    String text = "approvals:\r\n  mode: smart # x\r\nmodel:\r\n  default: a\r\n";
    String out = HermesConfigEditor.set(text, "approvals.cron_mode", "deny");
    assertEquals(
        "approvals:\r\n  mode: smart # x\r\n  cron_mode: deny\r\nmodel:\r\n  default: a\r\n", out);
    String lf = HermesConfigEditor.set(large, "approvals.cron_mode", "deny");
    assertFalse(lf.contains("\r"), "an LF file stays CR-free");
  }

  @Test
  void keepsAMissingFinalNewline() throws Exception {
    assertEquals(
        "model:\n  default: a\n  provider: b",
        HermesConfigEditor.set("model:\n  default: a", "model.provider", "b"));
    assertEquals("a: 1\n\nb:\n  c: 2", HermesConfigEditor.set("a: 1", "b.c", 2));
  }

  @Test
  void anUnchangedValueGivesTheSameText() throws Exception {
    assertEquals(large, HermesConfigEditor.set(large, "terminal.backend", "local"));
  }
}
