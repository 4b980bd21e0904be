package dev.hermesharden.checks.approvals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.hermes.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Settings Hermes takes from somewhere other than the config.yaml key the check used to read
 * (attack pass 23a, docs/decisions-approvals.md): each case passed while Hermes ran with the unsafe
 * value.
 */
class HermesOwnPrecedenceTest {
  private static final String HOME = "/opt/hermes/data";
  private static final String HARD_CONFIG = Fixtures.hermes("config-hardened.yaml");
  private static final StepContext CTX = StepContext.of(Answers.EMPTY);
  private static final String DOCKER_ONLY = "terminal:\n  backend: docker\n";

  private static Verdict eval(ApprovalsCheck.Rule rule, String config, String env) {
    return new ApprovalsCheck(rule)
        .evaluate(ApprovalsFacts.of(HOME, config, env), Params.NONE, CTX);
  }

  private static void fails(ApprovalsCheck.Rule rule, String config, String env, String why) {
    Verdict v = eval(rule, config, env);
    assertEquals(Status.FAIL, v.status(), why + " -> " + v.reason().key());
  }

  private static void passes(ApprovalsCheck.Rule rule, String config, String env, String why) {
    Verdict v = eval(rule, config, env);
    assertEquals(Status.PASS, v.status(), why + " -> " + v.reason().key());
  }

  /**
   * agent/redact.py snapshots HERMES_REDACT_SECRETS at import; hermes_cli/main.py bridges
   * security.redact_secrets (read raw, str(v).lower(), no strip) only when the variable is unset.
   */
  @Test
  void redactionSwitchedOffInTheEnvironmentOrByARawValueIsNoPass() {
    ApprovalsCheck.Rule r = ConfigRules::redactSecrets;
    fails(r, HARD_CONFIG, "HERMES_REDACT_SECRETS=false\n", ".env beats config.yaml's true");
    fails(r, null, "HERMES_REDACT_SECRETS=0\n", ".env with no config.yaml");
    fails(r, HARD_CONFIG, "HERMES_REDACT_SECRETS=enabled\n", "not in 1/true/yes/on: off");
    fails(r, "security:\n  redact_secrets: \" true\"\n", "", "str(' true').lower() is not 'true'");
    fails(
        r,
        "security:\n  redact_secrets: ${R}\n",
        "R=true\n",
        "the early bridge reads config.yaml raw: '${r}' is off");
    Verdict v = eval(r, HARD_CONFIG, "HERMES_REDACT_SECRETS=no\n");
    assertEquals("reason.approvals.redact-off-env", v.reason().key());
    assertEquals("HERMES_REDACT_SECRETS", v.reason().args().get(0));
    passes(r, null, "HERMES_REDACT_SECRETS=TRUE\n", "lower() in the set");
    passes(r, HARD_CONFIG, "HERMES_REDACT_SECRETS=1\n", "both on");
    passes(r, "security:\n  redact_secrets: yes\n", "", "YAML 1.1 true");
  }

  /** tools/url_safety.py: env, then security.allow_private_urls, then browser.* (legacy). */
  @Test
  void privateUrlsAllowedByTheLegacyKeyOrANonStringValueIsNoPass() {
    ApprovalsCheck.Rule r = ConfigRules::privateUrls;
    Verdict v = eval(r, "browser:\n  allow_private_urls: true\n", "");
    assertEquals(Status.FAIL, v.status(), "legacy browser.allow_private_urls");
    assertEquals("reason.approvals.private-urls-browser", v.reason().key());
    fails(r, "security:\n  allow_private_urls: 2\n", "", "is_truthy_value: bool(2)");
    fails(r, "browser:\n  allow_private_urls: [x]\n", "", "is_truthy_value: bool([x])");
    passes(r, "browser:\n  allow_private_urls: \"off\"\n", "", "a string outside 1/true/yes/on");
    passes(r, "security:\n  allow_private_urls: 0\n", "", "bool(0)");
  }

