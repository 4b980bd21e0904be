package dev.hermesharden.system.docker;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which running containers are Hermes, judged by what they run and mount rather than by their name
 * alone: "hermes" in the image, the container's name or its command ({@code hermes gateway run}); a
 * mount at the container's {@code HERMES_HOME} ({@code Config.Env}, else the image's {@code
 * /opt/data}) or of a host directory named {@code .hermes}; or compose labels naming one of the
 * Hermes compose files.
 *
 * <p>Caveat: a container that runs Hermes under another name, mounts nothing and sets no {@code
 * HERMES_HOME} is not recognised; the admin names its compose file in the answers then.
 */
public final class HermesContainers {
  /** {@code HERMES_HOME} inside the official image. */
  public static final String IMAGE_HOME = "/opt/data";

  private HermesContainers() {}

  /** The Hermes containers among {@code all}; {@code composeFiles} are Hermes' own files. */
  public static List<ContainerState> of(
      Collection<ContainerState> all, Collection<String> composeFiles) {
    return all.stream()
        .filter(c -> isHermes(c) || c.composeFiles().stream().anyMatch(composeFiles::contains))
        .toList();
  }

  /** Whether the container itself says it is Hermes (name, image, command, data mount, env). */
  public static boolean isHermes(ContainerState c) {
    String names = (c.image() + " " + c.name()).toLowerCase(Locale.ROOT);
    if (names.contains("hermes")) {
      return true;
    }
    for (String word : c.command()) {
      String w = word.toLowerCase(Locale.ROOT);
      if (w.equals("hermes") || w.endsWith("/hermes") || w.startsWith("hermes-agent")) {
        return true;
      }
    }
    if (c.environment().containsKey("HERMES_HOME")) {
      return true;
    }
    return c.mountAt(IMAGE_HOME).isPresent()
        || c.mounts().stream()
            .anyMatch(m -> m.source().replaceFirst("/+$", "").endsWith("/.hermes"));
  }

  /** {@code HERMES_HOME} as the process in the container sees it. */
  public static String homeInside(ContainerState c) {
    String h = c.environment().getOrDefault("HERMES_HOME", "").strip();
    return h.isEmpty() ? IMAGE_HOME : h;
  }

  /** The host directory bind-mounted at the container's {@code HERMES_HOME}, if it is a bind. */
  public static Optional<String> homeSource(ContainerState c) {
    return c.mountAt(homeInside(c))
        .filter(m -> m.type().equals("bind") && m.source().startsWith("/"))
        .map(ContainerState.Mount::source);
  }
}
