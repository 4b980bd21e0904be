package dev.hermesharden.checks.updates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.checks.common.AptConfigCheck;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.system.apt.AptConfigDump;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Kinds {@code apt-config} and {@code apt-security-origins}. */
class AptKindsTest {
  private static final StepContext CTX = StepContext.of(Answers.EMPTY);
  private static final Params LISTS =
      new Params(Map.of("key", "APT::Periodic::Update-Package-Lists", "expect", "1"));

  private static AptConfigCheck.Facts dump(String text) {
    return new AptConfigCheck.Facts(Optional.of(AptConfigDump.parse(text)), "");
  }

  @Test
  void aptConfigComparesAptsResolvedValue() {
    AptConfigCheck c = new AptConfigCheck();
    assertEquals(
        Status.PASS,
        c.evaluate(dump("APT::Periodic::Update-Package-Lists \"1\";\n"), LISTS, CTX).status());
    Verdict off = c.evaluate(dump("APT::Periodic::Update-Package-Lists \"0\";\n"), LISTS, CTX);
    assertEquals(Status.FAIL, off.status());
    assertEquals("reason.apt-config.differs", off.reason().key());
    Verdict unset = c.evaluate(dump("APT \"\";\n"), LISTS, CTX);
    assertEquals("reason.apt-config.unset", unset.reason().key());
    assertEquals(Status.FAIL, unset.status());
    Verdict none = c.evaluate(new AptConfigCheck.Facts(Optional.empty(), "not found"), LISTS, CTX);
    assertEquals(Status.ERROR, none.status());
  }

  @Test
  void securityOriginsFollowTheHostsRelease() {
    SecurityOriginsCheck c = new SecurityOriginsCheck();
    OsIdentity noble = OsIdentity.parse("ID=ubuntu\nVERSION_CODENAME=noble\n");
    String ubuntuStock =
        "Unattended-Upgrade::Allowed-Origins \"\";\n"
            + "Unattended-Upgrade::Allowed-Origins:: \"${distro_id}:${distro_codename}\";\n"
            + "Unattended-Upgrade::Allowed-Origins:: \"${distro_id}:${distro_codename}-security\";\n";
    Verdict ok =
        c.evaluate(new SecurityOriginsCheck.Facts(noble, dump(ubuntuStock)), Params.NONE, CTX);
    assertEquals(Status.PASS, ok.status(), ok.toString());
    assertEquals("noble-security", ok.reason().args().get(0));
    Verdict none =
        c.evaluate(new SecurityOriginsCheck.Facts(noble, dump("APT \"\";\n")), Params.NONE, CTX);
    assertEquals("reason.updates.origins-none", none.reason().key());
    OsIdentity bookworm = OsIdentity.parse("ID=debian\nVERSION_CODENAME=bookworm\n");
    assertEquals(
        Status.FAIL,
        c.evaluate(
                new SecurityOriginsCheck.Facts(
                    bookworm, dump(ubuntuStock), Optional.of("oldstable-security")),
                Params.NONE,
                CTX)
            .status(),
        "Debian:bookworm-security names a suite; Debian's security suite is oldstable-security");
    String literal = "Unattended-Upgrade::Allowed-Origins:: \"Ubuntu:noble-security\";\n";
    Verdict other =
        c.evaluate(new SecurityOriginsCheck.Facts(bookworm, dump(literal)), Params.NONE, CTX);
    assertEquals(Status.FAIL, other.status(), "Ubuntu's archive is not Debian's");
    assertEquals("reason.updates.origins-no-security", other.reason().key());
    assertEquals(
        Status.SKIPPED,
        c.evaluate(
                new SecurityOriginsCheck.Facts(OsIdentity.parse("ID=arch\n"), dump("")),
                Params.NONE,
                CTX)
            .status());
  }

  @Test
  void thePracticeVpsStartsWithoutAndEndsWithUnattendedUpgrades() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    Params upgrade = new Params(Map.of("key", "APT::Periodic::Unattended-Upgrade", "expect", "1"));
    assertEquals(Status.FAIL, new AptConfigCheck().run(host, upgrade, CTX).status());
    assertEquals(Status.FAIL, new SecurityOriginsCheck().run(host, Params.NONE, CTX).status());
    host.exec("apt-get", "-y", "install", "unattended-upgrades");
    assertEquals(Status.PASS, new SecurityOriginsCheck().run(host, Params.NONE, CTX).status());
    assertEquals(
        Status.FAIL, new AptConfigCheck().run(host, upgrade, CTX).status(), "no 20auto-upgrades");
    host.writeFile(
        "/etc/apt/apt.conf.d/20auto-upgrades",
        dev.hermesharden.fixes.updates.AutoUpgradesFix.CONTENT,
        dev.hermesharden.host.FileAttrs.KEEP);
    assertEquals(Status.PASS, new AptConfigCheck().run(host, upgrade, CTX).status());
    host.writeFile(
        "/etc/apt/apt.conf.d/99override",
        "APT::Periodic::Unattended-Upgrade \"0\";\n",
        dev.hermesharden.host.FileAttrs.KEEP);
    assertEquals(
        Status.FAIL,
        new AptConfigCheck().run(host, upgrade, CTX).status(),
        "a later file overrides 20auto-upgrades, as in apt");
  }
}
