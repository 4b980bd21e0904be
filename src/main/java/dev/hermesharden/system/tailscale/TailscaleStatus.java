package dev.hermesharden.system.tailscale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parts of {@code tailscale status --json} the wizard needs: {@code BackendState} ("Running",
 * "Stopped", "NeedsLogin", …), {@code Self.HostName} and {@code Self.TailscaleIPs}.
 *
 * <p>Read as a tree so that the many other (and changing) fields never break parsing.
 */
public record TailscaleStatus(String backendState, String hostName, List<String> ips) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public TailscaleStatus {
    ips = List.copyOf(ips);
  }

  public boolean running() {
    return backendState.equals("Running");
  }

  /** Empty when the text is not a JSON object. */
  public static Optional<TailscaleStatus> parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (root == null || !root.isObject()) {
      return Optional.empty();
    }
    JsonNode self = root.path("Self");
    List<String> ips = new ArrayList<>();
    self.path("TailscaleIPs").forEach(n -> ips.add(n.asText()));
    return Optional.of(
        new TailscaleStatus(
            root.path("BackendState").asText(""), self.path("HostName").asText(""), ips));
  }

  /** {@code tailscale ip -4}: one address per line. */
  public static List<String> parseIpLines(String output) {
    return output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }
}
