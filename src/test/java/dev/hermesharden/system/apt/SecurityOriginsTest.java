package dev.hermesharden.system.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which origin lists let the security archive through, with the stock files of both distros. */
class SecurityOriginsTest {
  private static String ubuntu(List<String> allowed, List<String> patterns) {
    return SecurityOrigins.covering("Ubuntu", "noble", allowed, patterns);
  }

  private static String debian(List<String> patterns) {
    return SecurityOrigins.covering("Debian", "bookworm", List.of(), patterns);
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
    assertEquals("", SecurityOrigins.covering("Debian", "bookworm", List.of(), List.of()));
  }

  @Test
  void globIsCaseInsensitiveFnmatch() {
    assertTrue(SecurityOrigins.glob("deb?an", "Debian"));
    assertTrue(SecurityOrigins.glob("*-security", "bookworm-security"));
    assertTrue(!SecurityOrigins.glob("bookworm", "bookworm-security"));
    assertTrue(!SecurityOrigins.glob("a.b", "axb"), "a dot is literal");
  }
}
