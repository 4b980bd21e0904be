package dev.hermesharden.checks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a check's pure evaluation concluded.
 *
 * @param details evidence for the verdict as short key/value facts (e.g. "source" to
 *     "/etc/ssh/sshd_config.d/50-cloud-init.conf:1"); never secrets
 */
public record Verdict(Status status, Reason reason, Map<String, String> details) {
  public Verdict {
    details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  public static Verdict pass(String key, Object... args) {
    return new Verdict(Status.PASS, Reason.of(key, args), Map.of());
  }

  public static Verdict fail(String key, Object... args) {
    return new Verdict(Status.FAIL, Reason.of(key, args), Map.of());
  }

  public static Verdict notApplicable(String key, Object... args) {
    return new Verdict(Status.NOT_APPLICABLE, Reason.of(key, args), Map.of());
  }

  public static Verdict error(String key, Object... args) {
    return new Verdict(Status.ERROR, Reason.of(key, args), Map.of());
  }

  public Verdict with(String detailKey, String value) {
    Map<String, String> copy = new LinkedHashMap<>(details);
    copy.put(detailKey, value);
    return new Verdict(status, reason, copy);
  }
}
