package dev.hermesharden.engine;

/**
 * What resume found for one revert job.
 *
 * @param knownToSession false for a script found on the host that the (lost or corrupt) state file
 *     no longer lists
 */
public record RevertReport(
    String id, String stepId, String fixId, RevertState state, boolean knownToSession) {}
