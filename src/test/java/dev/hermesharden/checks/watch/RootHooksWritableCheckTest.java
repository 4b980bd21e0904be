package dev.hermesharden.checks.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimFile;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.CheckRef;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.steps.StepFiles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code watch.root-hooks-writable}: what root runs from login messages, apt hooks, logrotate
 * scripts and its shell start files. Each trap the agent can plant fails; the practice VPS
 * (Ubuntu's stock files) passes.
 */
class RootHooksWritableCheckTest {
  private static final StepContext CTX = StepContext.of(Answers.EMPTY);
  private final RootHooksWritableCheck check = new RootHooksWritableCheck();

  private static SimulatedHost withAgentHome() {
    SimulatedHost host = SimulatedHost.fresh();
    host.fs().put("/home/hermes", SimFile.dir("hermes", "hermes", 0755));
    return host;
  }

  private static void root(SimulatedHost host, String path, String text, int mode) {
    host.fs().put(path, SimFile.file(text, "root", "root", mode));
  }

  /**
   * The regression: a motd script root runs at every SSH login runs the agent's file, and the whole
   * watch step said nothing about it (cron, units, loader and sudoers read other places).
   */
  @Test
  void theWatchStepNamesAMotdScriptThatRunsTheAgentsFile() throws Exception {
    SimulatedHost host = withAgentHome();
    root(host, "/etc/update-motd.d/60-agent", "#!/bin/sh\n/home/hermes/motd.sh\n", 0755);
    List<String> named = new ArrayList<>();
    Catalog catalog = Catalog.standard();
    for (StepDefinition d : StepFiles.loadPackaged(catalog, Messages.english())) {
      if (!d.id().equals("watch")) {
        continue;
      }
      for (CheckRef ref : d.checks()) {
        Verdict v = catalog.check(ref).orElseThrow().run(host, ref.params(), CTX);
        if (v.status() == Status.FAIL && v.toString().contains("/home/hermes/motd.sh")) {
          named.add(ref.id());
        }
      }
    }
    assertEquals(List.of("watch.root-hooks-writable"), named);
  }

  @Test
  void thePracticeVpsStockFilesPass() throws Exception {
    Verdict v = check.run(SimulatedHost.fresh(), Params.NONE, CTX);
    assertEquals(Status.PASS, v.status(), v.toString());
    assertEquals("reason.watch.hooks-ok", v.reason().key());
  }

  @Test
  void aMotdScriptTheAgentOwnsOrItsInterpreterFails() throws Exception {
    SimulatedHost host = withAgentHome();
    host.fs()
        .put(
            "/etc/update-motd.d/60-agent",
            SimFile.file("#!/bin/sh\necho hi\n", "hermes", "hermes", 0755));
    Verdict v = check.run(host, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals("reason.watch.hooks-writable.motd", v.reason().key());
    assertTrue(
        v.details().containsKey("/etc/update-motd.d/60-agent:0 /etc/update-motd.d/60-agent"));
    root(host, "/etc/update-motd.d/60-agent", "#!/home/hermes/python3\nprint(1)\n", 0755);
    v = check.run(host, Params.NONE, CTX);
    assertTrue(
        v.details().containsKey("/etc/update-motd.d/60-agent:1 /home/hermes/python3"),
        v.toString());
  }

  @Test
  void anAptHookNamingTheAgentsFileFailsFlatOrScoped() throws Exception {
    SimulatedHost host = withAgentHome();
    String hook = "/etc/apt/apt.conf.d/99agent";
    root(
        host,
        hook,
        "// the agent's\nDPkg::Post-Invoke { \"/home/hermes/post.sh || true\"; };\n",
        0644);
    Verdict v = check.run(host, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals("reason.watch.hooks-writable.apt", v.reason().key());
    assertTrue(v.details().containsKey(hook + ":2 /home/hermes/post.sh"), v.toString());
    root(
        host,
        hook,
        "APT\n{\n  Update\n  {\n    Post-Invoke-Success\n    {\n"
            + "      \"test -x /usr/bin/x && sh -c /home/hermes/up\";\n    };\n  };\n};\n",
        0644);
    v = check.run(host, Params.NONE, CTX);
    assertTrue(v.details().containsKey(hook + ":7 /home/hermes/up"), v.toString());
    // a value of another key (a list of patterns) is no command
    root(host, hook, "APT::NeverAutoRemove { \"/home/hermes/x\"; };\n", 0644);
    assertEquals(Status.PASS, check.run(host, Params.NONE, CTX).status());
  }

  @Test
  void aLogrotateScriptRunningTheAgentsFileFails() throws Exception {
    SimulatedHost host = withAgentHome();
    root(host, "/etc/logrotate.conf", "weekly\ninclude /etc/logrotate.d\n", 0644);
    root(
        host,
        "/etc/logrotate.d/hermes",
        "/opt/hermes/data/logs/*.log {\n  daily\n  postrotate\n"
            + "    /home/hermes/reopen.sh >/dev/null\n  endscript\n}\n",
        0644);
    Verdict v = check.run(host, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals("reason.watch.hooks-writable.logrotate", v.reason().key());
    assertTrue(
        v.details().containsKey("/etc/logrotate.d/hermes:4 /home/hermes/reopen.sh"), v.toString());
  }

  @Test
  void aRootShellStartFileTheAgentReachesFails() throws Exception {
    SimulatedHost host = withAgentHome();
    root(host, "/root/.profile", "PATH=/home/hermes/bin:$PATH\n", 0644);
    Verdict v = check.run(host, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals("reason.watch.hooks-writable.shell", v.reason().key());
    assertTrue(v.details().containsKey("/root/.profile:1 /home/hermes/bin"), v.toString());
    root(host, "/root/.profile", "\n", 0644);
    host.fs()
        .put("/etc/profile.d/agent.sh", SimFile.file("alias ls=x\n", "hermes", "hermes", 0644));
    assertEquals(Status.FAIL, check.run(host, Params.NONE, CTX).status());
  }

  /** A pam_exec line of sshd's runs its program as root at every SSH login. */
  @Test
  void aPamExecProgramTheAgentCanChangeFails() throws Exception {
    SimulatedHost host = withAgentHome();
    root(
        host,
        "/etc/pam.d/sshd",
        "@include common-auth\nsession optional pam_exec.so seteuid /home/hermes/login-hook\n",
        0644);
    Verdict v = check.run(host, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals("reason.watch.hooks-writable.pam", v.reason().key());
    assertTrue(v.details().containsKey("/etc/pam.d/sshd:2 /home/hermes/login-hook"), v.toString());
  }

  /** An apt {@code #include} of the agent's file, and root's login shell in the agent's home. */
  @Test
  void anAptIncludeAndRootsLoginShellAreJudged() throws Exception {
    SimulatedHost host = withAgentHome();
    root(host, "/etc/apt/apt.conf.d/99include", "#include \"/home/hermes/apt.conf\";\n", 0644);
    host.fs()
        .put(
            "/home/hermes/apt.conf",
            SimFile.file("DPkg::Post-Invoke {\"true\";};\n", "hermes", "hermes", 0644));
    Verdict v = check.run(host, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertTrue(
        v.details().containsKey("/home/hermes/apt.conf:0 /home/hermes/apt.conf"), v.toString());
    root(host, "/etc/apt/apt.conf.d/99include", "\n", 0644);
    assertEquals(Status.PASS, check.run(host, Params.NONE, CTX).status());
    String passwd = host.fs().read("/etc/passwd").orElseThrow();
    host.fs()
        .write(
            "/etc/passwd",
            passwd.replaceFirst("(?m)^root:(.*):[^:\n]*$", "root:$1:/home/hermes/sh"));
    v = check.run(host, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertTrue(v.details().containsKey("/etc/passwd:0 /home/hermes/sh"), v.toString());
  }

  /** needrestart's configuration is Perl that its apt hook evaluates as root after each install. */
  @Test
  void aNeedrestartConfigurationTheAgentCanChangeFails() throws Exception {
    SimulatedHost host = withAgentHome();
    root(host, "/etc/needrestart/needrestart.conf", "$nrconf{restart} = 'i';\n", 0644);
    assertEquals(Status.PASS, check.run(host, Params.NONE, CTX).status());
    host.fs()
        .put(
            "/etc/needrestart/conf.d/agent.conf",
            SimFile.file("system('id');\n", "hermes", "hermes", 0644));
    Verdict v = check.run(host, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals("reason.watch.hooks-writable.apt", v.reason().key());
    assertTrue(
        v.details()
            .containsKey("/etc/needrestart/conf.d/agent.conf:0 /etc/needrestart/conf.d/agent.conf"),
        v.toString());
  }

  /**
   * The regression: a kernel hook, a dpkg {@code post-invoke} command, a udev rule, {@code sshrc},
   * root's {@code ~/.ssh/rc} and a network hook naming the agent's file, or owned by it, passed:
   * none of them was read (PackageHooksHostileSandboxTest shows root running the first two).
   */
  @Test
  void packageBootNetworkAndLoginHooksNamingTheAgentsFileFail() throws Exception {
    record Trap(String path, String text, String key, String detail) {}
    List<Trap> traps =
        List.of(
            new Trap(
                "/etc/kernel/postinst.d/zz-hermes",
                "#!/bin/sh\n/home/hermes/after-kernel \"$1\"\n",
                "packages",
                ":2 /home/hermes/after-kernel"),
            new Trap(
                "/etc/dpkg/dpkg.cfg.d/hermes",
                "post-invoke=/home/hermes/after-dpkg\n",
                "packages",
                ":1 /home/hermes/after-dpkg"),
            new Trap(
                "/etc/udev/rules.d/99-hermes.rules",
                "ACTION==\"add\", SUBSYSTEM==\"usb\", RUN+=\"/home/hermes/usb.sh\"\n",
                "events",
                ":1 /home/hermes/usb.sh"),
            new Trap(
                "/etc/ssh/sshrc", "/home/hermes/motd.sh\n", "events", ":1 /home/hermes/motd.sh"),
            new Trap("/root/.ssh/rc", "/home/hermes/rc.sh\n", "events", ":1 /home/hermes/rc.sh"),
            new Trap(
                "/etc/networkd-dispatcher/routable.d/50-hermes",
                "#!/bin/sh\n/home/hermes/net-up\n",
                "events",
                ":2 /home/hermes/net-up"),
            new Trap(
                "/etc/network/interfaces",
                "auto eth0\niface eth0 inet dhcp\n  post-up /home/hermes/up.sh\n",
                "events",
                ":3 /home/hermes/up.sh"),
            new Trap(
                "/etc/rc.local",
                "#!/bin/sh\n/home/hermes/boot\n",
                "events",
                ":2 /home/hermes/boot"));
    for (Trap t : traps) {
      SimulatedHost host = withAgentHome();
      root(host, t.path(), t.text(), 0755);
      Verdict v = check.run(host, Params.NONE, CTX);
      assertEquals(Status.FAIL, v.status(), t.path() + ": " + v);
      assertEquals("reason.watch.hooks-writable." + t.key(), v.reason().key(), v.toString());
      assertTrue(v.details().containsKey(t.path() + t.detail()), t.path() + ": " + v);
    }
  }

  /** A hook directory handed to the agent, even empty: its next file there runs as root. */
  @Test
  void aHookDirectoryTheAgentOwnsFailsEvenEmpty() throws Exception {
    for (String dir :
        List.of(
            "/etc/kernel/postinst.d",
            "/etc/network/if-up.d",
            "/etc/NetworkManager/dispatcher.d/pre-up.d",
            "/etc/systemd/system-generators")) {
      SimulatedHost host = withAgentHome();
      host.fs().put(dir, SimFile.dir("hermes", "hermes", 0755));
      Verdict v = check.run(host, Params.NONE, CTX);
      assertEquals(Status.FAIL, v.status(), dir + ": " + v);
      assertTrue(v.details().containsKey(dir + ":0 " + dir), dir + ": " + v);
    }
  }

  /** A capped read is a finding: the files after the cap could hold anything. */
  @Test
  void moreFilesThanTheCapIsAFindingNotAPass() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    for (int i = 0; i <= RootHooksWritableCheck.MAX_FILES; i++) {
      root(host, "/etc/profile.d/f" + i + ".sh", "\n", 0644);
    }
    Verdict v = check.run(host, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertTrue(
        v.toString().contains("more than " + RootHooksWritableCheck.MAX_FILES), v.toString());
  }

  @Test
  void aptHooksAreReadAsAptReadsThem() {
    String conf =
        "/* a block\n comment */\n# clear\n//DPkg::Pre-Invoke {\"/nope\";};\n"
            + "DPkg::Pre-Install-Pkgs {\"/usr/sbin/dpkg-preconfigure --apt || true\";};\n"
            + "APT::Update::Post-Invoke-Success {\"a\"; \"b\";};\n"
            + "Acquire::http::Proxy \"http://proxy:3128/\";\n";
    List<AptHooks.Command> hooks = AptHooks.parse(conf);
    assertEquals(3, hooks.size(), hooks.toString());
    assertEquals(
        new AptHooks.Command(
            5, "DPkg::Pre-Install-Pkgs", "/usr/sbin/dpkg-preconfigure --apt || true"),
        hooks.get(0));
    assertEquals("APT::Update::Post-Invoke-Success", hooks.get(2).key());
    assertEquals(6, hooks.get(2).line());
  }
}
