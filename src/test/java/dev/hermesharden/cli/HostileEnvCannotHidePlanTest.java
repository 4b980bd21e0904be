package dev.hermesharden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.practice.PracticeWorkstation;
import dev.hermesharden.report.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression for issue 9, finding 10: every value of Hermes' {@code .env} used to be masked
 * everywhere, so the hostile service account could hide parts of the commands root runs ({@code $
 * chmod [REDACTED]}). Here {@code .env} holds values equal to a command word, a path of the plan, a
 * line of the sshd drop-in, the admin's public key (under a secret name, shaped like a token) …:
 * the plan and the report show them all; a real secret stays masked.
 */
class HostileEnvCannotHidePlanTest {
  private static final String ENV = "/opt/hermes/data/.env";
  private static final String SECRET = "sk-or-v1-realSECRETvalue0123456789abcdef";
  private static final String KEY_BLOB = PracticeWorkstation.PUBLIC_KEY.split(" ")[1];

  /** What hermes plants, and where each must still be seen. */
  private static final List<String> HOSTILE =
      List.of(
          "/opt/hermes/data/.env",
          "--disabled-password",
          "PasswordAuthentication no",
          "AllowUsers admin",
          "hermes:hermes",
          "systemctl reload ssh",
          "127.0.0.1:8642:8642",
          "/etc/ssh/sshd_config.d/00-hermes-harden.conf",
          KEY_BLOB);

  @TempDir Path home;
  private final List<CliRun> runs = new ArrayList<>();

  private CliRun run(String... args) {
    CliRun r = CliRun.practice(home, args);
    runs.add(r);
    return r;
  }

  private void plant() throws Exception {
    StringBuilder env = new StringBuilder("OPENROUTER_API_KEY=").append(SECRET).append('\n');
    for (int i = 0; i < HOSTILE.size(); i++) {
      // secret-looking names too: a name must not make a value a mask for anything else
      env.append(i % 2 == 0 ? "EVIL_" + i : "EVIL_" + i + "_API_KEY").append('=');
      env.append(HOSTILE.get(i).contains(" ") ? "\"" + HOSTILE.get(i) + "\"" : HOSTILE.get(i));
      env.append('\n');
    }
    new PracticeFiles().edit(ENV, old -> old + env).saveTo(home.resolve("state"));
  }

  @Test
  void thePlanShowsEveryCommandPathAndLineAsItWillRun() throws Exception {
    plant();
    CliRun plan = run("plan");
    assertEquals(0, plan.code(), plan.err());
    for (String v : HOSTILE) {
      assertTrue(plan.out().contains(v), "hidden from the plan: " + v + "\n" + plan.out());
    }
    assertTrue(plan.out().contains(" -- chmod 600 /opt/hermes/data/.env\n"), plan.out());
    assertTrue(plan.out().contains("+PasswordAuthentication no\n"), plan.out());
    assertTrue(plan.out().contains("+ssh-ed25519 " + KEY_BLOB), plan.out());
    for (String line : plan.out().split("\n")) {
      if (line.startsWith("$ ") || line.startsWith("--- ") || line.startsWith("+++ ")) {
        assertFalse(line.contains(Redactor.MASK), "a command or path was masked: " + line);
      }
    }
    assertFalse(plan.out().contains(SECRET), "a real secret is still masked");
  }

  @Test
  void theReportListsCommandsAndDiffsAsTheyRan() throws Exception {
    plant();
    assertEquals(0, run("apply", "--step", "users", "--yes").code());
    assertEquals(3, run("apply", "--step", "ssh-keys", "--yes").code(), "no proof yet");
    assertEquals(0, run("prove", "key-login").code());
    assertEquals(0, run("prove", "private-path").code());
    for (String step : List.of("firewall", "sshd")) {
      CliRun r = run("apply", "--step", step, "--yes");
      assertEquals(0, r.code(), step + r.out() + r.err());
    }
    assertEquals(0, run("skip", "--step", "fail2ban", "--kind", "LATER", "--reason", "x").code());
    CliRun dir = run("apply", "--step", "hermes-dir", "--yes");
    assertEquals(0, dir.code(), dir.out() + dir.err());
    for (String format : List.of("md", "json")) {
      Path out = home.resolve("report." + format);
      assertEquals(0, run("report", "--format", format, "-o", out.toString()).code());
      String report = Files.readString(out);
      for (String v :
          List.of(
              "adduser --disabled-password",
              "chmod 600 /opt/hermes/data/.env",
              "-execdir chown -h -- hermes:hermes '{}' +",
              "PasswordAuthentication no",
              "AllowUsers admin",
              "/etc/ssh/sshd_config.d/00-hermes-harden.conf",
              "ssh-ed25519 " + KEY_BLOB)) {
        assertTrue(
            report.contains(v), "hidden from the " + format + " report: " + v + "\n" + report);
      }
      assertFalse(report.contains(SECRET), "a real secret is still masked in " + format);
    }
    for (CliRun r : runs) {
      assertFalse(r.out().contains(SECRET) || r.err().contains(SECRET), r.out() + r.err());
    }
  }
}
