package dev.hermesharden.system.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which origin lists let the security archive through, with the stock files of both distros. */
class SecurityOriginsTest {
  private static String ubuntu(List<String> allowed, List<String> patterns) {
    return SecurityOrigins.covering("Ubuntu", "noble", Optional.empty(), allowed, patterns);
  }

  private static String debian(List<String> patterns) {
    return SecurityOrigins.covering(
        "Debian", "bookworm", Optional.of("oldstable-security"), List.of(), patterns);
  }

  @Test
  void ubuntuStockAllowedOriginsCoverSecurity() {
    List<String> stock =
        List.of(
            "${distro_id}:${distro_codename}",
            "${distro_id}:${distro_codename}-security",
            "${distro_id}ESMApps:${distro_codename}-apps-security");
    assertEquals("${distro_id}:${distro_codename}-security", ubuntu(stock, List.of()));
    assertEquals("", ubuntu(List.of("${distro_id}:${distro_codename}-updates"), List.of()));
    assertEquals(
        "",
        ubuntu(List.of("${distro_id}ESMApps:${distro_codename}-apps-security"), List.of()),
        "ESM apps is not the distribution's security archive");
    assertEquals("Ubuntu:noble-security", ubuntu(List.of("Ubuntu:noble-security"), List.of()));
    assertEquals("", ubuntu(List.of("Ubuntu:jammy-security"), List.of()), "another release");
  }

  @Test
  void debianStockOriginsPatternCoversSecurity() {
    String security = "origin=Debian,codename=${distro_codename}-security,label=Debian-Security";
    assertEquals(
        security,
        debian(
            List.of(
                "origin=Debian,codename=${distro_codename},label=Debian",
                "origin=Debian,codename=${distro_codename},label=Debian-Security",
                security)));
    assertEquals(
        "",
        debian(List.of("origin=Debian,codename=${distro_codename},label=Debian-Security")),
        "the pre-bullseye suite name does not match bookworm-security");
    assertEquals("", debian(List.of("origin=Debian,codename=${distro_codename}-updates")));
  }

  @Test
  void aPatternAllowsWhatEveryKeyItNamesMatches() {
    assertEquals("origin=Debian", debian(List.of("origin=Debian")), "all of Debian");
    assertEquals("o=Debian,a=*-security", debian(List.of("o=Debian,a=*-security")));
    assertEquals("o=*", debian(List.of("o=*")));
    assertEquals("", debian(List.of("o=Debian,a=stable")), "archive stable is not -security");
    assertEquals("", debian(List.of("o=Ubuntu")), "another origin");
    assertEquals("", debian(List.of("site=deb.example.org")), "unknown key: no pass");
    assertEquals("", debian(List.of("")), "an empty pattern");
    assertEquals(
        "", SecurityOrigins.covering("Debian", "bookworm", Optional.empty(), List.of(), List.of()));
  }

  @Test
  void globIsCaseSensitiveFnmatch() {
    assertTrue(SecurityOrigins.glob("Deb?an", "Debian"));
    assertTrue(!SecurityOrigins.glob("debian", "Debian"), "Python's fnmatch on Linux");
    assertTrue(SecurityOrigins.glob("*-security", "bookworm-security"));
    assertTrue(!SecurityOrigins.glob("bookworm", "bookworm-security"));
    assertTrue(!SecurityOrigins.glob("a.b", "axb"), "a dot is literal");
  }

  /**
   * What unattended-upgrades 2.9's own is_allowed_origin says for bookworm-security (Origin Debian,
   * Label Debian-Security, Suite oldstable-security, Codename bookworm-security; the sandbox test
   * asks the tool itself): the suite is not the codename, and nothing matches case-blind.
   */
  @Test
  void debianSecurityIsMatchedByItsReleaseFieldsAsUnattendedUpgradesMatchesThem() {
    Optional<String> suite = Optional.of("oldstable-security");
    for (String notAllowed :
        List.of("Debian:bookworm-security", "${distro_id}:${distro_codename}-security")) {
      assertEquals(
          "",
          SecurityOrigins.covering("Debian", "bookworm", suite, List.of(notAllowed), List.of()),
          notAllowed);
    }
    for (String notAllowed :
        List.of(
            "origin=debian,codename=bookworm-security",
            "origin=Debian,codename=bookworm-security,label=Debian",
            "o=Debian,a=bookworm-security")) {
      assertEquals("", debian(List.of(notAllowed)), notAllowed);
    }
    assertEquals(
        "Debian:oldstable-security",
        SecurityOrigins.covering(
            "Debian", "bookworm", suite, List.of("Debian:oldstable-security"), List.of()));
    assertEquals(
        "Debian oldstable-security",
        SecurityOrigins.covering(
            "Debian", "bookworm", suite, List.of("Debian oldstable-security"), List.of()));
    assertEquals(
        "",
        SecurityOrigins.covering(
            "Debian",
            "bookworm",
            Optional.empty(),
            List.of("Debian:oldstable-security"),
            List.of()),
        "a suite apt's lists do not name cannot be vouched for");
    assertEquals(
        "",
        debian(List.of("o=Debian,a=stable-security")),
        "bookworm's suite moved on to oldstable");
  }

  @Test
  void ubuntuSecurityIsItsSuiteAndItsCodenameIsTheRelease() {
    assertEquals("", ubuntu(List.of(), List.of("o=Ubuntu,n=noble-security")), "codename is noble");
    assertEquals("o=Ubuntu,n=noble", ubuntu(List.of(), List.of("o=Ubuntu,n=noble")), "all noble");
    assertEquals("", ubuntu(List.of(), List.of("o=Ubuntu,l=Ubuntu-Security")));
  }

  @Test
  void theSuiteIsReadFromAReleaseFile() {
    assertEquals(
        Optional.of("oldstable-security"),
        SecurityOrigins.suiteFromRelease(
            "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nOrigin: Debian\n"
                + "Label: Debian-Security\nSuite: oldstable-security\n"
                + "Codename: bookworm-security\n"));
    assertEquals(Optional.empty(), SecurityOrigins.suiteFromRelease("Origin: Debian\n"));
  }
}
