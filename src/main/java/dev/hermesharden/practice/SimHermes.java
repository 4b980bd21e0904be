package dev.hermesharden.practice;

import dev.hermesharden.host.ExecResult;
import java.util.List;
import java.util.Optional;

/**
 * Hermes' data directory on the practice VPS: the host side of the container's {@code /opt/data}
 * volume, {@code /opt/hermes/data}, as a fresh install leaves it (root-owned, world-readable {@code
 * .env}, approvals off, API server on all interfaces with a placeholder key). The compose file
 * beside it belongs to the docker step's component. Hermes itself answers no commands here.
 */
final class SimHermes implements SimComponent {
  static final String HOME = "/opt/hermes/data";

  static final String CONFIG =
      """
      # Hermes Agent configuration
      # Written by `hermes setup`. Edit by hand or with `hermes config set KEY VALUE`.
      _config_version: 50

      model:
        default: "anthropic/claude-opus-4.6"
        provider: "auto"
        base_url: "https://openrouter.ai/api/v1"

      # =============================================================================
      # Approvals: what the agent may run without asking
      # =============================================================================
      approvals:
        mode: off            # smart | manual | off
        cron_mode: approve   # deny | approve
        # single_query_mode: deny

      command_allowlist: []

      terminal:
        backend: "local"
        cwd: "."  # For local backend: "." = current directory.
        timeout: 180
        home_mode: "auto"
        lifetime_seconds: 300
        # sudo_password: "hunter2"  # SECURITY WARNING: plaintext.
        docker_forward_env:
          - "GITHUB_TOKEN"
        # --- Container resource limits (ignored for local/ssh) ---
        container_cpu: 8              # CPU cores
        container_memory: 0           # Memory in MB (0 = no limit)
        container_persistent: true    # Persist filesystem across sessions

      # =============================================================================
      # Security
      # =============================================================================
      security:
        redact_secrets: false
        allow_private_urls: true   # needed for my home assistant
        website_blocklist:
          enabled: false
          domains: []
        # tirith_fail_open: true

      browser:
        inactivity_timeout: 120

      memory:
        memory_enabled: true
        memory_char_limit: 2200   # ~800 tokens

      updates:
        check: true
        pre_update_backup: false
        backup_keep: 5
      """;

  static final String ENV =
      """
      # Hermes Agent Environment Configuration
      # Copy this file to .env and fill in your API keys

      # =============================================================================
      # LLM PROVIDER (OpenRouter)
      # =============================================================================
      OPENROUTER_API_KEY=sk-or-v1-0f3c9a7e21d84b5c96e0a1b2c3d4e5f60718293a4b5c6d7e8f9012345abcdef

      # =============================================================================
      # TELEGRAM INTEGRATION
      # =============================================================================
      TELEGRAM_BOT_TOKEN=7312345678:AAH3k9xQvLzT0pW2mN8rYbC5dE6fG7hJ1kL
      # Who may talk to the bot: list user IDs, or allow everyone (not recommended)
      # TELEGRAM_ALLOWED_USERS=                  # Comma-separated user IDs
      # TELEGRAM_HOME_CHANNEL=                   # Default chat for cron delivery
      TELEGRAM_ALLOW_ALL_USERS=true

      # =============================================================================
      # API SERVER (OpenAI-compatible endpoint on port 8642)
      # =============================================================================
      API_SERVER_ENABLED=true
      API_SERVER_KEY=changeme
      API_SERVER_HOST=0.0.0.0
      API_SERVER_CORS_ORIGINS=*

      # =============================================================================
      # AGENT
      # =============================================================================
      HERMES_DASHBOARD=1
      HERMES_YOLO_MODE=true
      """;

  static final String AUTH =
      """
      {
        "version": 1,
        "providers": {
          "nous": {"access_token": "nous-fake-access-token-4f9a1c", "expires_at": "2026-12-01T00:00:00Z"}
        }
      }
      """;

  @Override
  public void seed(SimFs fs) {
    fs.mkdirs("/opt/hermes");
    fs.put(HOME, SimFile.dir("root", "root", 0755));
    fs.put(HOME + "/config.yaml", SimFile.file(CONFIG, "root", "root", 0644));
    fs.put(HOME + "/.env", SimFile.file(ENV, "root", "root", 0644));
    fs.put(HOME + "/auth.json", SimFile.file(AUTH, "root", "root", 0644));
    for (String d : List.of("sessions", "logs", "memories")) {
      fs.put(HOME + "/" + d, SimFile.dir("root", "root", 0755));
    }
    // a hole for step 7 (hermes-dir): nothing under HERMES_HOME may be world-writable
    fs.put(HOME + "/cache", SimFile.dir("root", "root", 0777));
  }

  @Override
  public Optional<ExecResult> handle(List<String> argv, SimFs fs) {
    return Optional.empty();
  }
}
