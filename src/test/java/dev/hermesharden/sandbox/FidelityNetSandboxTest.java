package dev.hermesharden.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermesharden.host.ExecResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 10, the network half: the audit's verdicts on sshd, ufw and fail2ban against what is really
 * true on the sandbox VPS, established by trying it ({@link Truth}: a password, keyboard or key
 * login from the workstation, a TCP connection to sshd from the internet side or the tailnet, a
 * real fail2ban ban followed by a connection). One VPS, one table of situations; each row: set up,
 * {@code audit --step … --json} inside the VPS, try it, compare, undo.
 *
 * <p>A row agrees when the check FAILs exactly where the truth is unsafe. The test fails on any
 * false PASS, on any false alarm not named as deliberate, and on a deliberate one that no longer
 * alarms (the table in docs/fidelity.md must stay honest). The table is written to {@code
 * target/fidelity-net.md}.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FidelityNetSandboxTest {
  private static final String PUB = SandboxVps.VPS_PUBLIC;
  private static final String TAIL = SandboxVps.VPS_TAILNET;
  private static final Optional<String> OTHER = Optional.of("198.51.100.7");
  private static final Optional<String> NONE = Optional.empty();
  private static final String VPS6 = "2001:db8::10";
  private static final String DROP_IN = "/etc/ssh/sshd_config.d/00-hermes-harden.conf";
  private static final String CLOUD = "/etc/ssh/sshd_config.d/50-cloud-init.conf";
  private static final String EXTRA = "/etc/ssh/sshd_config.d/60-situation.conf";
  private static final String JAIL = "/etc/fail2ban/jail.d/zz-situation.local";
  private static final String HARDENED =
      "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin no\n"
          + "AllowUsers admin\nMaxAuthTries 3\n";
  private static final String HARDENED_NO_ALLOW =
      "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin no\n"
          + "MaxAuthTries 3\n";
  private static final String TAIL_RULE = "ufw allow in on tailscale0 to any port 22 proto tcp";

  /** One situation: what was set up, what the audit said, what was true and how we know. */
  record Row(
      String area,
      String situation,
      String check,
      String status,
      boolean safe,
      String how,
      String deliberate) {
    boolean falsePass() {
      return !safe && (status.equals("PASS") || status.equals("NOT_APPLICABLE"));
    }

    boolean falseAlarm() {
      return safe && !status.equals("PASS") && !status.equals("NOT_APPLICABLE");
    }
  }

  private static final List<Row> ROWS = new ArrayList<>();
  private static String mainConfig;
  private static List<Path> wrongKeys;

  interface Step {
    void run() throws Exception;
  }

  interface Fact {
    boolean safe() throws Exception;
  }

  @BeforeAll
  static void accountsAddressesAndKeys(SandboxVps vps) throws Exception {
    mainConfig = Files.readString(vps.vpsPath("/etc/ssh/sshd_config"));
    in(vps, "useradd -m -s /bin/bash bob && usermod -aG sudo admin");
    in(
        vps,
        "printf 'admin:%s\\nroot:%s\\nbob:%s\\n' '"
            + Truth.PASSWORD
            + "' '"
            + Truth.PASSWORD
            + "' '"
            + Truth.PASSWORD
            + "' | chpasswd && install -d -m 0700 -o bob -g bob /home/bob/.ssh"
            + " && cp /home/admin/.ssh/authorized_keys /home/bob/.ssh/ && chown bob:bob"
            + " /home/bob/.ssh/authorized_keys");
    // another internet host: 198.51.100.7 on the workstation, routed back by the VPS; IPv6 on
    // the public link for both
    ws(vps, "ip", "addr", "add", "198.51.100.7/24", "dev", "pub");
    ws(vps, "ip", "-6", "addr", "add", "2001:db8::7/64", "dev", "pub", "nodad");
    in(
        vps,
        "ip route add 198.51.100.0/24 dev eth0 && ip -6 addr add " + VPS6 + "/64 dev eth0 nodad");
    Path dir = Files.createTempDirectory("hh-wrong-keys");
    wrongKeys = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Path k = dir.resolve("k" + i);
      run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", k.toString()));
      wrongKeys.add(k);
    }
  }

  @AfterAll
  static void table() throws IOException {
    StringBuilder md =
        new StringBuilder("| # | situation | audit verdict | how the truth was established |\n");
    md.append("|---|---|---|---|\n");
    int n = 0;
    for (Row r : ROWS) {
      n++;
      md.append("| ")
          .append(n)
          .append(" | ")
          .append(r.situation())
          .append(" | `")
          .append(r.check())
          .append("` ")
          .append(r.status())
          .append(r.deliberate().isEmpty() ? "" : " (deliberate: " + r.deliberate() + ")")
          .append(" | ")
          .append(r.how())
          .append(r.safe() ? " → safe" : " → **open**")
          .append(" |\n");
    }
    long falsePass = ROWS.stream().filter(Row::falsePass).count();
    long alarms = ROWS.stream().filter(Row::falseAlarm).count();
    md.append("\n")
        .append(ROWS.size())
        .append(" situations, ")
        .append(falsePass)
        .append(" false PASS, ")
        .append(alarms)
        .append(" false alarms (all deliberate).\n");
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "fidelity-net.md"), md);
    System.out.println(md);
  }

  // ---------------------------------------------------------------------------------- sshd

  @Test
  @Order(1)
  void sshd(SandboxVps vps) throws Exception {
    Truth t = new Truth(vps);
    sshd(vps, HARDENED, true);
    row(
        vps,
        "sshd",
        "hardened drop-in",
        "sshd.password-authentication",
        () -> {},
        () -> !t.login("admin", "password", PUB),
        "password login as admin from 203.0.113.7",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "hardened drop-in",
        "sshd.permit-root-login",
        () -> {},
        () -> !t.login("root", "publickey", PUB),
        "key login as root",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "hardened drop-in",
        "sshd.allow-users",
        () -> {},
        () -> !t.login("bob", "publickey", PUB),
        "key login as bob (key installed)",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "hardened drop-in",
        "sshd.kbd-interactive",
        () -> {},
        () -> !t.login("admin", "keyboard-interactive", PUB),
        "keyboard-interactive login as admin",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "hardened drop-in",
        "sshd.max-auth-tries",
        () -> {},
        () -> t.keyTries(PUB, wrongKeys) <= 3,
        "keys one connection may offer",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "hardened drop-in",
        "sshd.running-config",
        () -> {},
        () -> !t.login("admin", "password", PUB),
        "password login refused as the files say",
        "",
        () -> {});

    // cloud-init's passwords, main file's PermitRootLogin yes, no drop-in: all open
    Step fresh = () -> sshd(vps, null, true);
    row(
        vps,
        "sshd",
        "no drop-in: cloud-init PasswordAuthentication yes",
        "sshd.password-authentication",
        fresh,
        () -> !t.login("admin", "password", PUB),
        "password login as admin",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "no drop-in: PermitRootLogin yes",
        "sshd.permit-root-login",
        () -> {},
        () -> !t.login("root", "publickey", PUB),
        "key login as root",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "no drop-in: no AllowUsers",
        "sshd.allow-users",
        () -> {},
        () -> !t.login("bob", "publickey", PUB),
        "key login as bob",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "no drop-in: MaxAuthTries 6",
        "sshd.max-auth-tries",
        () -> {},
        () -> t.keyTries(PUB, wrongKeys) <= 3,
        "keys one connection may offer",
        "",
        () -> {});

    // class 1: the drop-in written, sshd not reloaded
    Step unreloaded =
        () -> {
          Thread.sleep(1100); // the file must be newer than sshd's last load, to the second
          write(vps, DROP_IN, HARDENED);
        };
    row(
        vps,
        "sshd",
        "hardened drop-in written, sshd not reloaded",
        "sshd.password-authentication",
        unreloaded,
        () -> !t.login("admin", "password", PUB),
        "password login as admin",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "hardened drop-in written, sshd not reloaded",
        "sshd.permit-root-login",
        () -> {},
        () -> !t.login("root", "publickey", PUB),
        "key login as root",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "hardened drop-in written, sshd not reloaded",
        "sshd.allow-users",
        () -> {},
        () -> !t.login("bob", "publickey", PUB),
        "key login as bob",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "hardened drop-in written, sshd not reloaded",
        "sshd.running-config",
        () -> {},
        () -> !t.login("admin", "password", PUB),
        "password login works though the files say no",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "hardened drop-in deleted on disk, sshd not reloaded",
        "sshd.password-authentication",
        () -> {
          sshd(vps, HARDENED, true);
          Thread.sleep(1100);
          vps.inVps(List.of("rm", "-f", DROP_IN));
        },
        () -> !t.login("admin", "password", PUB),
        "password login as admin (refused: sshd still runs the drop-in)",
        "the files reopen passwords at the next reload or reboot",
        () -> sshd(vps, HARDENED, true));

    // class 2: Match blocks, for other addresses and users, every hardened keyword
    row(
        vps,
        "sshd",
        "Match Address 203.0.113.0/24 PasswordAuthentication yes",
        "sshd.password-authentication",
        () -> extra(vps, "Match Address 203.0.113.0/24\n  PasswordAuthentication yes\n"),
        () -> !t.login("admin", "password", PUB),
        "password login as admin from 203.0.113.7",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "Match Address 203.0.113.0/24 PasswordAuthentication yes",
        "sshd.no-match-reenables-passwords",
        () -> {},
        () -> !t.login("admin", "password", PUB),
        "password login as admin from 203.0.113.7",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "Match Address 198.51.100.0/24 PasswordAuthentication yes (not the admin's address)",
        "sshd.no-match-reenables-passwords",
        () -> extra(vps, "Match Address 198.51.100.0/24\n  PasswordAuthentication yes\n"),
        () -> !t.login("admin", "password", PUB, 22, OTHER),
        "password login as admin from 198.51.100.7",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "Match Address 198.51.100.0/24 PasswordAuthentication yes (not the admin's address)",
        "sshd.password-authentication",
        () -> {},
        () -> !t.login("admin", "password", PUB, 22, OTHER),
        "password login as admin from 198.51.100.7",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "Match Address 198.51.100.0/24 PermitRootLogin prohibit-password",
        "sshd.permit-root-login",
        () -> {
          sshd(vps, HARDENED_NO_ALLOW, false);
          extra(vps, "Match Address 198.51.100.0/24\n  PermitRootLogin prohibit-password\n");
        },
        () -> !t.login("root", "publickey", PUB, 22, OTHER),
        "key login as root from 198.51.100.7",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "Match Address 203.0.113.0/24 MaxAuthTries 6",
        "sshd.max-auth-tries",
        () -> {
          sshd(vps, HARDENED, false);
          extra(vps, "Match Address 203.0.113.0/24\n  MaxAuthTries 6\n");
        },
        () -> t.keyTries(PUB, wrongKeys) <= 3,
        "keys one connection from 203.0.113.7 may offer",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "AllowUsers admin bob, Match User bob PasswordAuthentication yes",
        "sshd.no-match-reenables-passwords",
        () -> {
          sshd(vps, HARDENED.replace("AllowUsers admin", "AllowUsers admin bob"), false);
          extra(vps, "Match User bob\n  PasswordAuthentication yes\n");
        },
        () -> !t.login("bob", "password", PUB),
        "password login as bob",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "AllowUsers admin, Match User bob PasswordAuthentication yes (bob refused anyway)",
        "sshd.no-match-reenables-passwords",
        () -> {
          sshd(vps, HARDENED, false);
          extra(vps, "Match User bob\n  PasswordAuthentication yes\n");
        },
        () -> !t.login("bob", "password", PUB),
        "password login as bob",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "Match Group sudo PasswordAuthentication yes",
        "sshd.password-authentication",
        () -> extra(vps, "Match Group sudo\n  PasswordAuthentication yes\n"),
        () -> !t.login("admin", "password", PUB),
        "password login as admin (in sudo)",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "Port 22 and 2222, Match LocalPort 2222 PasswordAuthentication yes",
        "sshd.password-authentication",
        () -> {
          sshd(vps, "Port 22\nPort 2222\n" + HARDENED, false);
          extra(vps, "Match LocalPort 2222\n  PasswordAuthentication yes\n");
        },
        () -> !t.login("admin", "password", PUB, 2222, NONE),
        "password login as admin on port 2222",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "global AuthenticationMethods publickey, Match Address 203.0.113.0/24 PasswordAuthentication yes",
        "sshd.no-match-reenables-passwords",
        () -> {
          sshd(vps, "AuthenticationMethods publickey\n" + HARDENED, false);
          extra(vps, "Match Address 203.0.113.0/24\n  PasswordAuthentication yes\n");
        },
        () -> !t.login("admin", "password", PUB),
        "password login as admin from 203.0.113.7",
        "",
        () -> {});

    // false alarms of old: combinations that are safe
    row(
        vps,
        "sshd",
        "AuthenticationMethods publickey with PasswordAuthentication yes",
        "sshd.password-authentication",
        () ->
            sshd(
                vps,
                "AuthenticationMethods publickey\n"
                    + HARDENED.replace("PasswordAuthentication no", "PasswordAuthentication yes"),
                true),
        () -> !t.login("admin", "password", PUB),
        "password login as admin",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "AuthenticationMethods publickey,password (key first) with PasswordAuthentication yes",
        "sshd.password-authentication",
        () ->
            sshd(
                vps,
                "AuthenticationMethods publickey,password\n"
                    + HARDENED.replace("PasswordAuthentication no", "PasswordAuthentication yes"),
                true),
        () -> !t.login("admin", "password", PUB),
        "password-only login as admin",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "UsePAM no with KbdInteractiveAuthentication yes",
        "sshd.kbd-interactive",
        () ->
            sshd(
                vps,
                "UsePAM no\n"
                    + HARDENED.replace(
                        "KbdInteractiveAuthentication no", "KbdInteractiveAuthentication yes"),
                true),
        () -> !t.login("admin", "keyboard-interactive", PUB),
        "keyboard-interactive login as admin",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "UsePAM yes with KbdInteractiveAuthentication yes",
        "sshd.kbd-interactive",
        () ->
            sshd(
                vps,
                HARDENED.replace(
                    "KbdInteractiveAuthentication no", "KbdInteractiveAuthentication yes"),
                true),
        () -> !t.login("admin", "keyboard-interactive", PUB),
        "keyboard-interactive login as admin",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "DenyUsers root with PermitRootLogin yes",
        "sshd.permit-root-login",
        () ->
            sshd(
                vps,
                "DenyUsers root\n"
                    + HARDENED_NO_ALLOW.replace("PermitRootLogin no", "PermitRootLogin yes"),
                true),
        () -> !t.login("root", "publickey", PUB),
        "key login as root",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "AllowUsers admin with PermitRootLogin prohibit-password",
        "sshd.permit-root-login",
        () ->
            sshd(
                vps,
                HARDENED.replace("PermitRootLogin no", "PermitRootLogin prohibit-password"),
                true),
        () -> !t.login("root", "publickey", PUB),
        "key login as root",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "PermitRootLogin prohibit-password, no AllowUsers",
        "sshd.permit-root-login",
        () ->
            sshd(
                vps,
                HARDENED_NO_ALLOW.replace(
                    "PermitRootLogin no", "PermitRootLogin prohibit-password"),
                true),
        () -> !t.login("root", "publickey", PUB),
        "key login as root",
        "",
        () -> {});

    // class 3: the policy weaker than its title (users and groups)
    row(
        vps,
        "sshd",
        "AllowGroups sudo (only admin in sudo)",
        "sshd.allow-users",
        () -> sshd(vps, "AllowGroups sudo\n" + HARDENED_NO_ALLOW, true),
        () -> !t.login("bob", "publickey", PUB),
        "key login as bob",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "AllowGroups sudo, bob added to sudo",
        "sshd.allow-users",
        () -> in(vps, "usermod -aG sudo bob"),
        () -> !t.login("bob", "publickey", PUB),
        "key login as bob",
        "",
        () -> in(vps, "gpasswd -d bob sudo"));
    row(
        vps,
        "sshd",
        "AllowUsers admin bob",
        "sshd.allow-users",
        () -> sshd(vps, HARDENED.replace("AllowUsers admin", "AllowUsers admin bob"), true),
        () -> !t.login("bob", "publickey", PUB),
        "key login as bob",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "DenyUsers root, no AllowUsers",
        "sshd.allow-users",
        () -> sshd(vps, "DenyUsers root\n" + HARDENED_NO_ALLOW, true),
        () -> !t.login("bob", "publickey", PUB),
        "key login as bob",
        "",
        () -> {});
    row(
        vps,
        "sshd",
        "AllowUsers admin",
        "sshd.allow-users",
        () -> sshd(vps, HARDENED, true),
        () -> !t.login("bob", "publickey", PUB),
        "key login as bob",
        "",
        () -> {});
    assertTrue(
        t.login("admin", "publickey", PUB), "the admin's key login must survive the sshd rows");
  }

  // ------------------------------------------------------------------------------ firewall

  @Test
  @Order(2)
  void firewall(SandboxVps vps) throws Exception {
    Truth t = new Truth(vps);
    sshd(vps, HARDENED, true);
    ufwBaseline(vps, "yes");
    Fact publicClosed = () -> !t.reaches(PUB, 22, NONE);
    Fact tailOpen = () -> t.reaches(TAIL, 22, NONE);
    String pubHow = "TCP connection from 203.0.113.7 to 203.0.113.10:22";
    String tailHow = "TCP connection from 100.64.0.2 to 100.64.0.10:22 over the tailnet";
    row(
        vps,
        "firewall",
        "ufw: deny incoming, SSH allowed on tailscale0 only",
        "firewall.no-public-ssh",
        () -> {},
        publicClosed,
        pubHow,
        "",
        () -> {});
    row(
        vps,
        "firewall",
        "ufw: deny incoming, SSH allowed on tailscale0 only",
        "firewall.ssh-private",
        () -> {},
        tailOpen,
        tailHow,
        "",
        () -> {});
    row(
        vps,
        "firewall",
        "ufw allow 22/tcp",
        "firewall.no-public-ssh",
        () -> in(vps, "ufw allow 22/tcp"),
        publicClosed,
        pubHow,
        "",
        () -> in(vps, "ufw delete allow 22/tcp"));
    row(
        vps,
        "firewall",
        "ufw limit 22/tcp",
        "firewall.no-public-ssh",
        () -> in(vps, "ufw limit 22/tcp"),
        publicClosed,
        pubHow,
        "",
        () -> in(vps, "ufw delete limit 22/tcp"));
    row(
        vps,
        "firewall",
        "ufw allow from 203.0.113.0/24 to port 22 (a public /24)",
        "firewall.no-public-ssh",
        () -> in(vps, "ufw allow from 203.0.113.0/24 to any port 22 proto tcp"),
        publicClosed,
        pubHow,
        "",
        () -> in(vps, "ufw delete allow from 203.0.113.0/24 to any port 22 proto tcp"));
    row(
        vps,
        "firewall",
        "ufw disabled",
        "firewall.no-public-ssh",
        () -> in(vps, "ufw disable"),
        publicClosed,
        pubHow,
        "",
        () -> {});
    row(
        vps,
        "firewall",
        "ufw disabled",
        "firewall.active",
        () -> {},
        publicClosed,
        pubHow,
        "",
        () -> in(vps, "ufw --force enable"));
    row(
        vps,
        "firewall",
        "raw iptables -I INPUT -p tcp --dport 22 -j ACCEPT outside ufw",
        "firewall.no-public-ssh",
        () -> in(vps, "iptables -I INPUT 1 -p tcp --dport 22 -j ACCEPT"),
        publicClosed,
        pubHow,
        "",
        () -> in(vps, "iptables -D INPUT -p tcp --dport 22 -j ACCEPT"));
    row(
        vps,
        "firewall",
        "raw iptables ACCEPT for 198.51.100.0/24 to port 22",
        "firewall.no-public-ssh",
        () -> in(vps, "iptables -I INPUT 1 -s 198.51.100.0/24 -p tcp --dport 22 -j ACCEPT"),
        () -> !t.reaches(PUB, 22, OTHER),
        "TCP connection from 198.51.100.7 to 203.0.113.10:22",
        "",
        () -> in(vps, "iptables -D INPUT -s 198.51.100.0/24 -p tcp --dport 22 -j ACCEPT"));
    row(
        vps,
        "firewall",
        "ufw allow 22/tcp removed from user.rules by hand, no reload",
        "firewall.no-public-ssh",
        () -> {
          in(vps, "ufw allow 22/tcp");
          editRules(
              vps,
              false,
              "allow tcp 22 0.0.0.0/0 any 0.0.0.0/0 in",
              "-A ufw-user-input -p tcp --dport 22 -j ACCEPT");
          editRules6(
              vps,
              "allow tcp 22 ::/0 any ::/0 in",
              "-A ufw6-user-input -p tcp --dport 22 -j ACCEPT");
        },
        publicClosed,
        pubHow,
        "",
        () -> in(vps, "ufw reload"));
    row(
        vps,
        "firewall",
        "ufw allow 22/tcp added to user.rules by hand, no reload",
        "firewall.no-public-ssh",
        () ->
            editRules(
                vps,
                true,
                "allow tcp 22 0.0.0.0/0 any 0.0.0.0/0 in",
                "-A ufw-user-input -p tcp --dport 22 -j ACCEPT"),
        publicClosed,
        pubHow + " (refused: not loaded)",
        "the next ufw reload or reboot opens SSH",
        () -> {
          editRules(
              vps,
              false,
              "allow tcp 22 0.0.0.0/0 any 0.0.0.0/0 in",
              "-A ufw-user-input -p tcp --dport 22 -j ACCEPT");
          in(vps, "ufw reload");
        });
    row(
        vps,
        "firewall",
        "tailscale0 rule removed from user.rules by hand, no reload",
        "firewall.ssh-private",
        () ->
            editRules(
                vps,
                false,
                "allow tcp 22 0.0.0.0/0 any 0.0.0.0/0 in_tailscale0",
                "-A ufw-user-input -i tailscale0 -p tcp --dport 22 -j ACCEPT"),
        tailOpen,
        tailHow + " (still works: the rule is loaded)",
        "the next ufw reload or reboot cuts the private path",
        () -> {
          editRules(
              vps,
              true,
              "allow tcp 22 0.0.0.0/0 any 0.0.0.0/0 in_tailscale0",
              "-A ufw-user-input -i tailscale0 -p tcp --dport 22 -j ACCEPT");
          in(vps, "ufw reload");
        });
    row(
        vps,
        "firewall",
        "tailscale0 rule in user.rules but not loaded",
        "firewall.ssh-private",
        () -> {
          in(vps, "ufw delete " + TAIL_RULE.substring(4));
          editRules(
              vps,
              true,
              "allow tcp 22 0.0.0.0/0 any 0.0.0.0/0 in_tailscale0",
              "-A ufw-user-input -i tailscale0 -p tcp --dport 22 -j ACCEPT");
        },
        tailOpen,
        tailHow,
        "",
        () -> in(vps, "ufw reload"));
    row(
        vps,
        "firewall",
        "ufw default allow incoming",
        "firewall.default-incoming",
        () -> in(vps, "ufw default allow incoming"),
        publicClosed,
        pubHow,
        "",
        () -> in(vps, "ufw default deny incoming"));
    row(
        vps,
        "firewall",
        "ufw allow 2222/tcp while sshd listens on 22 only",
        "firewall.no-public-ssh",
        () -> in(vps, "ufw allow 2222/tcp"),
        publicClosed,
        pubHow,
        "",
        () -> in(vps, "ufw delete allow 2222/tcp"));

    // IPv6
    Fact v6Closed = () -> !t.reaches(VPS6, 22, NONE);
    String v6How = "TCP connection from [2001:db8::7] to [2001:db8::10]:22";
    row(
        vps,
        "firewall",
        "IPV6=yes, SSH on tailscale0 only",
        "firewall.ipv6",
        () -> {},
        v6Closed,
        v6How,
        "",
        () -> {});
    row(
        vps,
        "firewall",
        "IPV6=yes, ufw allow 22/tcp (v4 and v6 rule)",
        "firewall.no-public-ssh",
        () -> in(vps, "ufw allow 22/tcp"),
        v6Closed,
        v6How,
        "",
        () -> in(vps, "ufw delete allow 22/tcp"));
    row(
        vps,
        "firewall",
        "raw ip6tables -I INPUT -p tcp --dport 22 -j ACCEPT",
        "firewall.no-public-ssh",
        () -> in(vps, "ip6tables -I INPUT 1 -p tcp --dport 22 -j ACCEPT"),
        v6Closed,
        v6How,
        "",
        () -> in(vps, "ip6tables -D INPUT -p tcp --dport 22 -j ACCEPT"));
    row(
        vps,
        "firewall",
        "IPV6=no at enable",
        "firewall.ipv6",
        () -> ufwBaseline(vps, "no"),
        v6Closed,
        v6How,
        "",
        () -> {});
    row(
        vps,
        "firewall",
        "IPV6=no at enable",
        "firewall.no-public-ssh",
        () -> {},
        publicClosed,
        pubHow,
        "",
        () -> {});
    row(
        vps,
        "firewall",
        "IPV6=no at enable, IPV6=yes in the file since (ufw status fails)",
        "firewall.no-public-ssh",
        () -> in(vps, "sed -i 's/^IPV6=.*/IPV6=yes/' /etc/default/ufw"),
        () -> publicClosed.safe() && v6Closed.safe(),
        pubHow + " and " + v6How,
        "",
        () -> {});
    row(
        vps,
        "firewall",
        "IPV6=no at enable, IPV6=yes in the file since (ufw status fails)",
        "firewall.active",
        () -> {},
        publicClosed,
        pubHow,
        "",
        () -> {});
    row(
        vps,
        "firewall",
        "IPV6=no at enable, IPV6=yes in the file since (ufw status fails)",
        "firewall.ssh-private",
        () -> {},
        tailOpen,
        tailHow,
        "",
        () -> {});
    row(
        vps,
        "firewall",
        "IPV6=no at enable, IPV6=yes in the file since (ufw status fails)",
        "firewall.ipv6",
        () -> {},
        v6Closed,
        v6How + " (dropped: the file is not in effect)",
        "IPV6=yes on disk is not in effect: IPv6 stays broken until ufw is re-enabled",
        () -> ufwBaseline(vps, "yes"));

    // sshd on another port
    row(
        vps,
        "firewall",
        "sshd on 2222 only, ufw allow 2222/tcp",
        "firewall.no-public-ssh",
        () -> {
          sshd(vps, "Port 2222\n" + HARDENED, true);
          in(vps, "ufw allow 2222/tcp");
        },
        () -> !t.reaches(PUB, 2222, NONE),
        "TCP connection from 203.0.113.7 to 203.0.113.10:2222",
        "",
        () -> in(vps, "ufw delete allow 2222/tcp"));
    row(
        vps,
        "firewall",
        "sshd on 2222 only, tailnet rule for 22 only",
        "firewall.ssh-private",
        () -> {},
        () -> t.reaches(TAIL, 2222, NONE),
        "TCP connection over the tailnet to 100.64.0.10:2222",
        "",
        () -> sshd(vps, HARDENED, true));
    assertTrue(
        t.login("admin", "publickey", TAIL),
        "the admin's tailnet login must survive the firewall rows");
  }

  // ------------------------------------------------------------------------------ fail2ban

  @Test
  @Order(3)
  void fail2ban(SandboxVps vps) throws Exception {
    Truth t = new Truth(vps);
    sshd(vps, HARDENED, true);
    in(vps, "ufw --force reset >/dev/null; ufw status | grep -q inactive");
    jail(vps, "");
    in(vps, "systemctl start fail2ban");
    Fact banned22 = () -> bans(vps, t, 22).equals(List.of(true));
    String banHow = "3 failed logins from 203.0.113.7, then a TCP connection to port 22";
    row(
        vps,
        "fail2ban",
        "sshd jail, iptables-multiport, port ssh",
        "fail2ban.bans-enforced",
        () -> {},
        banned22,
        banHow,
        "",
        () -> {});
    row(
        vps,
        "fail2ban",
        "sshd jail, iptables-multiport, port ssh",
        "fail2ban.filter-matches",
        () -> {},
        banned22,
        banHow,
        "",
        () -> {});
    row(
        vps,
        "fail2ban",
        "sshd jail, iptables-multiport, port ssh",
        "fail2ban.running-config",
        () -> {},
        banned22,
        banHow + " (maxretry 2 as the files say)",
        "",
        () -> {});
    row(
        vps,
        "fail2ban",
        "banaction = ufw while ufw is inactive",
        "fail2ban.bans-enforced",
        () -> jail(vps, "banaction = ufw\n"),
        banned22,
        banHow,
        "",
        () -> {});
    row(
        vps,
        "fail2ban",
        "banaction = ufw with ufw active (SSH allowed)",
        "fail2ban.bans-enforced",
        () -> in(vps, "ufw allow 22/tcp && ufw --force enable"),
        banned22,
        banHow,
        "",
        () -> {
          in(vps, "ufw --force reset >/dev/null");
          jail(vps, "");
        });
    row(
        vps,
        "fail2ban",
        "sshd on 22 and 2222, jail port = ssh",
        "fail2ban.bans-enforced",
        () -> sshd(vps, "Port 22\nPort 2222\n" + HARDENED, true),
        () -> bans(vps, t, 22, 2222).equals(List.of(true, true)),
        "3 failed logins from 203.0.113.7, then TCP connections to ports 22 and 2222",
        "",
        () -> {});
    row(
        vps,
        "fail2ban",
        "sshd on 22 and 2222, jail port = ssh,2222",
        "fail2ban.bans-enforced",
        () -> jail(vps, "port = ssh,2222\n"),
        () -> bans(vps, t, 22, 2222).equals(List.of(true, true)),
        "3 failed logins from 203.0.113.7, then TCP connections to ports 22 and 2222",
        "",
        () -> {});
    row(
        vps,
        "fail2ban",
        "sshd on 2222 only, jail port = 2222",
        "fail2ban.filter-matches",
        () -> {
          sshd(vps, "Port 2222\n" + HARDENED, true);
          jail(vps, "port = 2222\n");
        },
        () -> bans(vps, t, 2222).equals(List.of(true)),
        "3 failed logins from 203.0.113.7 on port 2222, then a TCP connection to 2222",
        "",
        () -> {
          sshd(vps, HARDENED, true);
          jail(vps, "");
        });
    row(
        vps,
        "fail2ban",
        "ignoreip also 203.0.113.0/24 (a public /24)",
        "fail2ban.ignoreip",
        () -> jail(vps, "ignoreip = 127.0.0.1/8 ::1 100.64.0.0/10 203.0.113.0/24\n"),
        banned22,
        banHow,
        "",
        () -> {});
    Step unreloaded = () -> write(vps, JAIL, jailText(""));
    row(
        vps,
        "fail2ban",
        "ignoreip /24 removed on disk, fail2ban not reloaded",
        "fail2ban.ignoreip",
        unreloaded,
        banned22,
        banHow,
        "",
        () -> {});
    row(
        vps,
        "fail2ban",
        "ignoreip /24 removed on disk, fail2ban not reloaded",
        "fail2ban.running-config",
        () -> {},
        banned22,
        banHow + " (no ban: the old ignoreip runs)",
        "",
        () -> jail(vps, ""));
    row(
        vps,
        "fail2ban",
        "maxretry 5 on disk, 2 running (not reloaded)",
        "fail2ban.running-config",
        () -> write(vps, JAIL, jailText("").replace("maxretry = 2", "maxretry = 5")),
        () -> !bans(vps, t, 22).equals(List.of(true)),
        "3 failed logins from 203.0.113.7 ban it: the running jail is not the file's",
        "",
        () -> jail(vps, ""));
    row(
        vps,
        "fail2ban",
        "jail port changed on disk, then fail2ban-client reload (1.0.2 drops the action)",
        "fail2ban.bans-enforced",
        () -> {
          write(vps, JAIL, jailText("port = ssh,2222\n"));
          in(vps, "fail2ban-client reload");
        },
        banned22,
        banHow,
        "",
        () -> {});
    row(
        vps,
        "fail2ban",
        "jail port changed on disk, then fail2ban-client reload (1.0.2 drops the action)",
        "fail2ban.running-config",
        () -> {},
        banned22,
        banHow + " (no ban: the jail lost its action)",
        "",
        () -> jail(vps, ""));
    row(
        vps,
        "fail2ban",
        "banaction = hostsdeny",
        "fail2ban.bans-enforced",
        () -> jail(vps, "banaction = hostsdeny\n"),
        banned22,
        banHow,
        "",
        () -> {
          in(vps, "sed -i '/203.0.113.7/d' /etc/hosts.deny 2>/dev/null; true");
          jail(vps, "");
        });
    in(vps, "systemctl stop fail2ban");
    assertTrue(
        t.login("admin", "publickey", TAIL),
        "the admin's tailnet login must survive the fail2ban rows");
  }

  @Test
  @Order(4)
  void noFalsePassAndOnlyTheNamedFalseAlarms() {
    List<Row> errors = ROWS.stream().filter(r -> r.status().equals("ERROR")).toList();
    assertEquals(List.of(), errors, "checks that could not judge");
    List<Row> falsePass = ROWS.stream().filter(Row::falsePass).toList();
    assertEquals(List.of(), falsePass, "false PASS");
    List<Row> unnamed =
        ROWS.stream().filter(r -> r.falseAlarm() && r.deliberate().isEmpty()).toList();
    assertEquals(List.of(), unnamed, "false alarms not named as deliberate");
    List<Row> stale =
        ROWS.stream().filter(r -> !r.deliberate().isEmpty() && !r.falseAlarm()).toList();
    assertEquals(List.of(), stale, "rows named as deliberate alarms that do not alarm");
    assertTrue(ROWS.size() >= 50, "situations: " + ROWS.size());
  }

  // ----------------------------------------------------------------------------- helpers

  private static void row(
      SandboxVps vps,
      String area,
      String situation,
      String check,
      Step setup,
      Fact truth,
      String how,
      String deliberate,
      Step cleanup)
      throws Exception {
    setup.run();
    String step = check.substring(0, check.indexOf('.'));
    Map<String, JsonNode> audit = Cli.audit(vps, step);
    JsonNode c = audit.get(check);
    assertTrue(c != null, "no check " + check);
    String status = c.get("status").asText();
    boolean safe = truth.safe();
    Row r = new Row(area, situation, check, status, safe, how, deliberate);
    ROWS.add(r);
    System.out.printf(
        "FIDELITY %s | %s | %s %s | %s%s%n",
        r.falsePass() ? "FALSE-PASS" : r.falseAlarm() ? "ALARM" : "ok",
        situation,
        check,
        status,
        safe ? "safe" : "open",
        r.falsePass() || r.falseAlarm() ? " | " + c.get("reason").asText() : "");
    cleanup.run();
  }

  /** sshd's files: the main file as the VPS had it, cloud-init's drop-in, ours (or none). */
  private static void sshd(SandboxVps vps, String dropIn, boolean reload) throws Exception {
    Files.writeString(vps.vpsPath("/etc/ssh/sshd_config"), mainConfig);
    vps.inVps(List.of("sh", "-c", "rm -f /etc/ssh/sshd_config.d/*"));
    write(vps, CLOUD, "PasswordAuthentication yes\n");
    if (dropIn != null) {
      write(vps, DROP_IN, dropIn);
    }
    if (reload) {
      reload(vps);
    }
  }

  /** A second drop-in (a Match block), then a reload. */
  private static void extra(SandboxVps vps, String text) throws Exception {
    write(vps, EXTRA, text);
    reload(vps);
  }

  private static void reload(SandboxVps vps) throws Exception {
    ExecResult r = vps.inVps(List.of("systemctl", "reload", "ssh"));
    assertEquals(0, r.exitCode(), r.stderr());
    Thread.sleep(400); // SIGHUP: sshd re-execs itself and binds its ports again
  }

  private static void write(SandboxVps vps, String path, String text) throws IOException {
    Files.writeString(vps.vpsPath(path), text);
  }

  /** ufw reset, then deny incoming, SSH on tailscale0, enabled with the given IPV6. */
  private static void ufwBaseline(SandboxVps vps, String ipv6) throws Exception {
    in(
        vps,
        "ufw --force reset >/dev/null && sed -i 's/^IPV6=.*/IPV6="
            + ipv6
            + "/' /etc/default/ufw && ufw default deny incoming && "
            + TAIL_RULE
            + " && ufw --force enable");
  }

  private static void editRules6(SandboxVps vps, String tuple, String line) throws IOException {
    editRules(vps, "/etc/ufw/user6.rules", false, tuple, line);
  }

  private static void editRules(SandboxVps vps, boolean add, String tuple, String line)
      throws IOException {
    editRules(vps, "/etc/ufw/user.rules", add, tuple, line);
  }

  /** Adds (or removes) one rule's tuple comment and line in a rules file, as an admin's editor. */
  private static void editRules(SandboxVps vps, String file, boolean add, String tuple, String line)
      throws IOException {
    Path rules = vps.vpsPath(file);
    String text = Files.readString(rules);
    String block = "### tuple ### " + tuple + "\n" + line + "\n";
    if (add) {
      text = text.replace("### END RULES ###", block + "\n### END RULES ###");
    } else {
      text =
          String.join(
                  "\n",
                  text.lines()
                      .filter(l -> !l.equals("### tuple ### " + tuple) && !l.equals(line))
                      .toList())
              + "\n";
    }
    Files.writeString(rules, text);
  }

  /** Our jail section; {@code extra} lines replace the base line of the same key. */
  private static String jailText(String extra) {
    java.util.LinkedHashMap<String, String> keys = new java.util.LinkedHashMap<>();
    String base =
        "enabled = true\nbackend = auto\nmaxretry = 2\nfindtime = 10m\nbantime = 1h\n"
            + "ignoreip = 127.0.0.1/8 ::1 100.64.0.0/10\n";
    for (String line : (base + extra).split("\n")) {
      if (line.contains("=")) {
        keys.put(line.substring(0, line.indexOf('=')).strip(), line);
      }
    }
    return "[sshd]\n" + String.join("\n", keys.values()) + "\n";
  }

  /**
   * Our jail file, then a restart of the server: fail2ban 1.0.2's {@code reload} drops a jail's
   * action when its parameters change (the row that shows it reloads on purpose).
   */
  private static void jail(SandboxVps vps, String extra) throws Exception {
    write(vps, JAIL, jailText(extra));
    in(vps, "systemctl restart fail2ban");
  }

  /**
   * A real ban: unban everything, three failed logins from the workstation's public address, a
   * moment for fail2ban to read them, then one TCP connection per port: true where it is blocked.
   */
  private static List<Boolean> bans(SandboxVps vps, Truth t, int... ports) throws Exception {
    in(vps, "fail2ban-client unban --all >/dev/null 2>&1; true");
    for (int i = 0; i < 3; i++) {
      vps.fromWorkstation(
          List.of(
              "ssh",
              "-p",
              String.valueOf(ports[0]),
              "-o",
              "BatchMode=yes",
              "-o",
              "StrictHostKeyChecking=no",
              "-o",
              "UserKnownHostsFile=/dev/null",
              "-o",
              "ConnectTimeout=3",
              "hh-intruder@" + PUB,
              "true"));
    }
    for (int i = 0; i < 25; i++) {
      String s = vps.inVps(List.of("fail2ban-client", "status", "sshd")).stdout();
      if (s.contains(SandboxVps.WS_PUBLIC)) {
        break;
      }
      Thread.sleep(200);
    }
    Thread.sleep(300);
    List<Boolean> out = new ArrayList<>();
    for (int p : ports) {
      out.add(!t.reaches(PUB, p, NONE));
    }
    in(vps, "fail2ban-client unban --all >/dev/null 2>&1; true");
    return out;
  }

  private static void in(SandboxVps vps, String script) throws IOException {
    ExecResult r = vps.inVps(List.of("sh", "-c", script));
    assertEquals(0, r.exitCode(), script + "\n" + r.stdout() + r.stderr());
  }

  private static void ws(SandboxVps vps, String... argv) throws IOException {
    ExecResult r = vps.fromWorkstation(List.of(argv));
    assertEquals(0, r.exitCode(), String.join(" ", argv) + "\n" + r.stderr());
  }

  private static void run(List<String> argv) throws IOException {
    ExecResult r = Commands.run(argv, null, java.time.Duration.ofSeconds(30), Path.of("/tmp"));
    assertEquals(0, r.exitCode(), r.stderr());
  }
}
