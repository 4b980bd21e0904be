package dev.hermesharden.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.StepContext;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StepFilesTest {
  private static final Check<String> NOOP =
      new Check<>() {
        @Override
        public String gather(dev.hermesharden.host.Host host, StepContext ctx) {
          return "";
        }

        @Override
        public Verdict evaluate(String facts, Params params, StepContext ctx) {
          return Verdict.pass("k");
        }
      };

  private static final Catalog CATALOG =
      Catalog.of(
          List.of(
              c ->
                  c.check("a.one", NOOP)
                      .check("a.two", NOOP)
                      .check("b.one", NOOP)
                      .fix("a.fix", (h, p, x) -> Plan.nothing("a.fix"))));

  private static final Messages MESSAGES = messages();

  private static Messages messages() {
    Properties p = new Properties();
    for (String k : List.of("t", "w", "b", "u", "c1", "c2", "f1")) {
      p.setProperty(k, k);
    }
    return Messages.of(p);
  }

  private static String step(String id, int order, String checks, String fixes) {
    return "id: "
        + id
        + "\norder: "
        + order
        + "\ntitle: t\nteach:\n  why: w\n  breaks: b\n  undo: u\nchecks:\n"
        + checks
        + fixes;
  }

  private static final String A_CHECKS =
      "  - id: a.one\n    title: c1\n  - id: a.two\n    title: c2\n";
  private static final String A_FIX =
      "fixes:\n  - id: a.fix\n    title: f1\n    destructive: true\n    requires: [key-login]\n";

  @Test
  void theIndexNamesEveryStepFileAndTheyAreWhatIsPackaged() throws Exception {
    List<StepFiles.Source> onDisk = StepFiles.read(java.nio.file.Path.of(StepFiles.RESOURCE_DIR));
    assertTrue(onDisk.size() >= 9, "the step files of the checkout: " + onDisk);
    assertEquals(
        onDisk.stream().map(StepFiles.Source::name).toList(),
        java.nio.file.Files.readAllLines(
                java.nio.file.Path.of(StepFiles.RESOURCE_DIR, StepFiles.INDEX))
            .stream()
            .filter(l -> !l.isBlank())
            .sorted()
            .toList(),
        "wizard-steps/index.txt lists exactly the step files");
    assertEquals(onDisk, StepFiles.packagedSources());
  }

  @Test
  void validFilesLoadInOrderWithTheirFields() throws Exception {
    List<StepDefinition> steps =
        StepFiles.load(
            List.of(
                new StepFiles.Source(
                    "02-b.yaml", step("b", 2, "  - id: b.one\n    title: c1\n", "")),
                new StepFiles.Source("01-a.yaml", step("a", 1, A_CHECKS, A_FIX))),
            CATALOG,
            MESSAGES);
    assertEquals(List.of("a", "b"), steps.stream().map(StepDefinition::id).toList());
    FixRef fix = steps.get(0).fixes().get(0);
    assertTrue(fix.destructive());
    assertEquals(List.of(EvidenceKind.KEY_LOGIN), fix.requires());
  }

  @Test
  void unknownCheckIdNamesFileLineAndField() {
    StepFileException e =
        assertThrows(
            StepFileException.class,
            () ->
                StepFiles.load(
                    List.of(
                        new StepFiles.Source(
                            "01-a.yaml", step("a", 1, "  - id: a.nope\n    title: c1\n", ""))),
                    CATALOG,
                    MESSAGES));
    assertEquals("01-a.yaml", e.file());
    assertEquals(9, e.line(), e.getMessage());
    assertEquals("checks[].id", e.field());
    assertTrue(e.getMessage().contains("a.nope"), e.getMessage());
  }

  @Test
  void missingI18nKeyIsAnError() {
    StepFileException e =
        assertThrows(
            StepFileException.class,
            () ->
                StepFiles.load(
                    List.of(
                        new StepFiles.Source(
                            "01-a.yaml", step("a", 1, "  - id: a.one\n    title: nokey\n", ""))),
                    CATALOG,
                    MESSAGES));
    assertEquals("checks[].title", e.field());
    assertEquals(10, e.line(), e.getMessage());
  }

  @Test
  void duplicateCheckIdAcrossFilesIsAnError() {
    StepFileException e =
        assertThrows(
            StepFileException.class,
            () ->
                StepFiles.load(
                    List.of(
                        new StepFiles.Source("01-a.yaml", step("a", 1, A_CHECKS, "")),
                        new StepFiles.Source("02-b.yaml", step("b", 2, A_CHECKS, ""))),
                    CATALOG,
                    MESSAGES));
    assertEquals("02-b.yaml", e.file());
    assertTrue(e.getMessage().contains("duplicate check id 'a.one'"), e.getMessage());
  }

  @Test
  void duplicateStepIdIsAnError() {
    StepFileException e =
        assertThrows(
            StepFileException.class,
            () ->
                StepFiles.load(
                    List.of(
                        new StepFiles.Source("01-a.yaml", step("a", 1, A_CHECKS, "")),
                        new StepFiles.Source(
                            "02-a.yaml", step("a", 2, "  - id: b.one\n    title: c1\n", ""))),
                    CATALOG,
                    MESSAGES));
    assertEquals("id", e.field());
    assertTrue(e.getMessage().contains("duplicate step id"), e.getMessage());
  }

  @Test
  void orderWithAGapIsAnError() {
    StepFileException e =
        assertThrows(
            StepFileException.class,
            () ->
                StepFiles.load(
                    List.of(
                        new StepFiles.Source("01-a.yaml", step("a", 1, A_CHECKS, "")),
                        new StepFiles.Source(
                            "03-b.yaml", step("b", 3, "  - id: b.one\n    title: c1\n", ""))),
                    CATALOG,
                    MESSAGES));
    assertEquals("order", e.field());
    assertEquals(2, e.line());
    assertTrue(e.getMessage().contains("expected 2"), e.getMessage());
  }

  @Test
  void orderThatDisagreesWithTheFileNameIsAnError() {
    StepFileException e =
        assertThrows(
            StepFileException.class,
            () ->
                StepFiles.load(
                    List.of(new StepFiles.Source("01-a.yaml", step("a", 2, A_CHECKS, ""))),
                    CATALOG,
                    MESSAGES));
    assertEquals("order", e.field());
  }

  @Test
  void unknownFieldNamesItsLine() {
    String text = step("a", 1, A_CHECKS, "") + "colour: red\n";
    StepFileException e =
        assertThrows(
            StepFileException.class,
            () ->
                StepFiles.load(
                    List.of(new StepFiles.Source("01-a.yaml", text)), CATALOG, MESSAGES));
    assertEquals("colour", e.field());
    assertEquals(13, e.line(), e.getMessage());
  }

  @Test
  void destructiveFixWithoutEvidenceIsAnError() {
    String fix = "fixes:\n  - id: a.fix\n    title: f1\n    destructive: true\n";
    StepFileException e =
        assertThrows(
            StepFileException.class,
            () ->
                StepFiles.load(
                    List.of(new StepFiles.Source("01-a.yaml", step("a", 1, A_CHECKS, fix))),
                    CATALOG,
                    MESSAGES));
    assertEquals("fixes[].requires", e.field());
  }

  @Test
  void unknownEvidenceAndUnknownFixAreErrors() {
    String badEvidence =
        "fixes:\n  - id: a.fix\n    title: f1\n    destructive: true\n    requires: [telepathy]\n";
    StepFileException e1 =
        assertThrows(
            StepFileException.class,
            () ->
                StepFiles.load(
                    List.of(new StepFiles.Source("01-a.yaml", step("a", 1, A_CHECKS, badEvidence))),
                    CATALOG,
                    MESSAGES));
    assertTrue(e1.getMessage().contains("telepathy"), e1.getMessage());
    String badFix = "fixes:\n  - id: a.nofix\n    title: f1\n";
    StepFileException e2 =
        assertThrows(
            StepFileException.class,
            () ->
                StepFiles.load(
                    List.of(new StepFiles.Source("01-a.yaml", step("a", 1, A_CHECKS, badFix))),
                    CATALOG,
                    MESSAGES));
    assertEquals("fixes[].id", e2.field());
    assertEquals(14, e2.line(), e2.getMessage());
  }

  @Test
  void brokenYamlIsReportedNotThrownRaw() {
    StepFileException e =
        assertThrows(
            StepFileException.class,
            () ->
                StepFiles.load(
                    List.of(new StepFiles.Source("01-a.yaml", "id: [unclosed\n")),
                    CATALOG,
                    MESSAGES));
    assertEquals("01-a.yaml", e.file());
  }

  @Test
  void noClassIsEverConstructedFromAStepFile() {
    String evil = "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]\n";
    assertThrows(
        StepFileException.class,
        () -> StepFiles.load(List.of(new StepFiles.Source("01-a.yaml", evil)), CATALOG, MESSAGES));
  }
}
