package dev.hermesharden.checks.sshd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.sshd.Fixtures;
import dev.hermesharden.system.sshd.MatchSpec;
import dev.hermesharden.system.sshd.OpensshVersion;
import dev.hermesharden.system.sshd.SshdAccounts;
import dev.hermesharden.system.sshd.SshdConfigFiles;
import dev.hermesharden.system.sshd.SshdConnection;
import dev.hermesharden.system.sshd.SshdConnections;
import dev.hermesharden.system.sshd.SshdEffectiveConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pure evaluation of the sshd checks over recorded {@code sshd -T} output and config files. */
class SshdChecksTest {
  static final String MAIN =
      "Include /etc/ssh/sshd_config.d/*.conf\nKbdInteractiveAuthentication no\nUsePAM yes\n";
  static final Map<String, String> CLOUD_FILES =
      Map.of(
          SshdConfigFiles.MAIN,
          MAIN,
          "/etc/ssh/sshd_config.d/50-cloud-init.conf",
          "PasswordAuthentication yes\n");
  static final Optional<OpensshVersion> V96 =
      OpensshVersion.parse("OpenSSH_9.6p1 Ubuntu-3ubuntu13.5, OpenSSL 3.0.13 30 Jan 2024");
  static final Optional<OpensshVersion> V82 =
      OpensshVersion.parse("OpenSSH_8.2p1 Ubuntu-4ubuntu0.11, OpenSSL 1.1.1f  31 Mar 2020");
  private final StepContext ctx = StepContext.of(Answers.EMPTY);

  static SshdFacts facts(String dump, Map<String, String> files, Optional<OpensshVersion> v) {
    return facts(dump, files, v, SshdAccounts.NONE, SshdLive.UNKNOWN);
  }

  /**
   * Facts as the gatherer makes them: every connection {@link SshdConnections} asks about gets the
   * recorded dump with the values of the Match blocks that apply to it (the files model).
   */
  static SshdFacts facts(
      String dump,
      Map<String, String> files,
      Optional<OpensshVersion> v,
      SshdAccounts accounts,
      SshdLive live) {
    SshdConfigFiles parsed = SshdConfigFiles.parse(files);
    List<SshdFacts.Asked> asked = new ArrayList<>();
    for (SshdConnection c : SshdConnections.of(parsed, "admin", Optional.empty(), "22", accounts)) {
      StringBuilder d = new StringBuilder(dump);
      parsed
          .effective(Optional.of(c.spec()))
          .forEach(
              (kw, lines) -> {
                if (lines.get(0).inMatch()) {
                  String text =
                      d.toString()
                          .replaceAll("(?m)^" + kw + " .*$", kw + " " + lines.get(0).firstWord());
                  d.setLength(0);
                  d.append(text);
                }
              });
      asked.add(new SshdFacts.Asked(c, Optional.of(SshdEffectiveConfig.parse(d.toString()))));
    }
    return new SshdFacts(
        "admin",
        MatchSpec.of("admin", "localhost", "127.0.0.1"),
        0,
        "",
        Optional.of(SshdEffectiveConfig.parse(dump)),
        v,
        parsed,
        false,
        asked,
        accounts,
        live);
  }

  static String ubuntu2404(String... replacements) {
    String dump = Fixtures.sshd("sshd-T-openssh-9.6-ubuntu-24.04.txt");
    for (int i = 0; i < replacements.length; i += 2) {
      dump = dump.replace(replacements[i] + "\n", replacements[i + 1] + "\n");
    }
    return dump;
  }

  private static Params method(String method) {
    return new Params(Map.of("method", method));
  }

  @Test
  void passwordAuthenticationFailsAndNamesCloudInitAsTheSource() {
    Verdict v =
        new SshdSecretLoginCheck()
            .evaluate(facts(ubuntu2404(), CLOUD_FILES, V96), method("password"), ctx);
    assertEquals(Status.FAIL, v.status());
    assertEquals("/etc/ssh/sshd_config.d/50-cloud-init.conf:1", v.details().get("source"));
    assertEquals("reason.sshd.secret-login-open", v.reason().key());
  }

  @Test
  void permitRootLoginWithoutPasswordIsNotNo() {
    Verdict v =
        new SshdRootLoginCheck().evaluate(facts(ubuntu2404(), CLOUD_FILES, V96), Params.NONE, ctx);
    assertEquals(Status.FAIL, v.status());
    assertEquals("without-password", v.details().get("value"));
    assertEquals("default", v.details().get("source"));
    Verdict fixed =
        new SshdRootLoginCheck()
            .evaluate(
                facts(
                    ubuntu2404("permitrootlogin without-password", "permitrootlogin no"),
                    CLOUD_FILES,
                    V96),
                Params.NONE,
                ctx);
    assertEquals(Status.PASS, fixed.status());
  }

