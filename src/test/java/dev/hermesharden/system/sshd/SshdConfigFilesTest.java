package dev.hermesharden.system.sshd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SshdConfigFilesTest {
  static final String MAIN_WITH_INCLUDE =
      "# header\n"
          + "Include /etc/ssh/sshd_config.d/*.conf\n"
          + "\n"
          + "PasswordAuthentication no\n"
          + "KbdInteractiveAuthentication no\n"
          + "UsePAM yes\n";

  private static Map<String, String> files(String... pathAndText) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pathAndText.length; i += 2) {
      m.put(pathAndText[i], pathAndText[i + 1]);
    }
    return m;
  }

  private static String decided(SshdConfigFiles f, String kw, Optional<MatchSpec> spec) {
    ConfigEntry e = f.decidingLine(kw, spec).orElseThrow();
    return e.value() + " @ " + e.source();
  }

  @Test
  void dropInIsReadFirstAndItsFirstValueBeatsTheMainFile() {
    SshdConfigFiles f =
        SshdConfigFiles.parse(
            files(
                SshdConfigFiles.MAIN,
                MAIN_WITH_INCLUDE,
                "/etc/ssh/sshd_config.d/50-cloud-init.conf",
                "PasswordAuthentication yes\n",
                "/etc/ssh/sshd_config.d/60-cloudimg-settings.conf",
                "PasswordAuthentication no\n"));
    assertEquals(
        "yes @ /etc/ssh/sshd_config.d/50-cloud-init.conf:1",
        decided(f, "passwordauthentication", Optional.empty()));
    assertTrue(f.mainIncludesDropIns());
    assertEquals(
        List.of(
            SshdConfigFiles.MAIN,
            "/etc/ssh/sshd_config.d/50-cloud-init.conf",
            "/etc/ssh/sshd_config.d/60-cloudimg-settings.conf"),
        f.filesRead());
  }

  @Test
  void ourZeroZeroDropInBeatsCloudInit() {
    SshdConfigFiles f =
        SshdConfigFiles.parse(
            files(
                SshdConfigFiles.MAIN,
                MAIN_WITH_INCLUDE,
                "/etc/ssh/sshd_config.d/50-cloud-init.conf",
                "PasswordAuthentication yes\n",
                "/etc/ssh/sshd_config.d/00-hermes-harden.conf",
                "# ours\npasswordauthentication=no\n"));
    assertEquals(
        "no @ /etc/ssh/sshd_config.d/00-hermes-harden.conf:2",
        decided(f, "PasswordAuthentication", Optional.empty()));
  }

  @Test
  void mainFileWithoutIncludeIgnoresDropIns() {
    SshdConfigFiles f =
        SshdConfigFiles.parse(
            files(
                SshdConfigFiles.MAIN,
                "PermitRootLogin yes\nPasswordAuthentication yes\n",
                "/etc/ssh/sshd_config.d/00-hermes-harden.conf",
                "PermitRootLogin no\n"));
    assertFalse(f.mainIncludesDropIns());
    assertEquals("yes @ /etc/ssh/sshd_config:1", decided(f, "permitrootlogin", Optional.empty()));
  }

  @Test
  void matchAddressBlockReenablesPasswordsOnlyInsideItsRange() {
    SshdConfigFiles f =
        SshdConfigFiles.parse(
            files(
                SshdConfigFiles.MAIN,
                MAIN_WITH_INCLUDE
                    + "Match Address 10.8.0.0/24,!10.8.0.66\n\tPasswordAuthentication yes\n",
                "/etc/ssh/sshd_config.d/00-hermes-harden.conf",
                "PasswordAuthentication no\n"));
    Optional<MatchSpec> inside = Optional.of(MatchSpec.of("admin", "10.8.0.5", "10.8.0.5"));
    Optional<MatchSpec> outside = Optional.of(MatchSpec.of("admin", "203.0.113.7", "203.0.113.7"));
    Optional<MatchSpec> negated = Optional.of(MatchSpec.of("admin", "10.8.0.66", "10.8.0.66"));
    assertEquals("yes @ /etc/ssh/sshd_config:8", decided(f, "passwordauthentication", inside));
    assertEquals(
        "no @ /etc/ssh/sshd_config.d/00-hermes-harden.conf:1",
        decided(f, "passwordauthentication", outside));
    assertEquals(
        "no @ /etc/ssh/sshd_config.d/00-hermes-harden.conf:1",
        decided(f, "passwordauthentication", negated),
        "a negated entry excludes the address");
    assertEquals(1, f.matchLinesSetting(List.of("passwordauthentication"), "yes").size());
    assertEquals("Address 10.8.0.0/24,!10.8.0.66", f.matchBlocks().get(0).criteria());
  }

  @Test
  void matchUserHostLocalPortAndAll() {
    SshdConfigFiles f =
        SshdConfigFiles.parse(
            files(
                SshdConfigFiles.MAIN,
                "Match User deploy,ops*\nPasswordAuthentication yes\n"
                    + "Match Host *.example.com LocalPort 2222\nPermitRootLogin yes\n"
                    + "Match Group sudo\nMaxAuthTries 10\n"
                    + "Match All\nX11Forwarding no\n"));
    MatchSpec ops = MatchSpec.parse("user=ops-1,host=a.example.com,addr=192.0.2.1,lport=2222");
    MatchSpec admin = MatchSpec.parse("user=admin,host=A.EXAMPLE.COM,addr=192.0.2.1");
    assertEquals(
        "yes", f.decidingLine("passwordauthentication", Optional.of(ops)).orElseThrow().value());
    assertEquals("yes", f.decidingLine("permitrootlogin", Optional.of(ops)).orElseThrow().value());
    assertTrue(f.decidingLine("passwordauthentication", Optional.of(admin)).isEmpty());
    assertTrue(f.decidingLine("permitrootlogin", Optional.of(admin)).isEmpty(), "no lport given");
    assertTrue(f.decidingLine("maxauthtries", Optional.of(admin)).isEmpty(), "Group never matches");
    assertEquals("no", f.decidingLine("x11forwarding", Optional.of(admin)).orElseThrow().value());
    assertTrue(f.decidingLine("x11forwarding", Optional.empty()).isEmpty(), "no -C: no Match");
  }

  @Test
  void matchInAnIncludedFileEndsWithThatFile() {
    SshdConfigFiles f =
        SshdConfigFiles.parse(
            files(
                SshdConfigFiles.MAIN,
                "Include sshd_config.d/*.conf\nPermitRootLogin no\n",
                "/etc/ssh/sshd_config.d/10-x.conf",
                "Match User bob\nPasswordAuthentication yes\n"));
    ConfigEntry root = f.decidingLine("permitrootlogin", Optional.empty()).orElseThrow();
    assertFalse(root.inMatch(), "the main file's line after the Include is global again");
    assertTrue(f.mainIncludesDropIns(), "a relative Include counts from /etc/ssh");
  }

  @Test
  void multiValueKeywordsAddUpAndUnknownKeywordsAreListed() {
    SshdConfigFiles f =
        SshdConfigFiles.parse(
            files(
                SshdConfigFiles.MAIN,
                "Include /etc/ssh/sshd_config.d/*.conf\nAllowUsers bob # old\n",
                "/etc/ssh/sshd_config.d/00-a.conf",
                "ALLOWUSERS admin\nFoo bar\n"));
    List<String> allow =
        f.effective(Optional.empty()).get("allowusers").stream().map(ConfigEntry::value).toList();
    assertEquals(List.of("admin", "bob"), allow);
    assertEquals("/etc/ssh/sshd_config.d/00-a.conf:2", f.unknownKeywords().get(0).source());
  }
}
