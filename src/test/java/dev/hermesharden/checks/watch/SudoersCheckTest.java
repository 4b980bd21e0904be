package dev.hermesharden.checks.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimFile;
import dev.hermesharden.practice.SimulatedHost;
import org.junit.jupiter.api.Test;

/**
 * {@code watch.sudoers} over the practice VPS with real-format sudoers files: what the rules grant
 * and to whom, and which files sudo reads at all.
 */
class SudoersCheckTest {
  private static final StepContext CTX = StepContext.of(Answers.EMPTY);
  private static final String DROP_IN = "/etc/sudoers.d/";

  /** Debian 12's /etc/sudoers as the sudo package installs it (comments shortened). */
  private static final String DEBIAN_SUDOERS =
      """
      #
      # This file MUST be edited with the 'visudo' command as root.
      #
      Defaults\tenv_reset
      Defaults\tmail_badpass
      Defaults\tsecure_path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

      # This fixes CVE-2005-4890 and possibly breaks some versions of kdesu
      # (#1011624, https://bugs.kde.org/show_bug.cgi?id=452532)
      Defaults\tuse_pty

      #Defaults:%sudo env_keep += "http_proxy https_proxy ftp_proxy all_proxy no_proxy"

      # User privilege specification
      root\tALL=(ALL:ALL) ALL

      # Allow members of group sudo to execute any command
      %sudo\tALL=(ALL:ALL) ALL

      # See sudoers(5) for more information on "@include" directives:

      @includedir /etc/sudoers.d
      """;

  private static SimulatedHost vps() {
    SimulatedHost host = SimulatedHost.fresh();
    host.fs().put("/etc/sudoers", SimFile.file(DEBIAN_SUDOERS, "root", "root", 0440));
    return host;
  }

  private static void dropIn(SimulatedHost host, String name, String text) {
    host.fs().put(DROP_IN + name, SimFile.file(text, "root", "root", 0440));
  }

  /** The service account as the users step creates it, with its own group 1001. */
  private static void addHermes(SimulatedHost host) throws Exception {
    assertEquals(
        0, host.exec("adduser", "--disabled-password", "--gecos", "", "hermes").exitCode());
  }

  private static void addToGroup(SimulatedHost host, String user, String group) throws Exception {
    assertEquals(0, host.exec("usermod", "-aG", group, user).exitCode());
  }

  private static Verdict check(SimulatedHost host) throws Exception {
    return new SudoersCheck().run(host, Params.NONE, CTX);
  }

  @Test
  void cloudInitsDropInForTheAdminPassesAndSaysNopasswd() throws Exception {
    SimulatedHost host = vps();
    addToGroup(host, "admin", "sudo");
    Verdict v = check(host);
    assertEquals(Status.PASS, v.status(), v.toString());
    assertEquals("reason.watch.sudoers-ok", v.reason().key());
    assertEquals("3", v.reason().args().get(1), "sudoers, README, 90-cloud-init-users");
    assertEquals(
        "admin NOPASSWD", v.details().get(DROP_IN + "90-cloud-init-users:4"), v.toString());
  }

  @Test
  void cloudInitsOwnDefaultUserPassesWhenItIsTheAdmin() throws Exception {
    SimulatedHost host = vps();
    assertEquals(
        0, host.exec("adduser", "--disabled-password", "--gecos", "", "ubuntu").exitCode());
    dropIn(
        host,
        "90-cloud-init-users",
        "# Created by cloud-init v. 24.4-0ubuntu1~24.04.2 on Sun, 24 Nov 2024 00:00:00 +0000\n\n"
            + "# User rules for ubuntu\nubuntu ALL=(ALL) NOPASSWD:ALL\n");
    Verdict asAdmin =
        new SudoersCheck()
            .run(
                host,
                Params.NONE,
                StepContext.of(Answers.EMPTY.with(Answers.ADMIN_USER, "ubuntu")));
    assertEquals(Status.PASS, asAdmin.status(), asAdmin.toString());
    Verdict other = check(host);
    assertEquals(Status.FAIL, other.status(), "ubuntu is not the admin here: " + other);
    assertEquals("ubuntu", other.details().get(DROP_IN + "90-cloud-init-users:4"));
  }

