package dev.hermesharden.checks.updates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimulatedHost;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Kind {@code release-supported} over distro-info-data's real CSV rows. */
class ReleaseSupportedCheckTest {
  private static final StepContext NOV_2026 =
      new StepContext(
          Answers.EMPTY,
          List.of(),
          Clock.fixed(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC),
          Optional.empty());

  static final String DEBIAN_CSV =
      """
      version,codename,series,created,release,eol,eol-lts,eol-elts
      10,Buster,buster,2017-06-17,2019-07-06,2022-09-10,2024-06-30,2029-06-30
      12,Bookworm,bookworm,2021-08-14,2023-06-10,2026-07-11,2028-06-30,2033-06-30
      13,Trixie,trixie,2023-06-10,2025-08-09,2028-08-09,2030-06-30,2035-06-30
      14,Forky,forky,2025-08-09
      """;
  static final String UBUNTU_CSV =
      """
      version,codename,series,created,release,eol,eol-server,eol-esm,eol-legacy
      20.04 LTS,Focal Fossa,focal,2019-10-17,2020-04-23,2025-05-29,2025-05-29,2030-04-23,2032-04-27
      24.04 LTS,Noble Numbat,noble,2023-10-12,2024-04-25,2029-05-31,2029-05-31,2034-04-25,2036-04-29
      """;

  private static Verdict judge(String osRelease, String csv) {
    OsIdentity os = OsIdentity.parse(osRelease);
    ReleaseSupportedCheck.Facts f =
        new ReleaseSupportedCheck.Facts(
            os,
            os.known() ? "/usr/share/distro-info/" + os.id() + ".csv" : "",
            Optional.ofNullable(csv));
    return new ReleaseSupportedCheck().evaluate(f, Params.NONE, NOV_2026);
  }

  private static String ubuntu(String codename) {
    return "ID=ubuntu\nPRETTY_NAME=\"Ubuntu\"\nVERSION_CODENAME=" + codename + "\n";
  }

  private static String debian(String codename) {
    return "ID=debian\nPRETTY_NAME=\"Debian GNU/Linux\"\nVERSION_CODENAME=" + codename + "\n";
  }

  @Test
  void supportedReleasesPass() {
    Verdict noble = judge(ubuntu("noble"), UBUNTU_CSV);
    assertEquals(Status.PASS, noble.status(), noble.toString());
    assertEquals("2029-05-31", noble.reason().args().get(1));
    Verdict bookworm = judge(debian("bookworm"), DEBIAN_CSV);
    assertEquals(Status.PASS, bookworm.status(), "Debian LTS still publishes security updates");
    assertEquals("2028-06-30", bookworm.reason().args().get(1));
  }

  @Test
  void endOfLifeFails() {
    Verdict focal = judge(ubuntu("focal"), UBUNTU_CSV);
    assertEquals(Status.FAIL, focal.status(), "ESM needs Ubuntu Pro: not counted");
    assertEquals("reason.updates.release-eol", focal.reason().key());
    assertEquals(Status.FAIL, judge(debian("buster"), DEBIAN_CSV).status(), "ELTS is not counted");
  }

  @Test
  void whatCannotBeToldIsSkippedNeverPassed() {
    assertEquals(Status.SKIPPED, judge("ID=fedora\nVERSION_CODENAME=\n", null).status());
    assertEquals(Status.SKIPPED, judge("", null).status(), "no os-release");
    Verdict noData = judge(ubuntu("noble"), null);
    assertEquals(Status.SKIPPED, noData.status());
    assertEquals("reason.updates.release-no-data", noData.reason().key());
    Verdict newer = judge(ubuntu("resolute"), UBUNTU_CSV);
    assertEquals("reason.updates.release-not-listed", newer.reason().key());
    assertEquals(Status.SKIPPED, newer.status(), "newer than the data");
    assertEquals(Status.SKIPPED, judge("ID=debian\nPRETTY_NAME=sid\n", DEBIAN_CSV).status());
    assertEquals(
        Status.SKIPPED, judge(debian("forky"), DEBIAN_CSV).status(), "not released yet (testing)");
  }

  @Test
  void thePracticeVpsHasTheDataAndASupportedRelease() throws Exception {
    Verdict v = new ReleaseSupportedCheck().run(SimulatedHost.fresh(), Params.NONE, NOV_2026);
    assertEquals(Status.PASS, v.status(), v.toString());
    assertEquals("noble", v.details().get("release"));
  }
}
