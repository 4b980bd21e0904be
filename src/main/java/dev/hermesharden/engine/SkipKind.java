package dev.hermesharden.engine;

/** Why the admin skips a step; stable names, saved in the state file. */
public enum SkipKind {
  /** The step does not apply to this server (e.g. no Docker). */
  NOT_APPLICABLE,
  /** The same protection is in place by other means (e.g. a cloud firewall). */
  DONE_ELSEWHERE,
  /** The admin knowingly accepts the risk. */
  ACCEPTED_RISK,
  /** The admin will come back to it. */
  LATER
}
