package dev.hermesharden.checks;

import java.util.Map;

/** A verdict tied to the stable id of the check that produced it. */
public record CheckResult(String checkId, Status status, Reason reason, Map<String, String> details) {
  public CheckResult {
    details = Map.copyOf(details);
  }

  public static CheckResult of(String checkId, Verdict v) {
    return new CheckResult(checkId, v.status(), v.reason(), v.details());
  }
}
