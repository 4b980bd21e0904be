package dev.hermesharden.system.docker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a container is confined: {@code security_opt}, {@code cap_drop}, CPU and memory limits and
 * its logging driver and options — as a compose service writes them (read by the compose package)
 * and as Docker put them in force for a running container ({@code HostConfig}, {@link
 * DockerInspectParser}), so one rule judges both.
 *
 * @param cpus a decimal number of CPUs, "" for no limit
 * @param memory as written ({@code 4g}) or in bytes, "" for no limit
 */
public record Confinement(
    List<String> securityOpt,
    List<String> capDrop,
    String cpus,
    String memory,
    String logDriver,
    Map<String, String> logOptions) {
  public static final Confinement NONE =
      new Confinement(List.of(), List.of(), "", "", "", Map.of());

  public Confinement {
    securityOpt = List.copyOf(securityOpt);
    capDrop = List.copyOf(capDrop);
    logOptions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(logOptions));
  }
}
