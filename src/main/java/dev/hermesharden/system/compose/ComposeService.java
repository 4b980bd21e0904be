package dev.hermesharden.system.compose;

import dev.hermesharden.system.docker.Confinement;
import java.util.List;
import java.util.Map;

/**
 * What a compose service says about its exposure and privileges.
 *
 * @param networkMode {@code network_mode} as written, empty when absent
 * @param environment {@code environment} in list or map form; a bare {@code KEY} maps to ""
 * @param envFiles {@code env_file} paths as written (may be relative or interpolated)
 * @param command {@code command} as a list of words (a string form is split on spaces)
 * @param line 1-based line of the service's name
 * @param containerName {@code container_name}, empty when compose names it
 * @param hardening its {@code security_opt}, {@code cap_drop}, limits and logging
 * @param extendsFrom what {@code extends:} names ({@code SERVICE} or {@code FILE SERVICE}), empty
 *     when absent: compose merges that service's ports, {@code network_mode} and the rest in, and
 *     this record does not ({@link ComposeFile}'s caveat)
 */
public record ComposeService(
    String name,
    int line,
    String image,
    String containerName,
    List<PortPublish> ports,
    String networkMode,
    boolean privileged,
    List<VolumeMount> volumes,
    Map<String, String> environment,
    List<String> envFiles,
    List<String> command,
    Confinement hardening,
    String extendsFrom) {

  public ComposeService {
    ports = List.copyOf(ports);
    volumes = List.copyOf(volumes);
    environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    envFiles = List.copyOf(envFiles);
    command = List.copyOf(command);
  }

  /**
   * Whether this looks like a Hermes service: "hermes" in its image, container or service name, or
   * a volume at the image's data directory {@code /opt/data}.
   */
  public boolean looksLikeHermes() {
    String names = (image + " " + containerName + " " + name).toLowerCase(java.util.Locale.ROOT);
    return names.contains("hermes")
        || volumes.stream()
            .anyMatch(v -> v.target().equals("/opt/data") || v.target().equals("/opt/data/"));
  }

  public boolean hostNetwork() {
    return networkMode.equals("host");
  }
}
