package dev.hermesharden.checks.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.checks.sshkeys.AccountKeys;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.fixes.watch.RootKeysFix;
import dev.hermesharden.fixes.watch.WatchBaselineFix;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.ForwardingHost;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PasswdEntry;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimFile;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.system.net.SsListeners;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code watch} kinds: each can fail, and each passes on what a hardened server looks like. */
class WatchChecksTest {
  private static final StepContext CTX = StepContext.of(Answers.EMPTY);
  private static final String SS =
      "LISTEN 0 4096 0.0.0.0:22 0.0.0.0:* users:((\"sshd\",pid=800,fd=3))\n"
          + "LISTEN 0 4096 127.0.0.1:8642 0.0.0.0:* users:((\"docker-proxy\",pid=2101,fd=4))\n"
          + "LISTEN 0 4096 100.64.0.7:9119 0.0.0.0:* users:((\"docker-proxy\",pid=2102,fd=4))\n";

  @Test
  void driftIsReportedLineByLineAsAddedRemovedAndChanged() {
    WatchBaseline then =
        new WatchBaseline.Builder()
            .put("group sudo admin", "member")
            .put("hermes file .env", "sha256:aa")
            .put("listen 0.0.0.0:22", "sshd")
            .build();
    WatchBaseline now =
        new WatchBaseline.Builder()
            .put("group sudo admin", "member")
            .put("group sudo eve", "member")
            .put("hermes file .env", "sha256:bb")
            .build();
    List<String> lines = then.drift(now).stream().map(WatchBaseline.Drift::line).toList();
    assertEquals(
        List.of(
            "+ group sudo eve member",
            "~ hermes file .env sha256:aa -> sha256:bb",
            "- listen 0.0.0.0:22 sshd"),
        lines);
    assertTrue(then.drift(then).isEmpty(), "no drift from itself");
    assertEquals(then, WatchBaseline.parse(then.render()), "what is written reads back the same");
  }

  @Test
  void aHostileNameCannotForgeASecondBaselineLine() {
    WatchBaseline b =
        new WatchBaseline.Builder()
            .put("hermes skill x\nkey root SHA256:forged", "present")
            .put("hermes skill " + "y".repeat(5000), "present")
            .build();
    WatchBaseline back = WatchBaseline.parse(b.render());
    assertEquals(2, back.entries().size(), b.render());
    assertFalse(back.entries().containsKey("key root SHA256:forged"), b.render());
    assertTrue(
        back.entries().keySet().stream().allMatch(k -> k.length() <= WatchBaseline.MAX_TEXT));
  }

  @Test
  void baselineFailsUntilRecordedThenCountsTheDrift() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    WatchBaselineCheck c = new WatchBaselineCheck();
    Verdict none = c.run(host, Params.NONE, CTX);
    assertEquals(Status.FAIL, none.status());
    assertEquals("reason.watch.no-baseline", none.reason().key());

    Plan plan = new WatchBaselineFix().plan(host, Params.NONE, CTX);
    WriteFile w = (WriteFile) plan.actions().get(1);
    assertEquals(0600, w.attrs().mode(), "the baseline is root's alone");
    assertFalse(
        w.after().contains("key root "), "root's keys are recorded as the step leaves them");
    host.fs().put("/var/lib/hermes-harden", SimFile.dir("root", "root", 0700));
    host.writeFile(w.path(), w.after(), w.attrs());
    host.writeFile("/root/.ssh/authorized_keys", "", FileAttrs.mode(0600));
    Verdict recorded = c.run(host, Params.NONE, CTX);
    assertEquals(Status.PASS, recorded.status(), recorded.details().toString());
    assertEquals("0", recorded.reason().args().get(1));
    assertTrue(new WatchBaselineFix().plan(host, Params.NONE, CTX).isEmpty(), "nothing to redo");

