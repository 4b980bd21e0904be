package dev.hermesharden.fixes.backups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.BadInputException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimFile;
import dev.hermesharden.practice.SimulatedHost;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code backups.install}: age when a recipient is given, never a private key or passphrase. */
class BackupsInstallFixTest {
  /** A public key age-keygen printed. */
  private static final String KEY =
      "age1yw7whpsqp8j9mfluq04dd820ck53j3mljhk7wvyg7f4supprz3ps3nc8rm";

  private static final Params P = new Params(Map.of("keep", "14", "max-mb", "4096"));

  private static WriteFile written(Plan p, String path) {
    return p.actions().stream()
        .filter(a -> a instanceof WriteFile w && w.path().equals(path))
        .map(a -> (WriteFile) a)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no write of " + path + " in\n" + p.render()));
  }

  private static List<List<String>> commands(Plan p) {
    return p.actions().stream()
        .filter(a -> a instanceof RunCommand)
        .map(a -> ((RunCommand) a).argv())
        .toList();
  }

  private static SimulatedHost hostAfterStep7() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    host.exec("adduser", "--disabled-password", "--gecos", "", "hermes");
    host.fs().put("/opt/hermes/data", SimFile.dir("hermes", "hermes", 0700)); // as step 7 leaves it
    return host;
  }

  @Test
  void anAgeRecipientIsTheOnlyKeyOnTheServerAndNeverPartOfTheScript() throws Exception {
    StepContext ctx = StepContext.of(Answers.EMPTY.with(BackupsInstallFix.RECIPIENT, KEY));
    Plan plan = new BackupsInstallFix().plan(hostAfterStep7(), P, ctx);
    String s = written(plan, BackupScript.PATH).after();
    assertTrue(s.contains("age --encrypt --recipients-file \"$keys\""), s);
    assertTrue(s.contains("keys=" + BackupScript.RECIPIENTS + "\n"), s);
    assertFalse(s.contains(KEY), "the recipient is read from its file, never shell text:\n" + s);
    WriteFile recipients = written(plan, BackupScript.RECIPIENTS);
    assertEquals(KEY + "\n", recipients.after());
    assertEquals("root", recipients.attrs().owner());
    assertEquals(0644, recipients.attrs().mode(), "a public key, root's to change");
    assertFalse(
        s.contains("--passphrase-file") || s.contains("urandom"), "no passphrase with age:\n" + s);
    assertTrue(s.contains("setpriv --reuid=hermes"), "tar runs as HERMES_HOME's owner:\n" + s);
    assertFalse(s.contains(" -h ") || s.contains("--dereference"), "no link is followed:\n" + s);
  }

  @Test
  void ageMissingOnTheServerIsInstalledBeforeTheFirstRun() throws Exception {
    StepContext ctx = StepContext.of(Answers.EMPTY.with(BackupsInstallFix.RECIPIENT, KEY));
    List<List<String>> argv = commands(new BackupsInstallFix().plan(hostAfterStep7(), P, ctx));
    List<String> install =
        List.of("apt-get", "-y", "-o", "Dpkg::Options::=--force-confold", "install", "age");
    assertTrue(argv.contains(install), argv.toString());
    assertTrue(
        argv.indexOf(install) < argv.indexOf(List.of("systemctl", "start", BackupScript.SERVICE)),
        "installed before the first backup: " + argv);
  }

  @Test
  void theScriptSaysItsToolIsMissingInsteadOfFailingInThePipe() {
    for (String recipient : List.of(KEY, "")) {
      BackupScript.Settings s =
          new BackupScript.Settings("/h", "root", "root", recipient, 14, 4096);
      String script = BackupScript.script(s);
      assertTrue(script.contains("if ! command -v " + s.tool() + " >/dev/null; then"), script);
      assertTrue(script.indexOf("command -v") < script.indexOf("tar --create"), script);
    }
  }

  @Test
  void withoutARecipientGpgSymmetricWithARootOnlyPassphrase() throws Exception {
    Plan plan =
        new BackupsInstallFix().plan(SimulatedHost.fresh(), P, StepContext.of(Answers.EMPTY));
    String s = written(plan, BackupScript.PATH).after();
    assertTrue(s.contains("gpg --batch") && s.contains("--symmetric"), s);
    assertTrue(s.contains("keys=" + BackupScript.PASSPHRASE + "\n"), s);
    assertTrue(s.contains("umask 077"), s);
    assertTrue(
        plan.actions().stream()
            .noneMatch(a -> a instanceof WriteFile w && w.path().equals(BackupScript.RECIPIENTS)),
        plan.render());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "age1notakey",
        "AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ",
        "age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq; rm -rf /",
        "age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq\nage1$(reboot)",
        "age1qqqqqqqqqqqqqqqqqqqqqqqq qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq",
        "'age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq'",
        "age1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ",
        "age1bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        "age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq",
        "age1yw7whpsqp8j9mfluq04dd820ck53j3mljhk7wvyg7f4supprz3ps3nc8rn"
      })
  void somethingThatIsNotAnAgePublicKeyIsRefusedWithASentenceThatNeverEchoesIt(String bad)
      throws Exception {
    SimulatedHost host = hostAfterStep7();
    StepContext ctx = StepContext.of(Answers.EMPTY.with(BackupsInstallFix.RECIPIENT, bad));
    BadInputException e =
        assertThrows(BadInputException.class, () -> new BackupsInstallFix().plan(host, P, ctx));
    assertEquals("reason.input.age-recipient", e.key());
    assertEquals(BackupsInstallFix.RECIPIENT, e.field());
    for (Messages m : List.of(Messages.english(), Messages.forLanguage("de"))) {
      String text = m.get(e.key(), e.args().toArray());
      assertTrue(text.contains("age1") && text.contains("AGE-SECRET-KEY"), text);
      assertFalse(text.contains(bad.strip()), "the value is never shown: " + text);
    }
    assertFalse(host.fs().read(BackupScript.RECIPIENTS).isPresent(), "nothing written");
  }
}
