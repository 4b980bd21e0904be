package dev.hermesharden.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
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

  /** A kind with a required text, an integer with a default, and a list. */
  private static final Check<String> TYPED =
      new Check<>() {
        @Override
        public ParamSchema schema() {
          return ParamSchema.of(
              Param.oneOf("mode", "on", "off"),
              Param.integer("max").orElse("3"),
              Param.list("l").orElse(List.of()));
        }

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
                  c.kind("noop", NOOP)
                      .kind("typed", TYPED)
                      .condition("never", (h, x) -> false)
                      .fix("a.fix", (h, p, x) -> Plan.nothing("a.fix"))));

  private static final Messages MESSAGES = messages();

  private static Messages messages() {
    Properties p = new Properties();
    for (String k : List.of("t", "w", "b", "u", "c1", "c2", "f1", "r1")) {
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

  /** One check entry of kind noop: four lines. */
  private static String check(String id, String title) {
    return "  - id: " + id + "\n    kind: noop\n    title: " + title + "\n    severity: low\n";
  }

  private static final String A_CHECKS = check("a.one", "c1") + check("a.two", "c2");
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
                new StepFiles.Source("02-b.yaml", step("b", 2, check("b.one", "c1"), "")),
                new StepFiles.Source("01-a.yaml", step("a", 1, A_CHECKS, A_FIX))),
            CATALOG,
            MESSAGES);
    assertEquals(List.of("a", "b"), steps.stream().map(StepDefinition::id).toList());
    FixRef fix = steps.get(0).fixes().get(0);
    assertTrue(fix.destructive());
    assertEquals(List.of(EvidenceKind.KEY_LOGIN), fix.requires());
  }

  @Test
  void unknownCheckKindNamesFileLineAndField() {
    StepFileException e =
        assertThrows(
            StepFileException.class,
            () ->
                StepFiles.load(
                    List.of(
                        new StepFiles.Source(
                            "01-a.yaml",
                            step("a", 1, check("a.one", "c1").replace("noop", "nope"), ""))),
                    CATALOG,
                    MESSAGES));
    assertEquals("01-a.yaml", e.file());
    assertEquals(10, e.line(), e.getMessage());
    assertEquals("checks[].kind", e.field());
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
  }

  private static StepFileException typedError(String paramsLine) {
    String checks =
        "  - id: a.one\n    kind: typed\n    title: c1\n" + paramsLine + "    severity: low\n";
    return assertThrows(
        StepFileException.class,
        () ->
            StepFiles.load(
                List.of(new StepFiles.Source("01-a.yaml", step("a", 1, checks, ""))),
                CATALOG,
                MESSAGES));
  }

  @Test
  void paramsAreCheckedAgainstTheKindsSchemaWithFileLineAndField() {
    StepFileException missing = typedError("");
    assertEquals("checks[].params.mode", missing.field());
    assertEquals("stepfile.param.missing", missing.problem().key());
    assertEquals(10, missing.line(), "no params: the kind's line");

    StepFileException unknown = typedError("    params:\n      mode: on\n      colour: red\n");
    assertEquals("checks[].params.colour", unknown.field());
    assertEquals(14, unknown.line(), unknown.getMessage());
    assertTrue(unknown.getMessage().contains("mode, max, l"), unknown.getMessage());

    StepFileException notOneOf = typedError("    params: {mode: maybe}\n");
    assertEquals("checks[].params.mode", notOneOf.field());
    assertEquals(12, notOneOf.line());
    assertEquals("stepfile.param.not-one-of", notOneOf.problem().key());

    StepFileException notInteger = typedError("    params: {mode: on, max: lots}\n");
    assertEquals("checks[].params.max", notInteger.field());
    assertEquals("stepfile.param.not-integer", notInteger.problem().key());

    StepFileException notList = typedError("    params: {mode: on, l: one}\n");
    assertEquals("stepfile.param.not-list", notList.problem().key());
    StepFileException notText = typedError("    params: {mode: [on, off]}\n");
    assertEquals("stepfile.param.not-text", notText.problem().key());
  }

  @Test
  void theErrorIsToldInTheAdminsLanguage() {
    StepFileException e = typedError("    params: {mode: on, max: lots}\n");
    assertEquals(
        "01-a.yaml:12: checks[].params.max: 'max' must be a whole number, not 'lots'",
        e.describe(Messages.english()));
    assertEquals(
        "01-a.yaml:12: checks[].params.max: 'max' muss eine ganze Zahl sein, nicht 'lots'",
        e.describe(Messages.forLanguage("de")));
  }

  @Test
  void defaultsOfTheSchemaAreFilledIn() throws Exception {
    String checks =
        "  - id: a.one\n    kind: typed\n    title: c1\n    params: {mode: off}\n"
            + "    severity: high\n";
    CheckRef ref =
        StepFiles.load(
                List.of(new StepFiles.Source("01-a.yaml", step("a", 1, checks, ""))),
                CATALOG,
                MESSAGES)
            .get(0)
            .checks()
            .get(0);
    assertEquals("typed", ref.kind());
    assertEquals("off", ref.params().string("mode"));
    assertEquals(3, ref.params().integer("max", -1));
    assertEquals(Severity.HIGH, ref.severity());
  }

  @Test
  void severityConditionReasonAndRemedyAreChecked() throws Exception {
    String base = "  - id: a.one\n    kind: noop\n    title: c1\n";
    StepFileException severity =
        assertThrows(
            StepFileException.class,
            () ->
                StepFiles.load(
                    List.of(
                        new StepFiles.Source(
                            "01-a.yaml", step("a", 1, base + "    severity: dire\n", A_FIX))),
                    CATALOG,
                    MESSAGES));
    assertEquals("checks[].severity", severity.field());
    assertEquals(12, severity.line());
    StepFileException noSeverity =
        assertThrows(
            StepFileException.class,
            () ->
                StepFiles.load(
                    List.of(new StepFiles.Source("01-a.yaml", step("a", 1, base, A_FIX))),
                    CATALOG,
                    MESSAGES));
    assertEquals("severity", noSeverity.field());
    StepFileException fix =
        assertThrows(
            StepFileException.class,
            () ->
                StepFiles.load(
                    List.of(
                        new StepFiles.Source(
                            "01-a.yaml",
                            step("a", 1, base + "    severity: low\n    fix: b.fix\n", A_FIX))),
                    CATALOG,
                    MESSAGES));
    assertEquals("checks[].fix", fix.field());
    assertEquals("stepfile.fix-not-in-step", fix.problem().key());
    StepFileException condition =
        assertThrows(
            StepFileException.class,
            () ->
                StepFiles.load(
                    List.of(
                        new StepFiles.Source(
                            "01-a.yaml",
                            step(
                                "a",
                                1,
                                base
                                    + "    applies_when: {condition: sometimes, reason: r1}\n"
                                    + "    severity: low\n",
                                ""))),
                    CATALOG,
                    MESSAGES));
    assertEquals("checks[].applies_when.condition", condition.field());
    StepFileException reason =
        assertThrows(
            StepFileException.class,
            () ->
                StepFiles.load(
                    List.of(
                        new StepFiles.Source(
                            "01-a.yaml",
                            step(
                                "a",
                                1,
                                base
                                    + "    applies_when: {condition: never, reason: nokey}\n"
                                    + "    severity: low\n",
                                ""))),
                    CATALOG,
                    MESSAGES));
    assertEquals("checks[].applies_when.reason", reason.field());
    CheckRef ok =
        StepFiles.load(
                List.of(
                    new StepFiles.Source(
                        "01-a.yaml",
                        step(
                            "a",
                            1,
                            base
                                + "    applies_when: {condition: never, reason: r1}\n"
                                + "    severity: low\n    fix: a.fix\n",
                            A_FIX))),
                CATALOG,
                MESSAGES)
            .get(0)
            .checks()
            .get(0);
    assertEquals(new AppliesWhen("never", "r1"), ok.appliesWhen().orElseThrow());
    assertEquals("a.fix", ok.fix().orElseThrow());
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
                            "01-a.yaml", step("a", 1, check("a.one", "nokey"), ""))),
                    CATALOG,
                    MESSAGES));
    assertEquals("checks[].title", e.field());
    assertEquals(11, e.line(), e.getMessage());
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
                        new StepFiles.Source("02-a.yaml", step("a", 2, check("b.one", "c1"), ""))),
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
                        new StepFiles.Source("03-b.yaml", step("b", 3, check("b.one", "c1"), ""))),
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
    assertEquals(17, e.line(), e.getMessage());
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
    assertEquals(18, e2.line(), e2.getMessage());
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
