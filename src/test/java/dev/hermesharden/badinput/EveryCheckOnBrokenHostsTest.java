package dev.hermesharden.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.CheckResult;
import dev.hermesharden.checks.Status;
import dev.hermesharden.engine.CheckRunner;
import dev.hermesharden.host.HostException;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.CheckRef;
import dev.hermesharden.steps.StepFiles;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered check, with its packaged parameters, on hosts that answer badly: nothing
 * installed, nothing readable, garbage everywhere, a trap (FIFO, link out of the tree, device, 1
 * GiB sparse file) at every path. No check may throw anything but a {@link HostException}, write
 * anything, or give a reason key that has no words.
 */
class EveryCheckOnBrokenHostsTest {
  private static final Catalog CATALOG = Catalog.standard();
  private static final Messages EN = Messages.english();
  private static final StepContext CTX = StepContext.of(Answers.EMPTY);

  /**
   * NOT_APPLICABLE with nothing installed, and why that is true rather than a blind spot: the
   * answers (not the host) decide it, or the thing judged cannot exist without the missing tool.
   */
  private static final Set<String> NOT_APPLICABLE_WITH_NOTHING_INSTALLED =
      Set.of(
          "users.not-root-login", // no login user in the context: nothing to judge
          "private-path.cidr", // the default answer is Tailscale, not a CIDR
          "sshd.socket-activation", // no systemctl: no systemd socket can hold the port
          "sshd.config-root-only", // no sshd_config: no file sshd reads to judge
          "fail2ban.config-root-only", // no /etc/fail2ban: no action of its can run
          "hermes-dir.service-shell", // no service user in /etc/passwd (there is no passwd)
          "docker.compose-found", // no compose file and no docker: Hermes is not in Docker
          "docker.compose-loopback",
          "docker.containers-loopback",
          "docker.no-public-listeners",
          "docker.socket-not-mounted",
          "docker.not-privileged",
          "docker.service-user-not-in-docker-group",
          "docker.host-network-loopback",
          "watch.units-writable", // no /run/systemd/system: systemd does not run the machine
          "watch.loader-writable"); // no /etc/ld.so.conf nor ld.so.preload: nothing to judge

  /**
   * PASS on garbage, and why it is right: {@code sshd -t} speaks by exit code only (0 = accepted);
   * text with no Match block has none that re-enables passwords; a group file without a docker line
   * has nobody in group docker.
   */
  private static final Set<String> PASS_ON_GARBAGE =
      Set.of(
          "sshd.config-valid",
          "sshd.no-match-reenables-passwords",
          "docker.service-user-not-in-docker-group");

  static Stream<CheckRef> checks() throws Exception {
    return StepFiles.loadPackaged(CATALOG, EN).stream().flatMap(s -> s.checks().stream());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("checks")
  void nothingInstalledIsNeverAPass(CheckRef ref) {
    BrokenHost host = BrokenHost.nothingInstalled();
    CheckResult r = judge(ref, host, new CheckRunner(CATALOG));
    assertNotEquals(Status.PASS, r.status(), r.toString());
    if (r.status() == Status.NOT_APPLICABLE) {
      assertTrue(NOT_APPLICABLE_WITH_NOTHING_INSTALLED.contains(ref.id()), r.toString());
    }
    assertEquals(List.of(), host.writes);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("checks")
  void unreadableMeansNeedsRootWheneverTheHostWasAsked(CheckRef ref) {
    BrokenHost host = BrokenHost.permissionDenied();
    CheckResult r = judge(ref, host, CheckRunner.unprivileged(CATALOG));
    assertNotEquals(Status.PASS, r.status(), r.toString());
    assertNotEquals(Status.ERROR, r.status(), "a permission problem is SKIPPED: " + r);
    if (r.status() == Status.SKIPPED) {
      assertEquals(CheckRunner.NEEDS_ROOT_REASON, r.reason().key());
      assertFalse(r.details().get(CheckRunner.NEEDS_ROOT).isBlank(), r.toString());
    }
    assertEquals(List.of(), host.writes);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("checks")
  void garbageIsNeverACrashNorAnUnexplainedPass(CheckRef ref) {
    BrokenHost host = BrokenHost.garbage();
    CheckResult r = judge(ref, host, new CheckRunner(CATALOG));
    if (r.status() == Status.PASS) {
      assertTrue(PASS_ON_GARBAGE.contains(ref.id()), r.toString());
    }
    assertEquals(List.of(), host.writes);
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> trapsAndChecks() throws Exception {
    return checks()
        .flatMap(
            c ->
                Stream.of("fifo", "symbolic link", "character special file", "regular file")
                    .map(t -> org.junit.jupiter.params.provider.Arguments.of(t, c)));
  }

  /**
   * FIFOs, links out of the tree, devices and huge sparse files in place of every file: each check
   * ends with words and no write, never a crash and never a PASS it could not have checked.
   */
  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("trapsAndChecks")
  void trapsPlantedEverywhereAreNeverACrashNorAPass(String type, CheckRef ref) {
    BrokenHost host = BrokenHost.trapped(type);
    CheckResult r = judge(ref, host, new CheckRunner(CATALOG));
    if (r.status() == Status.PASS) {
      assertTrue(PASS_ON_GARBAGE.contains(ref.id()), type + ": " + r);
    }
    assertEquals(List.of(), host.writes);
  }

  /**
   * The check itself may only throw {@link HostException} (the runner words it); then the runner's
   * result must have a reason with words.
   */
  private static CheckResult judge(CheckRef ref, BrokenHost host, CheckRunner runner) {
    Check<?> check = CATALOG.check(ref).orElseThrow();
    try {
      check.run(host, ref.params(), CTX);
    } catch (HostException e) {
      // fine: the runner turns it into ERROR or SKIPPED
    } catch (RuntimeException e) {
      throw new AssertionError(ref.id() + " crashed on bad input", e);
    }
    host.writes.clear();
    CheckResult r = runner.run(List.of(ref), host, CTX).get(0);
    assertTrue(EN.has(r.reason().key()), "no words for " + r.reason().key());
    return r;
  }
}
