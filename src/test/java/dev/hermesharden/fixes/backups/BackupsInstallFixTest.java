package dev.hermesharden.fixes.backups;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimFile;
import dev.hermesharden.practice.SimulatedHost;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code backups.install}: age when a recipient is given, never a private key or passphrase. */
class BackupsInstallFixTest {
  private static final String KEY = "age1" + "q".repeat(58);
  private static final Params P = new Params(Map.of("keep", "14", "max-mb", "4096"));

  private static String script(Plan p) {
    return p.actions().stream()
        .filter(a -> a instanceof WriteFile w && w.path().equals(BackupScript.PATH))
        .map(a -> ((WriteFile) a).after())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void anAgeRecipientIsTheOnlyKeyOnTheServer() throws Exception {
    StepContext ctx = StepContext.of(Answers.EMPTY.with(BackupsInstallFix.RECIPIENT, KEY));
    SimulatedHost host = SimulatedHost.fresh();
    host.exec("adduser", "--disabled-password", "--gecos", "", "hermes");
    host.fs().put("/opt/hermes/data", SimFile.dir("hermes", "hermes", 0700)); // as step 7 leaves it
    String s = script(new BackupsInstallFix().plan(host, P, ctx));
    assertTrue(s.contains("age --encrypt --recipient " + KEY), s);
    assertFalse(
        s.contains("--passphrase-file") || s.contains("urandom"), "no passphrase with age:\n" + s);
    assertTrue(s.contains("setpriv --reuid=hermes"), "tar runs as HERMES_HOME's owner:\n" + s);
    assertFalse(s.contains(" -h ") || s.contains("--dereference"), "no link is followed:\n" + s);
  }

  @Test
  void withoutARecipientGpgSymmetricWithARootOnlyPassphrase() throws Exception {
    String s =
        script(
            new BackupsInstallFix().plan(SimulatedHost.fresh(), P, StepContext.of(Answers.EMPTY)));
    assertTrue(s.contains("gpg --batch") && s.contains("--symmetric"), s);
    assertTrue(s.contains("umask 077"), s);
  }

  @Test
  void somethingThatIsNotAnAgePublicKeyIsRefused() {
    StepContext ctx =
        StepContext.of(
            Answers.EMPTY.with(BackupsInstallFix.RECIPIENT, "AGE-SECRET-KEY-1QQQQ; rm -rf /"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new BackupsInstallFix().plan(SimulatedHost.fresh(), P, ctx));
  }
}
