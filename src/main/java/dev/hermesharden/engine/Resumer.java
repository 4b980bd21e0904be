package dev.hermesharden.engine;

import dev.hermesharden.checks.Reason;
import dev.hermesharden.model.Answers;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Starts a session or resumes the saved one, trusting nothing it saved: revert jobs are asked about
 * on the host (a fired one marks its step REVERTED), then the live checks of every step that had
 * been reached run again in order until one does not pass. A session of another host, or of the
 * other kind of host (practice or real), is set aside, never resumed. Callers hold the engine's
 * lock.
 */
final class Resumer {
  private final SessionStore store;
  private final Steps steps;
  private final StepChecker checker;
  private final RevertLedger ledger;
  private final String hostName;
  private final boolean practice;
  private final Clock clock;

  Resumer(
      SessionStore store,
      Steps steps,
      StepChecker checker,
      RevertLedger ledger,
      String hostName,
      boolean practice,
      Clock clock) {
    this.store = store;
    this.steps = steps;
    this.checker = checker;
    this.ledger = ledger;
    this.hostName = hostName;
    this.practice = practice;
    this.clock = clock;
  }

  ResumeReport startOrResume(Answers answers) {
    Journal journal = store.journal();
    JournalLoad loaded = journal.load();
    Optional<Reason> problem = Optional.empty();
    if (loaded instanceof JournalLoad.Corrupt c) {
      problem = Optional.of(c.reason());
    } else if (loaded instanceof JournalLoad.Loaded l) {
      Session saved = l.session();
      if (saved.hostName().equals(hostName) && saved.practice() == practice) {
        store.save(
            SessionReconciler.reconcile(
                saved, steps.all(), merge(saved.answers(), answers), clock.instant()));
        return resume();
      }
      String aside = journal.setAside("other-host").map(String::valueOf).orElse("");
      problem = Optional.of(Reason.of("engine.resume.other-host", saved.hostName(), aside));
    }
    String id = UUID.randomUUID().toString();
    store.saveResult(
        WizardFlow.start(steps.all(), answers, id, hostName, practice, clock.instant()));
    // A lost or corrupt state file forgets its revert jobs; the host still has them.
    return new ResumeReport(false, problem, List.of(), List.of(), ledger.orphans());
  }

  private ResumeReport resume() {
    List<RevertReport> reverts = new ArrayList<>(ledger.refresh());
    reverts.addAll(ledger.orphans());
    Set<String> lockedBefore = lockedIds();
    List<ResumeReport.Recheck> rechecked = new ArrayList<>();
    checker.chain(0, steps, rechecked);
    List<String> relocked = new ArrayList<>(lockedIds());
    relocked.removeAll(lockedBefore);
    return new ResumeReport(true, Optional.empty(), rechecked, relocked, reverts);
  }

  private Set<String> lockedIds() {
    Set<String> ids = new HashSet<>();
    store.get().steps().stream()
        .filter(s -> s.status() == StepStatus.LOCKED)
        .forEach(s -> ids.add(s.stepId()));
    return ids;
  }

  private static Answers merge(Answers saved, Answers now) {
    TreeMap<String, String> all = new TreeMap<>(saved.values());
    all.putAll(now.values());
    return new Answers(all);
  }
}
