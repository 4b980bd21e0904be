package dev.hermesharden.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.fixes.firewall.FirewallEnableFix;
import dev.hermesharden.fixes.sshd.SshdDropInFix;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimulatedHost;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The guards that read the plan: AllowUsers keeps the proven user; ufw keeps the proven path. */
class PlanGuardTest {
  private final SimulatedHost host = SimulatedHost.fresh();

  private static Evidence ev(EvidenceKind k, String user, String server, String client) {
    return new Evidence(k, user, "SHA256:k", server, client, Instant.now(), Map.of(), true);
  }

  private Plan sshdPlan(String admin) throws Exception {
    Answers a = Answers.EMPTY.with("admin.user", admin);
    return new SshdDropInFix()
        .plan(
            host, Params.NONE, new StepContext(a, List.of(), Clock.systemUTC(), Optional.empty()));
  }

  @Test
  void sshdPlanKeepingTheProvenUserPasses() throws Exception {
    Plan p = sshdPlan("admin");
    assertTrue(p.render().contains("AllowUsers admin"), p.render());
    Evidence e = ev(EvidenceKind.KEY_LOGIN, "admin", "203.0.113.10", "198.51.100.7");
    assertEquals(Optional.empty(), PlanGuard.check(p, List.of(e), "admin", host));
  }

  @Test
  void sshdPlanExcludingTheProvenUserIsRefusedSayingWhy() throws Exception {
    Plan p = sshdPlan("deploy"); // AllowUsers deploy, but the key login was proven for admin
    Evidence e = ev(EvidenceKind.KEY_LOGIN, "admin", "203.0.113.10", "198.51.100.7");
    Missing m = PlanGuard.check(p, List.of(e), "admin", host).orElseThrow();
    assertEquals("guard.missing.allow-users", m.why().key());
    assertEquals("admin", m.why().args().get(0));
    assertTrue(
        String.valueOf(m.why().args().get(1))
            .contains("/etc/ssh/sshd_config.d/00-hermes-harden.conf:"),
        m.why().toString());
    assertEquals("guard.how.allow-users", m.how().key());
  }

  /**
   * The sshd plan closes root's SSH login; an admin whose password is locked cannot answer sudo, so
   * nobody could reach root: refused whatever step 1 said, and passed again once a NOPASSWD rule
   * asks for nothing (EarlyStepsHostileSandboxTest shows the truth with the real sudo).
   */
  @Test
  void sshdPlanIsRefusedWhileTheAdminCannotBecomeRoot() throws Exception {
    // the practice admin's sudo without a password is cloud-init's drop-in: gone, as on most VPSes
    host.deleteFile("/etc/sudoers.d/90-cloud-init-users");
    String shadow = host.readFile("/etc/shadow").orElseThrow();
    assertTrue(shadow.contains("\nadmin:$y$"), shadow);
    host.writeFile(
        "/etc/shadow",
        shadow.replace("\nadmin:$y$", "\nadmin:!$y$"),
        FileAttrs.of("root", "shadow", 0640));
    Plan p = sshdPlan("admin");
    Evidence e = ev(EvidenceKind.KEY_LOGIN, "admin", "203.0.113.10", "198.51.100.7");
    Missing m = PlanGuard.check(p, List.of(e), "admin", host).orElseThrow();
    assertEquals("guard.missing.admin-sudo", m.why().key());
    assertTrue(String.valueOf(m.why().args().get(1)).contains("LOCKED"), m.why().toString());
    assertEquals("guard.how.admin-sudo", m.how().key());
    host.writeFile(
        "/etc/sudoers.d/zz-admin",
        "admin ALL=(ALL) NOPASSWD: ALL\n",
        FileAttrs.of("root", "root", 0440));
    assertEquals(Optional.empty(), PlanGuard.check(p, List.of(e), "admin", host));
  }

  @Test
  void anAllowUsersLineThatStaysInAnotherFileCounts() throws Exception {
    // An earlier drop-in already restricts to ops@10.0.0.0/8: sshd adds up AllowUsers lines, and
    // admin from 198.51.100.7 matches none of the user@host patterns once ours is added either.
    host.writeFile(
        "/etc/ssh/sshd_config.d/00-aa-site.conf",
        "AllowUsers ops admin@10.0.0.0/8\n",
        FileAttrs.of("root", "root", 0644));
    Plan p =
        new Plan(
            "sshd.drop-in",
            List.of(
                new WriteFile(
                    "/etc/ssh/sshd_config.d/00-hermes-harden.conf",
                    Optional.empty(),
                    "PasswordAuthentication no\n",
                    FileAttrs.KEEP)));
    Evidence e = ev(EvidenceKind.KEY_LOGIN, "admin", "203.0.113.10", "198.51.100.7");
    assertEquals(
        "guard.missing.allow-users",
        PlanGuard.check(p, List.of(e), "admin", host).orElseThrow().why().key());
    Evidence inside = ev(EvidenceKind.KEY_LOGIN, "admin", "10.0.0.1", "10.1.2.3");
    assertEquals(Optional.empty(), PlanGuard.check(p, List.of(inside), "admin", host));
  }

  @Test
  void keepsMatchesSshdPatterns() {
    assertTrue(PlanGuard.keeps("ad* ops", "admin", "1.2.3.4"));
    assertTrue(PlanGuard.keeps("admin@100.64.*", "admin", "100.64.0.2"));
    assertFalse(PlanGuard.keeps("admin@100.64.*", "admin", "198.51.100.7"));
    assertFalse(PlanGuard.keeps("root", "admin", "1.2.3.4"));
  }

  @Test
  void enablingUfwNeedsARuleForTheProvenPath() throws Exception {
    Evidence tail = ev(EvidenceKind.PRIVATE_PATH_LOGIN, "admin", "100.64.0.10", "100.64.0.2");
    Plan real =
        new FirewallEnableFix()
            .plan(
                host,
                Params.NONE,
                new StepContext(Answers.EMPTY, List.of(), Clock.systemUTC(), Optional.empty()));
    assertEquals(
        Optional.empty(), PlanGuard.check(real, List.of(tail), "admin", host), real.render());

    Plan wrongNet =
        new Plan(
            "firewall.enable",
            List.of(
                RunCommand.of(
                    "ufw",
                    "allow",
                    "from",
                    "10.0.0.0/8",
                    "to",
                    "any",
                    "port",
                    "22",
                    "proto",
                    "tcp"),
                RunCommand.of("ufw", "--force", "enable")));
    Missing m = PlanGuard.check(wrongNet, List.of(tail), "admin", host).orElseThrow();
    assertEquals("guard.missing.no-rule-for-proof", m.why().key());
    assertEquals("100.64.0.2", m.why().args().get(0));
    assertEquals("tailscale0", m.why().args().get(1));

    Plan onIface =
        new Plan(
            "firewall.enable",
            List.of(
                RunCommand.of(
                    "ufw",
                    "allow",
                    "in",
                    "on",
                    "tailscale0",
                    "to",
                    "any",
                    "port",
                    "22",
                    "proto",
                    "tcp"),
                RunCommand.of("ufw", "--force", "enable")));
    assertEquals(Optional.empty(), PlanGuard.check(onIface, List.of(tail), "admin", host));
    Plan otherIface =
        new Plan(
            "firewall.enable",
            List.of(
                RunCommand.of(
                    "ufw", "allow", "in", "on", "wg0", "to", "any", "port", "22", "proto", "tcp"),
                RunCommand.of("ufw", "--force", "enable")));
    assertTrue(PlanGuard.check(otherIface, List.of(tail), "admin", host).isPresent());
  }
}
