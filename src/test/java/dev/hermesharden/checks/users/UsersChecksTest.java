package dev.hermesharden.checks.users;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.checks.sshkeys.AccountKeys;
import dev.hermesharden.checks.sshkeys.AdminKeys.KeyFile;
import dev.hermesharden.checks.sshkeys.ServiceKeysCheck;
import dev.hermesharden.host.GroupEntry;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PasswdEntry;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.accounts.GshadowGrants;
import dev.hermesharden.system.accounts.PasswordStatus;
import dev.hermesharden.system.accounts.ShadowPassword;
import dev.hermesharden.system.sudoers.SudoAccess;
import dev.hermesharden.system.sudoers.SudoListing;
import dev.hermesharden.testing.KeysFixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsersChecksTest {
  private static final StepContext CTX = StepContext.of(Answers.EMPTY);

  private static Account account(String passwdLine, String passwdS, String idGroups) {
    PasswdEntry e = PasswdEntry.parse(passwdLine).orElseThrow();
    return new Account(
        e.name(),
        Optional.of(e),
        PasswordStatus.parse(passwdS),
        GroupEntry.parseIdGroups(idGroups));
  }

  private static final Account ADMIN_FRESH =
      account(
          "admin:x:1000:1000:Admin,,,:/home/admin:/bin/bash",
          "admin P 2024-11-20 0 99999 7 -1",
          "admin users");
  private static final Account HERMES_OK =
      account(
          "hermes:x:1001:1001::/home/hermes:/bin/bash",
          "hermes L 2024-11-24 0 99999 7 -1",
          "hermes users");

  @Test
  void adminMustExistAndNotBeRoot() {
    assertEquals(
        Status.PASS, new AdminUserCheck().evaluate(ADMIN_FRESH, Params.NONE, CTX).status());
    assertEquals(
        Status.FAIL,
        new AdminUserCheck().evaluate(Account.missing("admin"), Params.NONE, CTX).status());
    Account toor =
        account("admin:x:0:0::/root:/bin/bash", "admin P 2024-11-20 0 99999 7 -1", "root");
    Verdict v = new AdminUserCheck().evaluate(toor, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), "uid 0 under another name is root");
    assertEquals("reason.users.admin-is-root", v.reason().key());
  }

  private static final SudoListing SUDO_ROOT =
      new SudoListing(SudoListing.State.ROOT, "(ALL : ALL) ALL");

  private static AdminSudoCheck.Facts sudo(Account a, SudoListing l) {
    return sudo(a, l, ShadowPassword.USABLE);
  }

  private static AdminSudoCheck.Facts sudo(Account a, SudoListing l, ShadowPassword password) {
    return new AdminSudoCheck.Facts(a, new SudoAccess(l, a.name(), password));
  }

  @Test
  void adminSudo() {
    Verdict fresh = new AdminSudoCheck().evaluate(sudo(ADMIN_FRESH, SUDO_ROOT), Params.NONE, CTX);
    assertEquals(Status.FAIL, fresh.status());
    assertEquals(List.of("admin", "sudo"), fresh.reason().args());
    Account withSudo =
        account(
            "admin:x:1000:1000::/home/admin:/bin/bash",
            "admin P 2024-11-20 0 99999 7 -1",
            KeysFixtures.read("accounts/id-nG-admin.txt"));
    assertEquals(
        Status.PASS,
        new AdminSudoCheck().evaluate(sudo(withSudo, SUDO_ROOT), Params.NONE, CTX).status());
    assertEquals(
        Status.FAIL,
        new AdminSudoCheck()
            .evaluate(sudo(withSudo, SUDO_ROOT), new Params(Map.of("group", "wheel")), CTX)
            .status());
    SudoListing notAsked = new SudoListing(SudoListing.State.UNKNOWN, "a password is required");
    Verdict v = new AdminSudoCheck().evaluate(sudo(withSudo, notAsked), Params.NONE, CTX);
    assertEquals(Status.PASS, v.status(), "not root: the membership decides, as before");
    assertEquals("UNKNOWN a password is required", v.details().get("sudo -l"));
  }

  /**
   * In group sudo, but sudoers has no %sudo line (or sudo is missing): sudo lets the admin do
   * nothing, and once root's SSH login is closed nobody reaches root. The check passed on the
   * membership (EarlyStepsHostileSandboxTest tries sudo for real).
   */
  @Test
  void aSudoMemberSudoRefusesIsNoPass() {
    Account withSudo =
        account(
            "admin:x:1000:1000::/home/admin:/bin/bash",
            "admin P 2024-11-20 0 99999 7 -1",
            KeysFixtures.read("accounts/id-nG-admin.txt"));
    SudoListing none =
        new SudoListing(SudoListing.State.NONE, "User admin is not allowed to run sudo on vps1.");
    Verdict v = new AdminSudoCheck().evaluate(sudo(withSudo, none), Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status());
    assertEquals("reason.users.admin-sudo-denied", v.reason().key());
    SudoListing some = new SudoListing(SudoListing.State.LIMITED, "(ALL) /usr/bin/id");
    assertEquals(
        Status.FAIL,
        new AdminSudoCheck().evaluate(sudo(withSudo, some), Params.NONE, CTX).status());
    SudoListing missing = new SudoListing(SudoListing.State.MISSING, "sudo: command not found");
    Verdict m = new AdminSudoCheck().evaluate(sudo(withSudo, missing), Params.NONE, CTX);
    assertEquals(Status.FAIL, m.status());
    assertEquals("reason.users.admin-sudo-missing", m.reason().key());
  }

  /**
   * In group sudo and allowed every command, but sudo asks for a password the admin does not have
   * ({@code adduser --disabled-password}, {@code passwd -l}): once root's SSH login is closed
   * nobody reaches root. sudo's listing alone passed (EarlyStepsHostileSandboxTest types the right
   * password of a locked admin). With NOPASSWD no password is asked, and the admin can.
   */
  @Test
  void aSudoerWhosePasswordCannotBeTypedIsNoPass() {
    Account withSudo =
        account(
            "admin:x:1000:1000::/home/admin:/bin/bash",
            "admin L 2024-11-20 0 99999 7 -1",
            KeysFixtures.read("accounts/id-nG-admin.txt"));
    Verdict locked =
        new AdminSudoCheck()
            .evaluate(sudo(withSudo, SUDO_ROOT, ShadowPassword.LOCKED), Params.NONE, CTX);
    assertEquals(Status.FAIL, locked.status());
    assertEquals("reason.users.admin-sudo-locked-password", locked.reason().key());
    assertEquals(List.of("admin", "sudo", "admin"), locked.reason().args());
    Verdict empty =
        new AdminSudoCheck()
            .evaluate(sudo(withSudo, SUDO_ROOT, ShadowPassword.EMPTY), Params.NONE, CTX);
    assertEquals("reason.users.admin-sudo-empty-password", empty.reason().key());
    SudoListing rootpw =
        new SudoListing(SudoListing.State.ROOT, "(ALL : ALL) ALL", SudoListing.Auth.ROOT);
    Verdict root =
        new AdminSudoCheck()
            .evaluate(
                new AdminSudoCheck.Facts(
                    withSudo, new SudoAccess(rootpw, "root", ShadowPassword.LOCKED)),
                Params.NONE,
                CTX);
    assertEquals(List.of("admin", "sudo", "root"), root.reason().args(), "rootpw: root's");
    SudoListing nopasswd =
        new SudoListing(SudoListing.State.ROOT, "(ALL) NOPASSWD: ALL", SudoListing.Auth.NONE);
    Verdict none =
        new AdminSudoCheck()
            .evaluate(
                new AdminSudoCheck.Facts(
                    withSudo, new SudoAccess(nopasswd, "", ShadowPassword.UNKNOWN)),
                Params.NONE,
                CTX);
    assertEquals(Status.PASS, none.status(), none.details().toString());
  }

  @Test
  void serviceUserPasswordStates() {
    ServicePasswordCheck c = new ServicePasswordCheck();
    assertEquals(Status.PASS, c.evaluate(HERMES_OK, Params.NONE, CTX).status());
    Account np =
        account(
            "hermes:x:1001:1001::/home/hermes:/bin/bash",
            "hermes NP 2024-11-24 0 99999 7 -1",
            "hermes");
    Verdict empty = c.evaluate(np, Params.NONE, CTX);
    assertEquals(Status.FAIL, empty.status(), "an empty password lets any account su to it");
    assertEquals("reason.users.service-empty-password", empty.reason().key());
    Account p =
        account(
            "hermes:x:1001:1001::/home/hermes:/bin/bash",
            "hermes P 2024-11-24 0 99999 7 -1",
            "hermes");
    assertEquals(Status.FAIL, c.evaluate(p, Params.NONE, CTX).status());
    assertEquals(Status.FAIL, c.evaluate(Account.missing("hermes"), Params.NONE, CTX).status());
    assertEquals(
        Status.FAIL,
        new ServiceUserCheck()
            .evaluate(
                new ServiceUserCheck.Facts(Account.missing("hermes"), List.of()), Params.NONE, CTX)
            .status());
  }

  private static final List<PasswdEntry> PASSWD =
      PasswdEntry.parseAll(
          "root:x:0:0:root:/root:/bin/bash\n"
              + "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"
              + "admin:x:1000:1000:Admin,,,:/home/admin:/bin/bash\n");

  /**
   * The service account given the admin's uid: the agent runs as the admin (it wrote the admin's
   * authorized_keys in EarlyStepsHostileSandbox3Test). It passed as an account of its own.
   */
  @Test
  void aServiceAccountWithTheAdminsUidIsNoAccountOfItsOwn() {
    ServiceUserCheck c = new ServiceUserCheck();
    List<PasswdEntry> own = new java.util.ArrayList<>(PASSWD);
    own.add(HERMES_OK.entry().orElseThrow());
    assertEquals(
        Status.PASS,
        c.evaluate(new ServiceUserCheck.Facts(HERMES_OK, own), Params.NONE, CTX).status());
    Account shared =
        account(
            "hermes:x:1000:1001::/home/hermes:/bin/sh",
            "hermes L 2024-11-24 0 99999 7 -1",
            "hermes");
    List<PasswdEntry> dup = new java.util.ArrayList<>(PASSWD);
    dup.add(shared.entry().orElseThrow());
    Verdict v = c.evaluate(new ServiceUserCheck.Facts(shared, dup), Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals("reason.users.service-shares-uid", v.reason().key());
    assertEquals(List.of("hermes", "1000", "admin"), v.reason().args());
  }

  /**
   * {@code toor:x:0:0}: root under a second name, which su lets anyone become when it has no
   * password.
   */
  @Test
  void aSecondAccountWithUidZeroFails() {
    SecondRootCheck c = new SecondRootCheck();
    assertEquals(Status.PASS, c.evaluate(PASSWD, Params.NONE, CTX).status());
    List<PasswdEntry> toor = new java.util.ArrayList<>(PASSWD);
    toor.addAll(PasswdEntry.parseAll("toor:x:0:0:toor:/root:/bin/bash\n"));
    Verdict v = c.evaluate(toor, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status());
    assertEquals(List.of("toor"), v.reason().args());
  }

  @Test
  void serviceUserInDockerIsRootByAnotherName() {
    Account docker =
        account(
            "hermes:x:1001:1001::/home/hermes:/bin/bash",
            "hermes L 2024-11-24 0 99999 7 -1",
            "hermes users docker adm");
    Verdict v = new ServiceGroupsCheck().evaluate(noSudo(docker), Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status());
    assertEquals(List.of("hermes", "docker, adm"), v.reason().args());
    assertEquals(
        Status.PASS,
        new ServiceGroupsCheck().evaluate(noSudo(HERMES_OK), Params.NONE, CTX).status());
  }

  @Test
  void serviceUserInAnyRootEquivalentGroupFails() {
    // each of these passed while only sudo, docker, adm and wheel were refused
    for (String g : List.of("disk", "shadow", "lxd", "incus-admin", "libvirt", "root", "staff")) {
      Account a =
          account(
              "hermes:x:1001:1001::/home/hermes:/bin/bash",
              "hermes L 2024-11-24 0 99999 7 -1",
              "hermes " + g);
      Verdict v = new ServiceGroupsCheck().evaluate(noSudo(a), Params.NONE, CTX);
      assertEquals(Status.FAIL, v.status(), g);
      assertEquals(List.of("hermes", g), v.reason().args());
    }
  }

  /**
   * {@code /etc/gshadow} alone naming hermes in {@code disk}: {@code newgrp disk} let it in with no
   * password while {@code id -nG} did not list it (EarlyStepsHostileSandbox4Test).
   */
  @Test
  void aGroupGshadowAloneGrantsCounts() {
    String gshadow =
        "root:*::\ndisk:*::hermes\nlxd:!:hermes:\nusers:*::admin,hermes\nsudo:*::admin\n";
    GshadowGrants g = GshadowGrants.parse(gshadow, "hermes");
    assertEquals(List.of("disk", "users"), g.members());
    assertEquals(List.of("lxd"), g.administrators());
    ServiceGroupsCheck.Facts f =
        new ServiceGroupsCheck.Facts(HERMES_OK, noSudo(HERMES_OK).sudo(), java.util.Optional.of(g));
    Verdict v = new ServiceGroupsCheck().evaluate(f, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals("reason.users.service-in-gshadow", v.reason().key());
    assertEquals(List.of("hermes", "disk, lxd"), v.reason().args());
    ServiceGroupsCheck.Facts clean =
        new ServiceGroupsCheck.Facts(
            HERMES_OK,
            noSudo(HERMES_OK).sudo(),
            java.util.Optional.of(GshadowGrants.parse("users:*::hermes\n", "hermes")));
    assertEquals(Status.PASS, new ServiceGroupsCheck().evaluate(clean, Params.NONE, CTX).status());
  }

  /**
   * A gshadow the audit may not read (not root) is not judged; one root cannot read for another
   * reason (a FIFO, an I/O error) is no pass: the check errs instead of passing on nothing.
   */
  @Test
  void aGshadowRootCannotReadIsNoPass() throws Exception {
    for (HostException.Kind kind : HostException.Kind.values()) {
      dev.hermesharden.host.Host h =
          new dev.hermesharden.host.ForwardingHost(new dev.hermesharden.host.LocalHost()) {
            @Override
            public java.util.Optional<String> readFile(
                String path, java.nio.charset.Charset charset) throws HostException {
              throw new HostException(kind, path);
            }
          };
      if (kind == HostException.Kind.PERMISSION) {
        assertEquals(java.util.Optional.empty(), GshadowGrants.read(h, "hermes"));
      } else {
        HostException e =
            org.junit.jupiter.api.Assertions.assertThrows(
                HostException.class, () -> GshadowGrants.read(h, "hermes"));
        assertEquals(kind, e.kind());
      }
    }
  }

  private static ServiceGroupsCheck.Facts noSudo(Account a) {
    return new ServiceGroupsCheck.Facts(
        a,
        new SudoListing(SudoListing.State.NONE, "User hermes is not allowed to run sudo on vps1."));
  }

  @Test
  void serviceUserThatSudoAllowsAnythingFailsWhateverItsGroups() {
    // %ops ALL=(ALL:ALL) NOPASSWD: ALL passed: ops is no name the check knew
    SudoListing root = new SudoListing(SudoListing.State.ROOT, "(ALL : ALL) NOPASSWD: ALL");
    Verdict v =
        new ServiceGroupsCheck()
            .evaluate(new ServiceGroupsCheck.Facts(HERMES_OK, root), Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status());
    assertEquals("reason.users.service-sudo", v.reason().key());
    SudoListing some =
        new SudoListing(
            SudoListing.State.LIMITED, "User hermes may run the following commands on vps1:");
    assertEquals(
        Status.FAIL,
        new ServiceGroupsCheck()
            .evaluate(new ServiceGroupsCheck.Facts(HERMES_OK, some), Params.NONE, CTX)
            .status());
    // sudo not asked (an audit without root): the names decide
    SudoListing unknown = new SudoListing(SudoListing.State.UNKNOWN, "a password is required");
    assertEquals(
        Status.PASS,
        new ServiceGroupsCheck()
            .evaluate(new ServiceGroupsCheck.Facts(HERMES_OK, unknown), Params.NONE, CTX)
            .status());
  }

  private static final PasswdEntry HERMES_ENTRY =
      PasswdEntry.parse("hermes:x:1001:1001::/home/hermes:/bin/bash").orElseThrow();

  private static KeyFile keyFile(String path, boolean effective, String text) {
    return new KeyFile(path, effective, Optional.empty(), Optional.ofNullable(text));
  }

  @Test
  void serviceUserWithKeysFails() {
    AccountKeys keys =
        new AccountKeys(
            "hermes",
            Optional.of(HERMES_ENTRY),
            List.of(
                keyFile(
                    "/home/hermes/.ssh/authorized_keys",
                    true,
                    "# only a comment\n" + KeysFixtures.read("sshkeys/ed25519.pub")),
                keyFile("/home/hermes/.ssh/authorized_keys2", true, null)));
    Verdict v = new ServiceKeysCheck().evaluate(keys, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status());
    assertEquals(List.of("hermes", "1", "/home/hermes/.ssh/authorized_keys"), v.reason().args());
    AccountKeys comments =
        new AccountKeys(
            "hermes",
            Optional.of(HERMES_ENTRY),
            List.of(keyFile("/home/hermes/.ssh/authorized_keys", true, "# none\n\n")));
    assertEquals(Status.PASS, new ServiceKeysCheck().evaluate(comments, Params.NONE, CTX).status());
    assertEquals(
        Status.FAIL,
        new ServiceKeysCheck()
            .evaluate(new AccountKeys("hermes", Optional.empty(), List.of()), Params.NONE, CTX)
            .status());
  }

  /**
   * sshd reads {@code ~/.ssh/authorized_keys2} too by OpenSSH's default: a key there logs in as the
   * service account (LaterStepsHostileSandboxTest and EarlyStepsHostileSandboxTest try it), and the
   * users step said nobody could.
   */
  @Test
  void aServiceKeyInAuthorizedKeys2IsNoPass() {
    AccountKeys keys =
        new AccountKeys(
            "hermes",
            Optional.of(HERMES_ENTRY),
            List.of(
                keyFile("/home/hermes/.ssh/authorized_keys", true, ""),
                keyFile(
                    "/home/hermes/.ssh/authorized_keys2",
                    true,
                    KeysFixtures.read("sshkeys/ed25519.pub"))));
    Verdict v = new ServiceKeysCheck().evaluate(keys, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals(List.of("hermes", "1", "/home/hermes/.ssh/authorized_keys2"), v.reason().args());
  }

  /**
   * An AuthorizedKeysCommand that hands the agent's key to sshd: it logged in as hermes while the
   * check, finding no key in any file, passed (EarlyStepsHostileSandbox3Test).
   */
  @Test
  void aKeysCommandForTheServiceAccountIsNoPass() {
    AccountKeys keys =
        new AccountKeys(
            "hermes",
            Optional.of(HERMES_ENTRY),
            List.of(keyFile("/home/hermes/.ssh/authorized_keys", true, null)),
            List.of("AuthorizedKeysCommand /etc/ssh/hh-akc %u (as nobody)"));
    Verdict v = new ServiceKeysCheck().evaluate(keys, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals("reason.users.service-keys-elsewhere", v.reason().key());
    assertEquals(
        List.of("hermes", "AuthorizedKeysCommand /etc/ssh/hh-akc %u (as nobody)"),
        v.reason().args());
  }

  @Test
  void rootLogin() {
    NotRootLoginCheck c = new NotRootLoginCheck();
    assertEquals(Status.NOT_APPLICABLE, c.evaluate(Optional.empty(), Params.NONE, CTX).status());
    assertEquals(Status.FAIL, c.evaluate(Optional.of("root"), Params.NONE, CTX).status());
    assertEquals(Status.PASS, c.evaluate(Optional.of("admin"), Params.NONE, CTX).status());
    StepContext ctx = StepContext.of(Answers.EMPTY.with(NotRootLoginCheck.LOGIN_USER, "root"));
    assertEquals(Optional.of("root"), c.gather(null, ctx));
  }
}
