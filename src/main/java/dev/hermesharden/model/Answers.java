package dev.hermesharden.model;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The admin's choices so far (user names, the private path, pasted key, Hermes settings). Keys are
 * stable: they are saved in the state file and exported as answers files.
 */
public record Answers(Map<String, String> values) {
  public static final String ADMIN_USER = "admin.user";
  public static final String SERVICE_USER = "service.user";
  /** {@code tailscale} (default) or {@code cidr}. */
  public static final String PRIVATE_PATH_KIND = "private-path.kind";
  /** The private network, e.g. {@code 100.64.0.0/10} or {@code 10.8.0.0/24}. */
  public static final String PRIVATE_PATH_CIDR = "private-path.cidr";
  /** A public key line the admin pasted, to append to {@code authorized_keys}. */
  public static final String PUBLIC_KEY = "ssh-keys.public-key";
  /** Override for where Hermes keeps its data. */
  public static final String HERMES_HOME = "hermes.home";
  /** Compose files, separated by {@code :}. Found automatically when absent. */
  public static final String COMPOSE_FILES = "docker.compose-files";

  public static final Answers EMPTY = new Answers(Map.of());

  public Answers {
    values = Map.copyOf(values);
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
  }

  public String adminUser() {
    return get(ADMIN_USER).orElse("admin");
  }

  public String serviceUser() {
    return get(SERVICE_USER).orElse("hermes");
  }

  public Answers with(String key, String value) {
    TreeMap<String, String> copy = new TreeMap<>(values);
    copy.put(key, value);
    return new Answers(copy);
  }
}