    String keys = host.readFile("/home/admin/.ssh/authorized_keys").orElseThrow();
    String extra =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl x\n";
    host.writeFile("/home/admin/.ssh/authorized_keys", keys + extra, FileAttrs.KEEP);
    Verdict drift = c.run(host, Params.NONE, CTX);
    assertEquals(Status.PASS, drift.status());
    assertEquals("1", drift.reason().args().get(1), drift.details().toString());
    assertTrue(
        drift.details().get("drift 1").startsWith("+ key admin SHA256:"),
        drift.details().toString());
  }

  @Test
  void anUnsafeHermesFileIsRecordedAsUnreadableNeverFollowed() throws Exception {
    SimulatedHost sim = SimulatedHost.fresh();
    Host host =
        new ForwardingHost(sim) {
          @Override
          public Optional<String> readFile(String path, Charset charset) throws HostException {
            if (path.endsWith("/config.yaml")) {
              throw new HostException(HostException.Kind.UNSAFE, path + " is a symlink");
            }
            return super.readFile(path, charset);
          }
        };
    WatchBaseline b = WatchFacts.gather(host, CTX);
    assertEquals("unreadable:UNSAFE", b.entries().get("hermes file config.yaml"), b.render());
    assertTrue(b.entries().containsKey("hermes file .env"), "the other files are still recorded");
  }

  @Test
  void rootKeysFailUntilTheFixEmptiesTheFile() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    NoAuthorizedKeysCheck c = new NoAuthorizedKeysCheck();
    Params root = new Params(Map.of("account", "root"));
    Verdict v = c.run(host, root, CTX);
    assertEquals(Status.FAIL, v.status(), "the cloud image leaves a key for root");
    assertEquals("reason.watch.keys", v.reason().key());
    Plan p = new RootKeysFix().plan(host, Params.NONE, CTX);
    WriteFile w = (WriteFile) p.actions().get(0);
    host.writeFile(w.path(), w.after(), w.attrs());
    assertEquals(Status.PASS, c.run(host, root, CTX).status());
    assertTrue(new RootKeysFix().plan(host, Params.NONE, CTX).isEmpty());
    Verdict service = c.run(host, new Params(Map.of("account", "service")), CTX);
    assertEquals(Status.FAIL, service.status(), "no hermes account yet: nothing to vouch for");
  }

  /**
   * The watch step's key check reads the same {@link AccountKeys} as the users step: keys a keys
   * command or a trusted CA gives sshd are in no file, and fail here too (they passed: "no key").
   */
  @Test
  void keysFromACommandOrCaFailTheWatchToo() {
    AccountKeys keys =
        new AccountKeys(
            "root",
            Optional.of(new PasswdEntry("root", 0, 0, "root", "/root", "/bin/bash")),
            List.of(),
            List.of("TrustedUserCAKeys /etc/ssh/ca.pub"));
    Verdict v =
        new NoAuthorizedKeysCheck().evaluate(keys, new Params(Map.of("account", "root")), CTX);
    assertEquals("reason.users.service-keys-elsewhere", v.reason().key(), v.toString());
    assertEquals("TrustedUserCAKeys /etc/ssh/ca.pub", v.details().get("sshd"));
  }

  @Test
  void aRootKeyInAuthorizedKeys2FailsAndTheFixEmptiesThatFileToo() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    NoAuthorizedKeysCheck c = new NoAuthorizedKeysCheck();
    Params root = new Params(Map.of("account", "root"));
    String main = host.readFile("/root/.ssh/authorized_keys").orElseThrow();
    host.fs().put("/root/.ssh/authorized_keys2", SimFile.file(main, "root", "root", 0600));
    Plan p = new RootKeysFix().plan(host, Params.NONE, CTX);
    assertEquals(2, p.actions().size(), "both files sshd reads: " + p.actions());
    host.fs().put("/root/.ssh/authorized_keys", SimFile.file("", "root", "root", 0600));
    Verdict v = c.run(host, root, CTX);
    assertEquals(Status.FAIL, v.status(), "sshd reads authorized_keys2 by default: " + v);
    assertTrue(
        v.details().containsKey("key /root/.ssh/authorized_keys2:1"), v.details().toString());
    for (var a : new RootKeysFix().plan(host, Params.NONE, CTX).actions()) {
      WriteFile w = (WriteFile) a;
      host.writeFile(w.path(), w.after(), w.attrs());
    }
    assertEquals(Status.PASS, c.run(host, root, CTX).status());
  }

  @Test
  void twoLongNamesThatShareTheirStartStayTwoEntries() {
    String stem = "hermes skill " + "a".repeat(250);
    WatchBaseline b =
        new WatchBaseline.Builder()
            .put(stem + "-first", "present")
            .put(stem + "-second", "present")
            .build();
    assertEquals(2, b.entries().size(), b.render());
    for (String k : b.entries().keySet()) {
      assertEquals(WatchBaseline.MAX_TEXT, k.codePointCount(0, k.length()), k);
      assertEquals(k, WatchBaseline.clean(k), "a cleaned text cleans to itself");
    }
    assertEquals(b.entries(), WatchBaseline.parse(b.render()).entries(), "the file reads back");
  }

  @Test
  void cronEntriesNameTildePathsAndTheShellInForce() {
    List<CronEntries.Entry> es =
        CronEntries.parse(
            "* * * * * root ~hermes/job.sh\nSHELL=\"/home/hermes/sh\"\n@daily root /bin/true\n",
            true);
    assertEquals(List.of("~hermes/job.sh"), es.get(0).paths(), "before SHELL= it is /bin/sh");
    assertEquals(List.of("/home/hermes/sh", "/bin/true"), es.get(1).paths());
  }

  /**
   * A {@code PATH=} line naming the agent's directory: cron's shell finds a program named without a
   * path there, and runs the agent's file as root (LaterStepsHostileSandbox2Test tried it).
   */
  @Test
  void cronEntriesNameTheDirectoriesOfThePathInForce() {
    List<CronEntries.Entry> es =
        CronEntries.parse(
            "* * * * * root run-parts /etc/cron.hourly\n"
                + "PATH=\"/home/hermes/bin:/usr/bin::bin\"\n"
                + "@daily root backup\n",
            true);
    assertEquals(List.of("/etc/cron.hourly"), es.get(0).paths(), "before PATH= it is cron's own");
    assertEquals(List.of("/home/hermes/bin", "/usr/bin", "~", "~/bin"), es.get(1).paths());
  }

  @Test
  void aCronPathThroughTheAgentsDirectoryFails() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    CronWritableCheck c = new CronWritableCheck();
    host.fs().put("/etc/cron.d", SimFile.dir("root", "root", 0755));
    host.fs()
        .put(
            "/etc/cron.d/backup",
            SimFile.file(
                "PATH=/usr/local/bin:/usr/bin:/bin\n@daily root backup\n", "root", "root", 0644));
    assertEquals(Status.PASS, c.run(host, Params.NONE, CTX).status(), "root's directories only");
    host.fs().put("/home/hermes", SimFile.dir("hermes", "hermes", 0755));
    host.fs()
        .put(
            "/etc/cron.d/backup",
            SimFile.file(
                "PATH=/home/hermes/bin:/usr/bin\n@daily root backup\n", "root", "root", 0644));
    Verdict v = c.run(host, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertTrue(v.details().containsKey("/etc/cron.d/backup:2 /home/hermes/bin"), v.toString());
  }

  @Test
  void aCronDailyScriptTheAgentOwnsFails() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    CronWritableCheck c = new CronWritableCheck();
    host.fs().put("/etc/cron.daily", SimFile.dir("root", "root", 0755));
    host.fs().put("/etc/cron.daily/logrotate", SimFile.file("#!/bin/sh\n", "root", "root", 0755));
    host.fs()
        .put("/etc/cron.daily/x.dpkg-old", SimFile.file("#!/bin/sh\n", "hermes", "hermes", 0755));
    assertEquals(
        Status.PASS, c.run(host, Params.NONE, CTX).status(), "run-parts skips a name with a dot");
    host.fs().put("/etc/cron.daily/rotate", SimFile.file("#!/bin/sh\n", "hermes", "hermes", 0644));
    Verdict v = c.run(host, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertTrue(v.toString().contains("/etc/cron.daily/rotate"), v.toString());
  }

  /**
   * systemd runs a service as root unless it names a {@code User=}: a local unit whose program, or
   * whose environment file, lies in the agent's directory hands the agent root at the next start.
   */
  @Test
  void aServiceRunningTheAgentsFileAsRootFails() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    UnitsWritableCheck c = new UnitsWritableCheck();
    host.fs().put("/home/hermes", SimFile.dir("hermes", "hermes", 0755));
    String unit = "/etc/systemd/system/agent-helper.service";
    host.fs()
        .put(
            unit,
            SimFile.file(
                "[Unit]\nDescription=x\n[Service]\nExecStart=/usr/bin/python3 /opt/helper.py\n",
                "root",
                "root",
                0644));
    assertEquals(Status.PASS, c.run(host, Params.NONE, CTX).status(), "root's files only");
    host.fs()
        .put(
            unit,
            SimFile.file(
                "[Service]\nExecStart=/usr/bin/python3 \\\n  /home/hermes/helper.py --x\n",
                "root",
                "root",
                0644));
    Verdict v = c.run(host, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals("root", v.details().get(unit + ":2 /home/hermes/helper.py"), v.toString());
    // run as the agent itself: nothing gained
    host.fs()
        .put(
            unit,
            SimFile.file(
                "[Service]\nUser=hermes\nExecStart=/home/hermes/helper.py\n"
                    + "EnvironmentFile=-/home/hermes/env\n",
                "root",
                "root",
                0644));
    assertEquals(Status.PASS, c.run(host, Params.NONE, CTX).status());
    // a "+" command runs as root whatever User= says; so does a drop-in's User= reset
    host.fs()
        .put(
            unit,
            SimFile.file(
                "[Service]\nUser=hermes\nExecStartPre=+/home/hermes/prep\nExecStart=/bin/true\n",
                "root",
                "root",
                0644));
    v = c.run(host, Params.NONE, CTX);
    assertEquals("root", v.details().get(unit + ":3 /home/hermes/prep"), v.toString());
    host.fs()
        .put(
            unit,
            SimFile.file(
                "[Service]\nUser=hermes\nEnvironmentFile=/home/hermes/env\n",
                "root",
                "root",
                0644));
    assertEquals(Status.PASS, c.run(host, Params.NONE, CTX).status());
    host.fs().put(unit + ".d", SimFile.dir("root", "root", 0755));
    host.fs()
        .put(unit + ".d/zz-root.conf", SimFile.file("[Service]\nUser=\n", "root", "root", 0644));
    v = c.run(host, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals("root", v.details().get(unit + ":3 /home/hermes/env"), v.toString());
  }

  @Test
  void aUnitFileTheAgentCanChangeFails() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    UnitsWritableCheck c = new UnitsWritableCheck();
    String unit = "/etc/systemd/system/helper.service";
    host.fs().put(unit, SimFile.file("[Service]\nExecStart=/bin/true\n", "hermes", "hermes", 0644));
    Verdict v = c.run(host, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertTrue(v.details().containsKey(unit + ":0 " + unit), v.toString());
  }

  /**
   * A directory of ld.so.conf (through an include) or a library of ld.so.preload that the agent
   * owns: its library runs inside every program root starts.
   */
  @Test
  void aLoaderPathTheAgentOwnsFails() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    LoaderWritableCheck c = new LoaderWritableCheck();
    host.fs().put("/etc/ld.so.conf.d", SimFile.dir("root", "root", 0755));
    host.fs()
        .put(
            "/etc/ld.so.conf",
            SimFile.file("include /etc/ld.so.conf.d/*.conf\n", "root", "root", 0644));
    host.fs()
        .put(
            "/etc/ld.so.conf.d/x86_64-linux-gnu.conf",
            SimFile.file(
                "# multiarch\n/usr/local/lib/x86_64-linux-gnu\n/lib/x86_64-linux-gnu\n",
                "root",
                "root",
                0644));
    Verdict ok = c.run(host, Params.NONE, CTX);
    assertEquals(Status.PASS, ok.status(), ok.toString());
    host.fs().put("/home/hermes", SimFile.dir("hermes", "hermes", 0755));
    host.fs()
        .put(
            "/etc/ld.so.conf.d/zz-agent.conf",
            SimFile.file("/home/hermes/lib\n", "root", "root", 0644));
    Verdict v = c.run(host, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertTrue(
        v.details().containsKey("/etc/ld.so.conf.d/zz-agent.conf:1 /home/hermes/lib"),
        v.toString());
    host.fs().put("/etc/ld.so.conf.d/zz-agent.conf", SimFile.file("\n", "root", "root", 0644));
    host.fs()
        .put("/etc/ld.so.preload", SimFile.file("/home/hermes/hook.so\n", "root", "root", 0644));
    v = c.run(host, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertTrue(v.details().containsKey("/etc/ld.so.preload:1 /home/hermes/hook.so"), v.toString());
  }

  /**
   * The loader check read at most 100 included files and passed: the 101st, the agent's own
   * (chowned to it, in root's directory), was never judged. A capped read is a finding.
   */
  @Test
  void moreLoaderFilesThanTheCapIsAFindingNotAPass() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    for (int i = 0; i < LoaderWritableCheck.MAX_FILES; i++) {
      host.fs()
          .put(
              String.format("/etc/ld.so.conf.d/%03d.conf", i),
              SimFile.file("/usr/lib\n", "root", "root", 0644));
    }
    host.fs()
        .put("/etc/ld.so.conf.d/zz.conf", SimFile.file("/usr/lib\n", "hermes", "hermes", 0644));
    Verdict v = new LoaderWritableCheck().run(host, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
  }

  /**
   * The units check judged the first 200 local services and passed: the 201st, running the agent's
   * script as root, was never judged. A capped read is a finding.
   */
  @Test
  void moreLocalServicesThanTheCapIsAFindingNotAPass() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    host.fs().put("/home/hermes", SimFile.dir("hermes", "hermes", 0755));
    UnitsWritableCheck c = new UnitsWritableCheck();
    for (int i = 0; i < UnitsWritableCheck.MAX_UNITS; i++) {
      host.fs()
          .put(
              String.format("/etc/systemd/system/a%03d.service", i),
              SimFile.file("[Service]\nExecStart=/usr/bin/true\n", "root", "root", 0644));
    }
    assertEquals(Status.PASS, c.run(host, Params.NONE, CTX).status(), "at the cap, all judged");
    host.fs()
        .put(
            "/etc/systemd/system/zz-agent.service",
            SimFile.file("[Service]\nExecStart=/home/hermes/x\n", "root", "root", 0644));
    Verdict v = c.run(host, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertTrue(v.toString().contains("more than " + UnitsWritableCheck.MAX_UNITS), v.toString());
  }

  /**
   * {@code /etc/cron.hourly} holding only Debian's {@code .placeholder}, and the agent's: no script
   * in it to judge, so the check passed, and the agent's next file there runs as root every hour.
   */
  @Test
  void aRunPartsDirectoryTheAgentCanWriteFailsWhileEmpty() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    host.fs().put("/etc/cron.hourly", SimFile.dir("hermes", "hermes", 0755));
    host.fs().put("/etc/cron.hourly/.placeholder", SimFile.file("", "root", "root", 0644));
    Verdict v = new CronWritableCheck().run(host, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertTrue(v.details().containsKey("/etc/cron.hourly:0 /etc/cron.hourly"), v.toString());
  }

  /** A crontab's 501st entry was never judged (at most 500 per file) and the check passed. */
  @Test
  void moreCronEntriesThanTheCapIsAFindingNotAPass() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    host.fs().put("/home/hermes", SimFile.dir("hermes", "hermes", 0755));
    String many = "* * * * * root /bin/true\n".repeat(CronEntries.MAX_ENTRIES);
    host.fs()
        .put(
            "/etc/cron.d/many",
            SimFile.file(many + "@daily root /home/hermes/x\n", "root", "root", 0644));
    Verdict v = new CronWritableCheck().run(host, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
  }

  @Test
  void onlyExpectedProgramsMayListenPublicly() {
    PublicListenersCheck c = new PublicListenersCheck();
    Params sshd = new Params(Map.of("expected", List.of("sshd")));
    assertEquals(
        Status.PASS,
        c.evaluate(SsListeners.parse(SS), sshd, CTX).status(),
        "sshd public, the rest on loopback and the tailnet");
    String shell = SS + "LISTEN 0 5 0.0.0.0:4444 0.0.0.0:* users:((\"nc\",pid=31337,fd=3))\n";
    Verdict v = c.evaluate(SsListeners.parse(shell), sshd, CTX);
    assertEquals(Status.FAIL, v.status());
    assertEquals("nc", v.details().get("0.0.0.0:4444"));
    String named =
        SS + "LISTEN 0 5 0.0.0.0:4445 0.0.0.0:* users:((\"sshd\",pid=31338,fd=3)) uid:999 ino:7\n";
    Verdict fake = c.evaluate(SsListeners.parse(named), sshd, CTX);
    assertEquals(Status.FAIL, fake.status(), "any account can name its program sshd");
    assertEquals("sshd", fake.details().get("0.0.0.0:4445"));
    assertEquals(
        "reason.watch.ss-unreadable",
        c.evaluate(SsListeners.parse("garbage\n"), sshd, CTX).reason().key(),
        "no listener read is not a clean bill");
  }

  @Test
  void aRootCronJobRunningAFileTheAgentOwnsFails() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    CronWritableCheck c = new CronWritableCheck();
    assertEquals(Status.PASS, c.run(host, Params.NONE, CTX).status(), "no cron files at all");
    host.fs().put("/etc/cron.d", SimFile.dir("root", "root", 0755));
    host.fs()
        .put(
            "/etc/cron.d/ok",
            SimFile.file(
                "SHELL=/bin/sh\n# m h dom mon dow user command\n"
                    + "17 * * * * root cd / && run-parts --report /etc/cron.hourly >/dev/null 2>&1\n",
                "root",
                "root",
                0644));
    host.fs().put("/etc/cron.hourly", SimFile.dir("root", "root", 0755));
    Verdict ok = c.run(host, Params.NONE, CTX);
    assertEquals(Status.PASS, ok.status(), ok.details().toString());

    host.fs().put("/home/hermes", SimFile.dir("hermes", "hermes", 0750));
    host.fs().put("/home/hermes/job.sh", SimFile.file("#!/bin/sh\n", "hermes", "hermes", 0755));
    host.fs()
        .put(
            "/etc/cron.d/backdoor",
            SimFile.file("@hourly root /home/hermes/job.sh\n", "root", "root", 0644));
    Verdict bad = c.run(host, Params.NONE, CTX);
    assertEquals(Status.FAIL, bad.status());
    assertEquals("root", bad.details().get("/etc/cron.d/backdoor:1 /home/hermes/job.sh"));

    host.fs()
        .put(
            "/etc/cron.d/backdoor",
            SimFile.file("@hourly hermes /home/hermes/job.sh\n", "root", "root", 0644));
    assertEquals(
        Status.PASS,
        c.run(host, Params.NONE, StepContext.of(Answers.EMPTY.with(Answers.SERVICE_USER, "hermes")))
            .status(),
        "a job that runs as the agent's own account gains it nothing");

    host.fs().put("/etc/cron.d/backdoor", SimFile.file("", "hermes", "hermes", 0644));
    Verdict file = c.run(host, Params.NONE, CTX);
    assertEquals(Status.FAIL, file.status(), "a cron file the agent can change is itself the hole");
  }

  @Test
  void cronEntriesAreParsedInBothLayouts() {
    List<CronEntries.Entry> sys =
        CronEntries.parse(
            "MAILTO=root\n*/5 * * * * www-data /usr/bin/php -f /var/www/cron.php\n", true);
    assertEquals(1, sys.size());
    assertEquals("www-data", sys.get(0).runAs());
    assertEquals(List.of("/usr/bin/php", "/var/www/cron.php"), sys.get(0).paths());
    List<CronEntries.Entry> user = CronEntries.parse("@reboot /opt/x/start >/dev/null\n", false);
    assertEquals(List.of("/opt/x/start"), user.get(0).paths());
  }
}