  /**
   * hermes_cli/config.py apply_terminal_config_to_env: a terminal key the file sets overrides
   * TERMINAL_*; a key it does not set leaves the environment's value in force.
   */
  @Test
  void terminalSettingsTheFileLeavesToTheEnvironmentAreReadFromIt() {
    fails(
        ConfigRules::containerLimits,
        DOCKER_ONLY,
        "TERMINAL_CONTAINER_CPU=0\n",
        "no CPU limit from .env");
    fails(
        ConfigRules::containerLimits,
        DOCKER_ONLY,
        "TERMINAL_CONTAINER_MEMORY=0\n",
        "no memory limit from .env");
    Verdict fwd =
        eval(
            ConfigRules::dockerForwardEnv,
            DOCKER_ONLY,
            "TERMINAL_DOCKER_FORWARD_ENV='[\"GITHUB_TOKEN\"]'\n");
    assertEquals(Status.FAIL, fwd.status(), "forwarded from .env");
    assertTrue(fwd.reason().args().get(0).toString().contains("GITHUB_TOKEN"));
    assertEquals("TERMINAL_DOCKER_FORWARD_ENV (.env)", fwd.details().get("from"));
    passes(
        ConfigRules::containerLimits,
        HARD_CONFIG,
        "TERMINAL_CONTAINER_CPU=0\nTERMINAL_CONTAINER_MEMORY=0\n",
        "the file's keys win");
    passes(
        ConfigRules::dockerForwardEnv,
        HARD_CONFIG,
        "TERMINAL_DOCKER_FORWARD_ENV=[\"GITHUB_TOKEN\"]\n",
        "the file's [] wins");
    passes(ConfigRules::terminalBackend, "{}\n", "TERMINAL_ENV=docker\n", "env when unset");
    passes(ConfigRules::terminalBackend, DOCKER_ONLY, "TERMINAL_ENV=local\n", "the file wins");
    fails(ConfigRules::terminalBackend, "terminal: {}\n", "TERMINAL_ENV=local\n", "env local");
  }

  /**
   * tools/website_policy.py load_website_blocklist: {@code enabled} must be a YAML boolean and
   * {@code domains}/{@code shared_files} lists, else WebsitePolicyError and check_website_access
   * fails open: nothing is blocked.
   */
  @Test
  void aBlocklistHermesRefusesAndSoIgnoresIsNoPass() {
    ApprovalsCheck.Rule r = ConfigRules::websiteBlocklist;
    String bl = "security:\n  website_blocklist:\n";
    fails(r, bl + "    enabled: \"true\"\n", "", "a string is not a boolean: fails open");
    fails(r, bl + "    enabled: 1\n", "", "an int is not a boolean");
    fails(r, bl + "    enabled: ${ON}\n", "ON=true\n", "read raw, and not a boolean either way");
    Verdict v = eval(r, bl + "    enabled: true\n    domains: evil.example\n", "");
    assertEquals(Status.FAIL, v.status(), "a string of domains fails the whole policy open");
    assertEquals("reason.approvals.blocklist-malformed", v.reason().key());
    assertEquals("security.website_blocklist.domains", v.reason().args().get(0));
    fails(r, bl + "    enabled: true\n    shared_files: /x\n", "", "shared_files too");
    passes(r, bl + "    enabled: yes\n    domains:\n", "", "YAML 1.1 true; a null list is []");
  }

  /**
   * Current Hermes loads config.yaml with ruamel in YAML 1.1 ({@code hermes_yaml.py}: "Ruamel's
   * native schema includes bare y/n booleans"); PyYAML and SnakeYAML read them as strings.
   */
  @Test
  void bareYAndNAreBooleansToCurrentHermes() {
    Verdict mode = eval(ConfigRules::mode, "approvals:\n  mode: n\n", "");
    assertEquals(Status.FAIL, mode.status(), "n is False: _normalize_approval_mode -> off");
    assertEquals("off", mode.details().get("approvals.mode"));
    fails(ConfigRules::privateUrls, "security:\n  allow_private_urls: Y\n", "", "Y is True");
    Verdict key =
        eval(
            EnvRules::apiKey,
            "platforms:\n  api_server:\n    enabled: y\n    extra:\n      key: short\n",
            "");
    assertEquals(Status.FAIL, key.status(), "y is True: the API server is on -> " + key.reason());
    passes(ConfigRules::mode, "approvals:\n  mode: y\n", "", "y is True: manual");
  }

  /**
   * hermes_yaml.py: ruamel "rejects duplicate keys"; hermes_cli/config.py then serves the last
   * config that parsed, else DEFAULT_CONFIG (smart, local backend) — not the file the audit reads,
   * where SnakeYAML lets the last duplicate win.
   */
  @Test
  void aConfigCurrentHermesRefusesForARepeatedKeyIsNoPass() {
    String repeated = HARD_CONFIG + "\nmodel: a\nmodel: b\n";
    for (ApprovalsCheck.Rule r :
        java.util.List.<ApprovalsCheck.Rule>of(
            ConfigRules::mode, ConfigRules::terminalBackend, ConfigRules::redactSecrets)) {
      Verdict v = eval(r, repeated, "");
      assertEquals(Status.ERROR, v.status(), v.reason().key());
      assertEquals("reason.approvals.config-duplicate", v.reason().key());
      assertEquals("model", v.reason().args().get(1));
    }
    Verdict nested = eval(ConfigRules::mode, "approvals:\n  mode: off\n  mode: manual\n", "");
    assertEquals("approvals.mode", nested.reason().args().get(1), nested.reason().toString());
    passes(
        ConfigRules::mode,
        "base: &b\n  mode: off\napprovals:\n  <<: *b\n  mode: manual\n",
        "",
        "a merge key is not a repeat");
  }

