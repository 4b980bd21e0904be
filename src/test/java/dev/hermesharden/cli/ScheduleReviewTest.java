package dev.hermesharden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.watch.WatchFacts;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.fixes.watch.WatchBaselineFix;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.PracticeStore;
import dev.hermesharden.practice.SimFile;
import dev.hermesharden.practice.SimServices;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.report.ReviewSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monthly review on the practice VPS: {@code schedule install|status|remove} through the Host
 * (unit files in /etc/systemd/system, daemon-reload, the timer enabled and started), {@code review}
 * keeping results and logging ONE journal line on a regression, and a host without systemd getting
 * the message and no files.
 */
class ScheduleReviewTest {
  private static final String TIMER = "/etc/systemd/system/" + ReviewSchedule.TIMER;
  private static final String SERVICE = "/etc/systemd/system/" + ReviewSchedule.SERVICE;

  @TempDir Path home;

  private CliRun run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--practice", "--state-dir", home.resolve("state").toString()));
    return CliRun.of(CliRun.user(home), all.toArray(String[]::new));
  }

  private SimulatedHost vps() {
    return new PracticeStore(home.resolve("state")).load();
  }

  @Test
  void installStatusRemoveOnThePracticeVps() {
    CliRun none = run("schedule", "status");
    assertEquals(0, none.code(), none.err());
    assertTrue(none.out().contains("not installed"), none.out());

    CliRun install = run("schedule", "install");
    assertEquals(0, install.code(), install.out() + install.err());
    SimulatedHost vps = vps();
    String timer = vps.fs().read(TIMER).orElseThrow();
    assertTrue(timer.contains("OnCalendar=monthly\nPersistent=true\n"), timer);
    assertTrue(
        vps.fs()
            .read(SERVICE)
            .orElseThrow()
            .contains("ExecStart=/usr/local/bin/hermes-harden review"));
    assertEquals(0644, vps.fs().get(TIMER).orElseThrow().mode());
    SimServices.Unit unit = SimServices.get(vps.fs(), ReviewSchedule.TIMER).orElseThrow();
    assertTrue(unit.enabled() && unit.active(), "enabled --now after daemon-reload");
    assertTrue(run("schedule", "status").out().contains("installed, enabled"));

    CliRun remove = run("schedule", "remove");
    assertEquals(0, remove.code(), remove.out() + remove.err());
    vps = vps();
    assertFalse(vps.fs().exists(TIMER));
    assertFalse(vps.fs().exists(SERVICE));
    assertFalse(SimServices.get(vps.fs(), ReviewSchedule.TIMER).orElseThrow().enabled());
    assertTrue(run("schedule", "status").out().contains("not installed"));
  }

  @Test
  void aHostWithoutSystemdGetsTheMessageAndNoFiles() throws Exception {
    SimulatedHost vps = SimulatedHost.fresh();
    vps.fs().delete("/run/systemd/system");
    new PracticeStore(home.resolve("state")).save(vps);
    byte[] before = Files.readAllBytes(home.resolve("state/practice-vps.json"));
    CliRun install = run("schedule", "install");
    assertEquals(0, install.code(), install.err());
    assertTrue(install.out().contains("does not run systemd"), install.out());
    assertFalse(vps().fs().exists(TIMER));
    assertTrue(
        java.util.Arrays.equals(
            before, Files.readAllBytes(home.resolve("state/practice-vps.json"))));
  }

  @Test
  void reviewKeepsResultsAndLogsOneLineOnARegression() throws Exception {
    CliRun first = run("review");
    assertEquals(0, first.code(), first.out() + first.err());
    assertTrue(first.out().contains("first review"), first.out());
    Path reviews = home.resolve("state/reviews");
    List<Path> saved;
    try (var s = Files.list(reviews)) {
      saved = s.toList();
    }
    assertEquals(1, saved.size());
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(saved.get(0))));
    // Pretend last month everything passed: the fresh VPS then "regressed" on every failing check.
    String passing =
        Files.readString(saved.get(0))
            .replace("\"FAIL\"", "\"PASS\"")
            .replaceFirst("\"at\" : \"[^\"]+\"", "\"at\" : \"2000-01-01T00:00:00Z\"");
    Files.writeString(reviews.resolve("2000-01-01.json"), passing);

    CliRun second = run("review");
    assertEquals(3, second.code(), second.out() + second.err());
    assertTrue(second.out().contains("got worse"), second.out());
    String syslog = vps().fs().read("/var/log/syslog").orElse("");
    List<String> lines = syslog.lines().filter(l -> l.contains("hermes-harden:")).toList();
    assertEquals(1, lines.size(), syslog);
    assertTrue(
        lines.get(0).contains("no longer pass since 2000-01-01: ")
            && lines.get(0).contains("sshd.permit-root-login"),
        lines.get(0));
  }

  @Test
  void reviewListsDriftFromTheWatchBaselineLineByLine() throws Exception {
    assertEquals(0, run("review").code(), "no baseline yet: nothing to compare");
    PracticeStore store = new PracticeStore(home.resolve("state"));
    SimulatedHost vps = store.load();
    StepContext ctx = StepContext.of(Answers.EMPTY);
    Plan plan = new WatchBaselineFix().plan(vps, Params.NONE, ctx);
    WriteFile w = (WriteFile) plan.actions().get(1);
    vps.fs().put("/var/lib/hermes-harden", SimFile.dir("root", "root", 0700));
    vps.writeFile(w.path(), WatchFacts.gather(vps, ctx).render(), w.attrs());
    store.save(vps);
    CliRun same = run("review");
    assertTrue(same.out().contains("No difference from the watch baseline"), same.out());

    vps = store.load();
    vps.fs().put("/opt/hermes/data/skills", SimFile.dir("hermes", "hermes", 0755));
    vps.fs().put("/opt/hermes/data/skills/exfiltrate", SimFile.dir("hermes", "hermes", 0755));
    vps.writeFile("/root/.ssh/authorized_keys", "", FileAttrs.KEEP);
    store.save(vps);
    CliRun drift = run("review");
    assertEquals(3, drift.code(), drift.out() + drift.err());
    assertTrue(drift.out().contains("+ hermes skill exfiltrate present"), drift.out());
    assertTrue(drift.out().contains("- key root SHA256:"), drift.out());
    String syslog = vps().fs().read("/var/log/syslog").orElse("");
    List<String> lines =
        syslog.lines().filter(l -> l.contains("differ from the watch baseline")).toList();
    assertEquals(1, lines.size(), syslog);
    assertTrue(lines.get(0).contains("2 line(s)"), lines.get(0));
  }
}
