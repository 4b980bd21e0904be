package dev.hermesharden.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression for issue 9, finding 11: bad input ended as "Internal error", exit 1 (a config.yaml
 * that is not YAML on {@code plan}, a name like {@code -o} handed to {@code getent}). Each bad
 * input here must give exit 2 and a sentence in English and German that names the file and the
 * line, and the practice VPS must be byte-for-byte what it was.
 */
class BadInputWasInternalErrorTest {
  private static final String CONFIG = "/opt/hermes/data/config.yaml";
  private static final String COMPOSE = "/opt/hermes/docker-compose.yml";

  @TempDir Path home;

  /**
   * Runs {@code args} in English and German; both exit 2, say {@code en}/{@code de}, change
   * nothing.
   */
  private void refused(String en, String de, String... args) throws Exception {
    Path vps = home.resolve("state").resolve("practice-vps.json");
    byte[] before = Files.readAllBytes(vps);
    for (String lang : List.of("en", "de")) {
      List<String> all = new ArrayList<>(List.of(args));
      all.addAll(List.of("--lang", lang));
      CliRun r = CliRun.practice(home, all.toArray(String[]::new));
      String said = r.out() + r.err();
      assertEquals(2, r.code(), lang + ": " + said);
      assertTrue(
          r.err().contains(lang.equals("en") ? en : de), lang + ": want " + en + " in " + said);
      assertFalse(said.contains("Internal error") || said.contains("Interner Fehler"), said);
      assertTrue(
          r.err().contains(lang.equals("en") ? "Cannot go on" : "Abbruch")
              || r.err().contains(lang.equals("en") ? "Refused the answers" : "abgelehnt"),
          said);
      assertArrayEquals(before, Files.readAllBytes(vps), "nothing written to the VPS");
    }
  }

  private void vpsWith(String path, UnaryOperator<String> change) throws Exception {
    new PracticeFiles().edit(path, change).saveTo(home.resolve("state"));
  }

  @Test
  void aConfigYamlThatIsNotYamlNamesFileLineAndColumn() throws Exception {
    vpsWith(CONFIG, c -> c.replace("approvals:\n", "approvals:\n  mode: [manual\n"));
    int line = lineOf(CONFIG, "approvals:") + 2;
    String where = CONFIG + ":" + line + ": ";
    refused(where + "not valid YAML (column", where + "kein gültiges YAML (Spalte", "plan");
    refused(
        where + "not valid YAML",
        where + "kein gültiges YAML",
        "apply",
        "--step",
        "approvals",
        "--yes");
    CliRun audit = CliRun.practice(home, "audit", "--step", "approvals");
    assertTrue(audit.out().contains(CONFIG + ":" + line + " is not valid YAML"), audit.out());
  }

  @Test
  void aConfigYamlThatIsAListOrAFlowMappingIsRefusedWithItsPlace() throws Exception {
    vpsWith(CONFIG, c -> "- approvals\n- security\n");
    refused(
        CONFIG + ":1: the top level must be a mapping",
        CONFIG + ":1: die oberste Ebene muss eine Zuordnung",
        "plan",
        "--step",
        "approvals");
    vpsWith(CONFIG, c -> "approvals: {mode: off}\n");
    refused(
        CONFIG + ": approvals.mode: this part cannot be changed safely",
        CONFIG + ": approvals.mode: diese Stelle lässt sich nicht sicher ändern",
        "plan",
        "--step",
        "approvals");
  }

  @Test
  void aComposeFileThatDoesNotParseNamesFileAndLine() throws Exception {
    vpsWith(COMPOSE, c -> c.replace("    ports:\n", "    ports: [\n"));
    String where = COMPOSE + ":" + (lineOf(COMPOSE, "    ports:") + 1) + ": ";
    refused(where + "not valid YAML", where + "kein gültiges YAML", "plan", "--step", "docker");
  }

  @Test
  void aUserNameThatLooksLikeAnOptionNeverReachesACommand() throws Exception {
    vpsWith(CONFIG, c -> c);
    String en = "--set: service.user: \"-o\" is not a user name";
    String de = "--set: service.user: „-o“ ist kein Benutzername";
    refused(en, de, "apply", "--step", "users", "--set", "service.user=-o", "--yes");
    refused(
        en.replace("service", "admin"),
        de.replace("service", "admin"),
        "apply",
        "--step",
        "users",
        "--set",
        "admin.user=-o");
    CliRun plan = CliRun.practice(home, "plan", "--step", "users");
    assertEquals(0, plan.code(), plan.err());
    assertFalse(plan.out().contains("-o"), "the refused name was not saved:\n" + plan.out());
    assertTrue(
        plan.out().contains("$ adduser --disabled-password --gecos '' -- hermes"), plan.out());
  }

  @Test
  void otherSetValuesAreCheckedLikeAnswersFiles() throws Exception {
    vpsWith(CONFIG, c -> c);
    refused(
        "--set: nosuch.key: unknown key \"nosuch.key\"",
        "--set: nosuch.key: unbekannter Schlüssel „nosuch.key“",
        "apply",
        "--step",
        "users",
        "--set",
        "nosuch.key=1");
    refused(
        "--set: private-path.cidr: the value \"300.1.1.1/99\" is not allowed",
        "--set: private-path.cidr: der Wert „300.1.1.1/99“ ist hier nicht erlaubt",
        "apply",
        "--step",
        "firewall",
        "--set",
        "private-path.cidr=300.1.1.1/99");
    refused(
        "answers: private-path.cidr: private-path.kind is cidr",
        "answers: private-path.cidr: private-path.kind ist cidr",
        "apply",
        "--step",
        "firewall",
        "--set",
        "private-path.kind=cidr");
  }

  @Test
  void aMalformedAgeRecipientIsRefusedBeforeAnythingIsWrittenAndNeverEchoed() throws Exception {
    vpsWith(CONFIG, c -> c);
    String secret = "AGE-SECRET-KEY-1" + "Q".repeat(58);
    for (String bad : List.of("age1notakey", "age1$(reboot) x", secret)) {
      refused(
          "--set: backups.age-recipient: this is not an age public key",
          "--set: backups.age-recipient: das ist kein öffentlicher age-Schlüssel",
          "apply",
          "--step",
          "backups",
          "--set",
          "backups.age-recipient=" + bad,
          "--yes");
    }
    CliRun again =
        CliRun.practice(
            home,
            "apply",
            "--step",
            "backups",
            "--set",
            "backups.age-recipient=" + secret,
            "--lang",
            "en");
    assertFalse((again.out() + again.err()).contains(secret), again.out() + again.err());
  }

  @Test
  void anAnswersFileThatIsNotYamlNamesLineAndColumn() throws Exception {
    vpsWith(CONFIG, c -> c);
    Path file = home.resolve("bad.yaml");
    Files.writeString(file, "format: hermes-harden-answers\nversion: 1\nanswers: [\n");
    refused(
        file + ":4: not valid YAML (column 1",
        file + ":4: kein gültiges YAML (Spalte 1",
        "apply",
        "--answers",
        file.toString(),
        "--yes");
  }

  /**
   * The 1-based line of the first line of a fresh practice VPS file that starts with {@code text}.
   */
  private static int lineOf(String path, String text) throws Exception {
    String content = dev.hermesharden.practice.SimulatedHost.fresh().readFile(path).orElseThrow();
    List<String> lines = content.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in " + path);
  }
}