  /**
   * hermes_cli/main.py _apply_profile_override: without -p, a name other than "default" in the
   * root's active_profile makes HERMES_HOME root/profiles/NAME, whose files the audit did not read.
   * The agent owns the root.
   */
  @Test
  void anActiveProfileTheAgentCanWriteIsNoPass() throws Exception {
    dev.hermesharden.practice.SimulatedHost host = dev.hermesharden.practice.SimulatedHost.fresh();
    dev.hermesharden.host.FileAttrs keep = dev.hermesharden.host.FileAttrs.KEEP;
    host.writeFile(HOME + "/config.yaml", HARD_CONFIG, keep);
    host.writeFile(HOME + "/.env", "HERMES_YOLO_MODE=false\n", keep); // the practice VPS's is on
    host.writeFile(HOME + "/active_profile", "evil\n", keep);
    ApprovalsCheck check = new ApprovalsCheck(ConfigRules::mode);
    Verdict v = check.evaluate(check.gather(host, CTX), Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.reason().toString());
    assertEquals("reason.approvals.active-profile", v.reason().key());
    assertEquals("evil", v.reason().args().get(1));
    host.writeFile(HOME + "/active_profile", "default\n", keep);
    v = check.evaluate(check.gather(host, CTX), Params.NONE, CTX);
    assertEquals(Status.PASS, v.status(), "default is HERMES_HOME itself");
  }

  /** Tried in pass 23a and already read as PyYAML does (kept so it stays so). */
  @Test
  void tagsAndMergeKeysAreReadAsHermesReadsThem() {
    fails(ConfigRules::mode, "approvals:\n  mode: !!bool \"false\"\n", "", "!!bool False: off");
    fails(
        ConfigRules::mode,
        "base: &b\n  mode: off\napprovals:\n  <<: *b\n",
        "",
        "the merged mode is off");
  }

  /**
   * A link in HERMES_HOME is resolved on this host by the audit and inside the container by Hermes:
   * {@code config.yaml -> /srv/hermes/data/hardened.yaml} reads the hardened copy here and nothing
   * in the container (no such path there: Hermes runs on its defaults). The agent owns the
   * directory, so it can make and retarget such a link.
   */
  @Test
  void aLinkedConfigIsNoPass() throws Exception {
    dev.hermesharden.practice.SimulatedHost sim = dev.hermesharden.practice.SimulatedHost.fresh();
    dev.hermesharden.host.FileAttrs keep = dev.hermesharden.host.FileAttrs.KEEP;
    sim.writeFile(HOME + "/config.yaml", HARD_CONFIG, keep);
    sim.writeFile(HOME + "/.env", "HERMES_YOLO_MODE=false\n", keep); // the practice VPS's is on
    dev.hermesharden.host.Host linked =
        new dev.hermesharden.host.ForwardingHost(sim) {
          @Override
          public java.util.Optional<dev.hermesharden.host.FileStat> lstat(String path)
              throws dev.hermesharden.host.HostException {
            java.util.Optional<dev.hermesharden.host.FileStat> st = inner.lstat(path);
            if (!path.equals(HOME + "/config.yaml")) {
              return st;
            }
            dev.hermesharden.host.FileStat f = st.orElseThrow();
            return java.util.Optional.of(
                new dev.hermesharden.host.FileStat(
                    path, f.owner(), f.group(), 0777, 30, "symbolic link", 0));
          }

          @Override
          public java.util.List<java.util.Optional<dev.hermesharden.host.FileStat>> lstatAll(
              java.util.List<String> paths) throws dev.hermesharden.host.HostException {
            java.util.List<java.util.Optional<dev.hermesharden.host.FileStat>> out =
                new java.util.ArrayList<>();
            for (String p : paths) {
              out.add(lstat(p));
            }
            return out;
          }
        };
    ApprovalsCheck check = new ApprovalsCheck(ConfigRules::mode);
    Verdict v = check.evaluate(check.gather(linked, CTX), Params.NONE, CTX);
    assertEquals(Status.ERROR, v.status(), v.reason().toString());
    assertEquals("reason.approvals.file-link", v.reason().key());
    assertEquals(HOME + "/config.yaml", v.reason().args().get(0));
    v = check.evaluate(check.gather(sim, CTX), Params.NONE, CTX);
    assertEquals(Status.PASS, v.status(), "the file itself");
  }
}