  @Test
  void aRuleForTheServiceAccountFailsEvenBeforeTheAccountExists() throws Exception {
    SimulatedHost host = vps();
    dropIn(host, "zz-agent", "hermes ALL=(ALL) NOPASSWD: ALL\n");
    Verdict v = check(host);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals("reason.watch.sudoers-grants", v.reason().key());
    assertEquals("hermes", v.details().get(DROP_IN + "zz-agent:1"), v.toString());
    addHermes(host);
    assertEquals("hermes", check(host).details().get(DROP_IN + "zz-agent:1"));
  }

  @Test
  void aGroupRuleFailsWhenTheServiceAccountIsAMemberOrItsPrimaryGroup() throws Exception {
    SimulatedHost host = vps();
    addHermes(host);
    dropIn(host, "docker", "%docker ALL=(ALL) NOPASSWD: ALL\n");
    assertEquals(Status.PASS, check(host).status(), "nobody is in docker yet");
    addToGroup(host, "hermes", "docker");
    Verdict member = check(host);
    assertEquals(Status.FAIL, member.status(), member.toString());
    assertEquals("hermes (%docker)", member.details().get(DROP_IN + "docker:1"));

    SimulatedHost primary = vps();
    addHermes(primary);
    dropIn(primary, "hh", "# the agent's own group\n%hermes ALL=(root) /usr/bin/systemctl\n");
    Verdict v = check(primary);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals("hermes (%hermes)", v.details().get(DROP_IN + "hh:2"), v.toString());
  }

  @Test
  void debiansSudoGroupRulePassesOnlyWhileItsMembersAreRootAndTheAdmin() throws Exception {
    SimulatedHost host = vps();
    addToGroup(host, "admin", "sudo");
    assertEquals(Status.PASS, check(host).status());
    addHermes(host);
    addToGroup(host, "hermes", "sudo");
    Verdict v = check(host);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals("hermes (%sudo)", v.details().get("/etc/sudoers:18"), v.toString());
    assertEquals("hermes", v.details().get("group sudo"));
  }

  @Test
  void aUserAliasAndAContinuedLineAreFollowed() throws Exception {
    SimulatedHost host = vps();
    addHermes(host);
    dropIn(
        host,
        "aliases",
        "User_Alias\tOPERATORS = admin, \\\n\t\thermes  # the agent too\n"
            + "OPERATORS ALL = (ALL) ALL\n");
    Verdict alias = check(host);
    assertEquals(Status.FAIL, alias.status(), alias.toString());
    assertEquals("hermes (OPERATORS)", alias.details().get(DROP_IN + "aliases:3"));

    SimulatedHost cont = vps();
    dropIn(
        cont, "cont", "Defaults:admin !lecture\nadmin, \\\n  eve \\\n  ALL=(ALL) NOPASSWD: ALL\n");
    Verdict v = check(cont);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals("eve", v.details().get(DROP_IN + "cont:2"), "admin is fine, eve is not: " + v);
  }

  @Test
  void allUsersFailAndALaterExclusionKeepsAnAccountOut() throws Exception {
    SimulatedHost host = vps();
    addHermes(host);
    dropIn(host, "all", "ALL, !hermes ALL=(ALL) NOPASSWD: /usr/bin/apt-get update\n");
    Verdict v = check(host);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals(
        "ALL", v.details().get(DROP_IN + "all:1"), "hermes is excluded, everyone else not");

    SimulatedHost excluded = vps();
    addHermes(excluded);
    addToGroup(excluded, "admin", "docker");
    addToGroup(excluded, "hermes", "docker");
    dropIn(excluded, "ops", "%docker, !hermes ALL=(ALL) ALL\n#1001 ALL=(ALL) ALL\n");
    Verdict uid = check(excluded);
    assertEquals(Status.FAIL, uid.status(), uid.toString());
    assertFalse(uid.details().containsKey(DROP_IN + "ops:1"), "hermes excluded, admin trusted");
    assertEquals("hermes (#1001)", uid.details().get(DROP_IN + "ops:2"), "#uid is not a comment");
  }