  @Test
  void kbdInteractiveFollowsTheVersion() {
    String old = Fixtures.sshd("sshd-T-openssh-8.2-ubuntu-20.04.txt");
    Verdict on82 =
        new SshdSecretLoginCheck()
            .evaluate(facts(old, CLOUD_FILES, V82), method("keyboard-interactive"), ctx);
    assertEquals(
        Status.PASS, on82.status(), "8.2: ChallengeResponseAuthentication no is what counts");
    assertEquals("challengeresponseauthentication", on82.details().get("keyword"));
    Verdict noVersion =
        new SshdSecretLoginCheck()
            .evaluate(
                facts(old, CLOUD_FILES, Optional.empty()), method("keyboard-interactive"), ctx);
    assertEquals("challengeresponseauthentication", noVersion.details().get("keyword"));
    Verdict on96 =
        new SshdSecretLoginCheck()
            .evaluate(
                facts(
                    ubuntu2404(
                        "kbdinteractiveauthentication no", "kbdinteractiveauthentication yes"),
                    CLOUD_FILES,
                    V96),
                method("keyboard-interactive"),
                ctx);
    assertEquals(Status.FAIL, on96.status());
    assertEquals("kbdinteractiveauthentication", on96.details().get("keyword"));
  }

  @Test
  void allowUsersUnsetExcludingOrIncludingTheAdmin() {
    SshdAllowUsersCheck c = new SshdAllowUsersCheck();
    assertEquals(
        Status.FAIL, c.evaluate(facts(ubuntu2404(), CLOUD_FILES, V96), Params.NONE, ctx).status());
    Verdict excluded =
        c.evaluate(
            facts(
                ubuntu2404(
                    "authenticationmethods any", "allowusers bob\nauthenticationmethods any"),
                CLOUD_FILES,
                V96),
            Params.NONE,
            ctx);
    assertEquals("reason.sshd.allow-users-excludes", excluded.reason().key());
    Verdict bob =
        c.evaluate(
            facts(
                ubuntu2404(
                    "authenticationmethods any",
                    "allowusers admin\nallowusers bob\nauthenticationmethods any"),
                CLOUD_FILES,
                V96),
            Params.NONE,
            ctx);
    assertEquals(Status.FAIL, bob.status(), "only the admin may log in: bob is named too");
    assertEquals("admin bob", bob.details().get("allowusers"));
    Verdict ok =
        c.evaluate(
            facts(
                ubuntu2404(
                    "authenticationmethods any", "allowusers admin\nauthenticationmethods any"),
                CLOUD_FILES,
                V96),
            Params.NONE,
            ctx);
    assertEquals(Status.PASS, ok.status());
  }

  /**
   * A Match block's AllowUsers replaces the list for the connections it matches: with {@code Match
   * Address 198.51.100.0/24} / {@code AllowUsers admin bob}, bob's key logged in from 198.51.100.7
   * in the sandbox VPS while the check, reading the admin's own connection only, passed
   * (FidelityNetSandboxTest). Every connection asked is judged.
   */
  @Test
  void aMatchBlocksAllowUsersLetsAnotherAccountInFromItsNetwork() {
    SshdAccounts accounts =
        new SshdAccounts(
            Map.of(
                "root", List.of("root"),
                "admin", List.of("admin", "sudo"),
                "bob", List.of("bob")));
    String own =
        ubuntu2404("authenticationmethods any", "allowusers admin\nauthenticationmethods any");
    SshdFacts plain = facts(own, CLOUD_FILES, V96, accounts, SshdLive.UNKNOWN);
    SshdAllowUsersCheck c = new SshdAllowUsersCheck();
    assertEquals(Status.PASS, c.evaluate(plain, Params.NONE, ctx).status());
    SshdConnection deploy =
        new SshdConnection(
            MatchSpec.of("admin", "198.51.100.1", "198.51.100.1"),
            "Match Address 198.51.100.0/24 (/etc/ssh/sshd_config.d/60-deploy.conf:1)");
    for (String list : List.of("allowusers admin\nallowusers bob", "allowusers *")) {
      List<SshdFacts.Asked> asked = new ArrayList<>(plain.connections());
      asked.add(
          new SshdFacts.Asked(
              deploy,
              Optional.of(
                  SshdEffectiveConfig.parse(own.replace("allowusers admin\n", list + "\n")))));
      Verdict v =
          c.evaluate(
              new SshdFacts(
                  plain.adminUser(),
                  plain.spec(),
                  0,
                  "",
                  plain.effective(),
                  plain.version(),
                  plain.files(),
                  false,
                  asked,
                  accounts,
                  SshdLive.UNKNOWN),
              Params.NONE,
              ctx);
      assertEquals("reason.sshd.allow-users-others", v.reason().key(), list);
      assertTrue(v.reason().args().get(1).toString().contains("bob"), v.reason().args().toString());
      assertTrue(v.details().get("let-in-by").contains("Match Address 198.51.100.0/24"));
    }
    // a block on users is matched for the account it was asked as only: "Match User admin" with
    // "AllowUsers admin bob" lets bob in nowhere (the list still names him); "Match User bob" does
    for (String user : List.of("admin", "bob")) {
      SshdConnection byUser =
          new SshdConnection(
              MatchSpec.of(user, "198.51.100.1", "198.51.100.1"),
              "Match User " + user + " (/etc/ssh/sshd_config.d/60-deploy.conf:1)",
              true);
      List<SshdFacts.Asked> asked = new ArrayList<>(plain.connections());
      asked.add(
          new SshdFacts.Asked(
              byUser,
              Optional.of(
                  SshdEffectiveConfig.parse(
                      own.replace("allowusers admin\n", "allowusers admin bob\n")))));
      Verdict v =
          c.evaluate(
              new SshdFacts(
                  plain.adminUser(),
                  plain.spec(),
                  0,
                  "",
                  plain.effective(),
                  plain.version(),
                  plain.files(),
                  false,
                  asked,
                  accounts,
                  SshdLive.UNKNOWN),
              Params.NONE,
              ctx);
      assertEquals(
          user.equals("admin")
              ? "reason.sshd.allow-users-names-others"
              : "reason.sshd.allow-users-others",
          v.reason().key(),
          user + ": " + v);
      assertEquals(user.equals("admin"), v.details().get("let-in-by").equals("-"), user + ": " + v);
    }
  }

