package dev.hermesharden.model;

import java.time.Instant;
import java.util.Map;

/**
 * A recorded fact that a login worked: who, with which key, to which server address, when.
 *
 * @param restsOn files the proof depends on, path to sha256 of their content when proven (e.g. the
 *     admin's {@code authorized_keys}); a changed file makes the evidence stale
 * @param simulated true when performed against the practice VPS
 */
public record Evidence(
    EvidenceKind kind,
    String user,
    String keyFingerprint,
    String serverAddress,
    String clientAddress,
    Instant at,
    Map<String, String> restsOn,
    boolean simulated) {
  public Evidence {
    restsOn = Map.copyOf(restsOn);
  }
}