  @Test
  void namesSudoSkipsAreNotRead() throws Exception {
    SimulatedHost host = vps();
    dropIn(host, "foo.bak", "hermes ALL=(ALL) NOPASSWD: ALL\n");
    dropIn(host, "x~", "hermes ALL=(ALL) NOPASSWD: ALL\n");
    Verdict v = check(host);
    assertEquals(Status.PASS, v.status(), v.toString());
    assertEquals("3", v.reason().args().get(1), "foo.bak and x~ are not read: " + v);
    dropIn(host, "foo", "hermes ALL=(ALL) NOPASSWD: ALL\n");
    assertEquals(Status.FAIL, check(host).status(), "the same rule in a file sudo reads");
  }

  @Test
  void aDropInSomeoneElseCanWriteFailsAndIsNotRead() throws Exception {
    SimulatedHost host = vps();
    addHermes(host);
    host.fs()
        .put(DROP_IN + "zz-group", SimFile.file("admin ALL=(ALL) ALL\n", "root", "hermes", 0660));
    Verdict v = check(host);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals("reason.watch.sudoers-files", v.reason().key());
    assertEquals(
        "mode 0660, writable by group 1001: sudo skips this file",
        v.details().get(DROP_IN + "zz-group"));

    SimulatedHost owned = vps();
    addHermes(owned);
    owned
        .fs()
        .put(DROP_IN + "zz-own", SimFile.file("hermes ALL=(ALL) ALL\n", "hermes", "root", 0440));
    Verdict o = check(owned);
    assertEquals(Status.FAIL, o.status(), o.toString());
    assertEquals("owner uid 1001: sudo skips this file", o.details().get(DROP_IN + "zz-own"));
    assertFalse(o.details().containsKey(DROP_IN + "zz-own:1"), "sudo does not read it, nor do we");

    SimulatedHost rootGroup = vps();
    rootGroup
        .fs()
        .put(DROP_IN + "zz-root", SimFile.file("admin ALL=(ALL) ALL\n", "root", "root", 0660));
    assertEquals(Status.PASS, check(rootGroup).status(), "group root may write: sudo reads it");
  }

  @Test
  void includesAreFollowedRelativeToTheirFile() throws Exception {
    SimulatedHost host = vps();
    dropIn(host, "local", "#include sudoers.local\n");
    host.fs()
        .put(
            "/etc/sudoers.d/sudoers.local",
            SimFile.file("eve ALL=(ALL) ALL\n", "root", "root", 0440));
    Verdict v = check(host);
    assertEquals(Status.FAIL, v.status(), "an @include names any file, dots or not: " + v);
    assertEquals("eve", v.details().get("/etc/sudoers.d/sudoers.local:1"), v.toString());
  }

  @Test
  void withoutSudoNothingIsGranted() throws Exception {
    SimulatedHost host = vps();
    host.fs().delete("/etc/sudoers");
    Verdict v = check(host);
    assertEquals(Status.PASS, v.status(), v.toString());
    assertEquals("0", v.reason().args().get(1));
    assertTrue(v.details().isEmpty(), "the drop-ins are read only through /etc/sudoers");
  }

  @Test
  void anotherMemberOfSudoFailsWithoutARule() throws Exception {
    SimulatedHost host = vps();
    host.fs().put("/etc/sudoers", SimFile.file("root ALL=(ALL:ALL) ALL\n", "root", "root", 0440));
    addHermes(host);
    addToGroup(host, "hermes", "sudo");
    Verdict v = check(host);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals("reason.watch.sudoers-members", v.reason().key());
  }
}