  @Test
  void maxAuthTries() {
    SshdMaxAuthTriesCheck c = new SshdMaxAuthTriesCheck();
    assertEquals(
        Status.FAIL, c.evaluate(facts(ubuntu2404(), CLOUD_FILES, V96), Params.NONE, ctx).status());
    assertEquals(
        Status.PASS,
        c.evaluate(
                facts(ubuntu2404("maxauthtries 6", "maxauthtries 3"), CLOUD_FILES, V96),
                Params.NONE,
                ctx)
            .status());
    assertEquals(
        Status.FAIL,
        c.evaluate(
                facts(ubuntu2404("maxauthtries 6", "maxauthtries 3"), CLOUD_FILES, V96),
                new Params(Map.of("max", "2")),
                ctx)
            .status());
  }

  @Test
  void matchBlockReenablingPasswordsFailsEvenWhenItDoesNotApplyToTheAdmin() {
    Map<String, String> files =
        Map.of(
            SshdConfigFiles.MAIN,
            MAIN + "Match Address 10.8.0.0/24\n    PasswordAuthentication yes\n",
            "/etc/ssh/sshd_config.d/00-hermes-harden.conf",
            "PasswordAuthentication no\n");
    String clean = ubuntu2404("passwordauthentication yes", "passwordauthentication no");
    Verdict v = new SshdMatchPasswordsCheck().evaluate(facts(clean, files, V96), Params.NONE, ctx);
    assertEquals(Status.FAIL, v.status());
    assertEquals("/etc/ssh/sshd_config:5", v.details().get("source"));
    assertTrue(v.details().get("connection").contains("10.8.0.1"), v.details().toString());
    assertEquals("false", v.details().get("applies-to-admin"));
    Verdict none =
        new SshdMatchPasswordsCheck().evaluate(facts(clean, CLOUD_FILES, V96), Params.NONE, ctx);
    assertEquals(Status.PASS, none.status());
  }

  @Test
  void configValidAndSocketActivation() {
    SshdFacts broken =
        new SshdFacts(
            "admin",
            MatchSpec.of("admin", "localhost", "127.0.0.1"),
            255,
            "/etc/ssh/sshd_config.d/x.conf: line 3: Bad configuration option: Foo",
            Optional.empty(),
            V96,
            SshdConfigFiles.parse(CLOUD_FILES),
            true,
            List.of(),
            SshdAccounts.NONE,
            SshdLive.UNKNOWN);
    Verdict invalid = new SshdConfigValidCheck().evaluate(broken, Params.NONE, ctx);
    assertEquals(Status.FAIL, invalid.status());
    assertEquals("255", invalid.details().get("exit"));
    assertEquals(
        Status.ERROR,
        new SshdSecretLoginCheck().evaluate(broken, method("password"), ctx).status());
    assertEquals(
        Status.PASS, new SshdSocketActivationCheck().evaluate(broken, Params.NONE, ctx).status());
    assertEquals(
        Status.NOT_APPLICABLE,
        new SshdSocketActivationCheck()
            .evaluate(facts(ubuntu2404(), CLOUD_FILES, V96), Params.NONE, ctx)
            .status());
  }
}
