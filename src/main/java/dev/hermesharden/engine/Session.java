package dev.hermesharden.engine;

import dev.hermesharden.model.Answers;
import dev.hermesharden.model.Evidence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The saved state of one wizard run on one host: answers, every step's state in card order, the
 * evidence recorded, the commands run and every revert job armed on the host. Holds no file
 * contents and no command output, only paths, hashes and argv, so the state file never carries a
 * secret from the host.
 *
 * @param version the state format; {@link #CURRENT_VERSION} for files this build writes
 * @param practice whether the session runs against the practice VPS
 * @param settledOrphans revert jobs found on the host but not in this session (a lost state file)
 *     that were reported once as over (fired, disarmed, gone), so they are not reported again
 */
public record Session(
    int version,
    String id,
    String hostName,
    boolean practice,
    Answers answers,
    List<StepState> steps,
    List<Evidence> evidence,
    List<JournalEntry> log,
    Instant started,
    Instant updated,
    List<ArmedRevert> reverts,
    List<String> settledOrphans) {
  public static final int CURRENT_VERSION = 1;

  public Session {
    steps = List.copyOf(steps);
    evidence = List.copyOf(evidence);
    log = List.copyOf(log);
    // state files written before confirm-or-revert existed have no "reverts"
    reverts = reverts == null ? List.of() : List.copyOf(reverts);
    settledOrphans = settledOrphans == null ? List.of() : List.copyOf(settledOrphans);
  }

  /** A session with revert jobs but no settled orphans (as before they were remembered). */
  public Session(
      int version,
      String id,
      String hostName,
      boolean practice,
      Answers answers,
      List<StepState> steps,
      List<Evidence> evidence,
      List<JournalEntry> log,
      Instant started,
      Instant updated,
      List<ArmedRevert> reverts) {
    this(
        version, id, hostName, practice, answers, steps, evidence, log, started, updated, reverts,
        List.of());
  }

  /** A session without revert jobs (as before confirm-or-revert). */
  public Session(
      int version,
      String id,
      String hostName,
      boolean practice,
      Answers answers,
      List<StepState> steps,
      List<Evidence> evidence,
      List<JournalEntry> log,
      Instant started,
      Instant updated) {
    this(
        version, id, hostName, practice, answers, steps, evidence, log, started, updated,
        List.of());
  }

  /** The state of a step, if the session knows the step. */
  public Optional<StepState> state(String stepId) {
    return steps.stream().filter(s -> s.stepId().equals(stepId)).findFirst();
  }

  public int indexOf(String stepId) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).stepId().equals(stepId)) {
        return i;
      }
    }
    return -1;
  }

  public Session withSteps(List<StepState> s, Instant now) {
    return copy(answers, s, evidence, log, now, reverts, settledOrphans);
  }

  public Session withAnswers(Answers a, Instant now) {
    return copy(a, steps, evidence, log, now, reverts, settledOrphans);
  }

  public Session withEvidence(Evidence e, Instant now) {
    List<Evidence> all = new ArrayList<>(evidence);
    all.add(e);
    return copy(answers, steps, all, log, now, reverts, settledOrphans);
  }

  public Session withLog(List<JournalEntry> more, Instant now) {
    if (more.isEmpty()) {
      return this;
    }
    List<JournalEntry> all = new ArrayList<>(log);
    all.addAll(more);
    return copy(answers, steps, evidence, all, now, reverts, settledOrphans);
  }

  /** Notes an orphan job that was reported as over, so it is not reported again. */
  public Session withSettledOrphan(String revertId, Instant now) {
    List<String> all = new ArrayList<>(settledOrphans);
    all.add(revertId);
    return copy(answers, steps, evidence, log, now, reverts, all);
  }

  /** Adds or replaces (by id) a revert job. */
  public Session withRevert(ArmedRevert r, Instant now) {
    List<ArmedRevert> all =
        new ArrayList<>(reverts.stream().filter(x -> !x.id().equals(r.id())).toList());
    all.add(r);
    return copy(answers, steps, evidence, log, now, all, settledOrphans);
  }

  /** The same session (id, host, start) with these parts. */
  private Session copy(
      Answers a,
      List<StepState> s,
      List<Evidence> e,
      List<JournalEntry> l,
      Instant now,
      List<ArmedRevert> r,
      List<String> o) {
    return new Session(version, id, hostName, practice, a, s, e, l, started, now, r, o);
  }
}
