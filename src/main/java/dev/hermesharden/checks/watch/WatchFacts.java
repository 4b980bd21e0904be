package dev.hermesharden.checks.watch;

import dev.hermesharden.checks.hermesdir.HermesDir;
import dev.hermesharden.host.GroupEntry;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PasswdEntry;
import dev.hermesharden.model.Sha256;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.hermes.HermesConfig;
import dev.hermesharden.system.hermes.HermesFiles;
import dev.hermesharden.system.net.SsListeners;
import dev.hermesharden.system.sshkeys.AuthorizedKey;
import dev.hermesharden.system.sshkeys.AuthorizedKeysFiles;
import dev.hermesharden.system.sshkeys.AuthorizedKeysParser;
import dev.hermesharden.system.ufw.FirewallFacts;
import dev.hermesharden.system.ufw.UfwRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gathers the monitoring list of the guide as a {@link WatchBaseline} (read only): members of
 * {@code sudo} and {@code docker}, every account's authorized key fingerprints, listening sockets,
 * ufw rules, and the sha256 of Hermes's {@code .env}, {@code config.yaml} and {@code
 * cron/jobs.json}, of its {@code command_allowlist} and of each {@code mcp_servers} entry, and the
 * names in {@code skills/}.
 *
 * <p>Every file is read through the {@link Host} (docs/threat-model.md): a file the service account
 * controls is read with its rights, a link, FIFO or file over 16 MiB is recorded as {@code
 * unreadable:KIND}, never followed or waited on.
 */
public final class WatchFacts {
  /** At most this many skill names are recorded; more is itself recorded as a count. */
  static final int MAX_SKILLS = 200;

  /** Entries of authorized keys: {@code key USER FINGERPRINT}. */
  public static final String KEY_PREFIX = "key ";

  private WatchFacts() {}

  public static WatchBaseline gather(Host host, StepContext ctx) throws HostException {
    WatchBaseline.Builder b = new WatchBaseline.Builder();
    for (String group : List.of("sudo", "docker")) {
      for (String member : members(host, group)) {
        b.put("group " + group + " " + member, "member");
      }
    }
    keys(host, b);
    for (SsListeners.Listener l : SsListeners.parse(SsListeners.ask(host).stdout())) {
      b.put("listen " + l.label(), l.process().isEmpty() ? "?" : l.process());
    }
    Optional<dev.hermesharden.system.ufw.UfwStatus> ufw = FirewallFacts.status(host, "verbose");
    if (ufw.isPresent()) {
      b.put("ufw active", String.valueOf(ufw.get().active()));
      for (UfwRule r : ufw.get().rules()) {
        b.put("ufw rule " + r.label(), "present");
      }
    }
    Optional<String> home = HermesDir.locate(host, ctx);
    if (home.isPresent()) {
      hermes(host, home.get(), b);
    }
    return b.build();
  }

  static List<String> members(Host host, String group) throws HostException {
    return GroupEntry.lookup(host, group).map(GroupEntry::members).orElse(List.of());
  }

  private static void keys(Host host, WatchBaseline.Builder b) throws HostException {
    Map<String, PasswdEntry> files = new LinkedHashMap<>(); // each file, for its first account
    for (PasswdEntry p : PasswdEntry.listed(host)) {
      for (String file :
          AuthorizedKeysFiles.resolve(AuthorizedKeysFiles.DEFAULT, p.name(), p.uid(), p.home())) {
        files.putIfAbsent(file, p);
      }
    }
    CronWritableCheck.readAhead(host, List.copyOf(files.keySet()));
    for (Map.Entry<String, PasswdEntry> e : files.entrySet()) {
      String file = e.getKey();
      PasswdEntry p = e.getValue();
      if (host.lstat(file).isEmpty()) {
        continue; // no such file: no keys (asked in one batch above)
      }
      Optional<String> text = read(host, file, b, "keys " + p.name() + " " + file);
      for (AuthorizedKey k : AuthorizedKeysParser.parse(host, file, text.orElse("")).keys()) {
        b.put(KEY_PREFIX + p.name() + " " + k.key().fingerprint(), k.declaredType());
      }
    }
  }

  private static void hermes(Host host, String home, WatchBaseline.Builder b) throws HostException {
    for (String name : List.of(".env", "config.yaml", "cron/jobs.json")) {
      read(host, home + "/" + name, b, "hermes file " + name)
          .ifPresent(t -> b.put("hermes file " + name, "sha256:" + Sha256.hex(t)));
    }
    Optional<String> configText = read(host, home + "/config.yaml", b, "hermes config.yaml");
    if (configText.isPresent()) {
      try {
        String path = HermesFiles.config(home);
        // the run's one parse of config.yaml (the approvals and secrets checks share it)
        HermesConfig c = HermesConfig.of(host, path, configText.get());
        // Only a hash of the allowlist: an entry could carry a token (docs/decisions-approvals.md).
        b.put(
            "hermes command_allowlist",
            c.commandAllowlist().size()
                + " entries sha256:"
                + Sha256.hex(String.join("\n", c.commandAllowlist())));
        if (c.get("mcp_servers").orElse(null) instanceof Map<?, ?> servers) {
          servers.forEach(
              (k, v) -> b.put("hermes mcp " + k, "sha256:" + Sha256.hex(String.valueOf(v))));
        }
      } catch (RuntimeException e) {
        b.put("hermes config.yaml parse", "unreadable:yaml");
      }
    }
    try {
      List<String> skills = host.listDirectory(home + "/skills");
      skills.stream()
          .sorted()
          .limit(MAX_SKILLS)
          .forEach(s -> b.put("hermes skill " + s, "present"));
      if (skills.size() > MAX_SKILLS) {
        b.put("hermes skills count", String.valueOf(skills.size()));
      }
    } catch (HostException e) {
      if (e.kind() != HostException.Kind.NOT_FOUND) {
        b.put("hermes skills", "unreadable:" + e.kind());
      }
    }
  }

  /** The file's text, empty when missing; a refusal (link, FIFO, too large) becomes an entry. */
  private static Optional<String> read(Host host, String path, WatchBaseline.Builder b, String key)
      throws HostException {
    try {
      return host.readFile(path);
    } catch (HostException e) {
      if (e.kind() == HostException.Kind.UNSAFE || e.kind() == HostException.Kind.TOO_LARGE) {
        b.put(key, "unreadable:" + e.kind());
        return Optional.empty();
      }
      throw e;
    }
  }
}
