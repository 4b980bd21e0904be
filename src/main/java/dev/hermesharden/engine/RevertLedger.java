package dev.hermesharden.engine;

import dev.hermesharden.fixes.Plan;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The session's book of revert jobs and the rules around them: arming before a guarded change,
 * which proof disarms a job, what a failed apply does to it, what the host says about each job now,
 * and what resume reports. Every change is saved at once. Callers hold the engine's lock.
 */
final class RevertLedger {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final RevertArmer armer;
  private final SessionStore store;
  private final Clock clock;
  private final boolean practice;
  private final Runnable hostChanged;

  /**
   * @param practice whether the host is the practice VPS (only its proofs disarm its jobs)
   * @param hostChanged called after the ledger changed files on the host (arming, disarming,
   *     firing)
   */
  RevertLedger(
      RevertArmer armer, SessionStore store, Clock clock, boolean practice, Runnable hostChanged) {
    this.armer = armer;
    this.store = store;
    this.clock = clock;
    this.practice = practice;
    this.hostChanged = hostChanged;
  }

  /** A job id that is also a valid systemd unit name part: time plus 6 random hex digits. */
  static String newId(Instant now) {
    byte[] b = new byte[3];
    RANDOM.nextBytes(b);
    return STAMP.format(now).toLowerCase() + "-" + HexFormat.of().formatHex(b);
  }

  /** Arms a job for the plan on the host and saves it in the session before anything changes. */
  ArmedRevert arm(String stepId, Plan plan, List<EvidenceKind> proof, Duration window)
      throws HostException, RevertException {
    ArmedRevert armed;
    try {
      armed = armer.arm(newId(now()), stepId, plan, proof, window, new ArrayList<>());
    } finally {
      hostChanged.run();
    }
    store.update(s -> s.withRevert(armed, now()));
    return armed;
  }

  /**
   * The plan ran: the job now waits for a proof newer than this moment. A failed plan that left
   * nothing changed (stale plan, or a failed validation that already restored the files — sshd was
   * then never reloaded) disarms the job; one that left something changed (e.g. the reload failed
   * after the files were written) runs the revert at once instead of waiting.
   */
  ArmedRevert applied(ArmedRevert armed, ApplyOutcome out) {
    ArmedRevert a = armed.appliedAt(now());
    RevertState st = RevertState.ARMED;
    if (!out.ok()) {
      st = out.rolledBack() || !out.change().touchedHost() ? disarm(a) : fire(a);
    }
    ArmedRevert done = a.withState(st);
    store.update(s -> markReverted(s.withRevert(done, now()), done));
    return done;
  }

  /**
   * Only a fresh proof over the safe path disarms: a kind the fix required, for the admin, from the
   * same kind of host, judged after the change was applied (an older proof proves nothing about the
   * new configuration).
   */
  boolean disarmedBy(ArmedRevert r, Evidence e, String admin) {
    return r.state() == RevertState.ARMED
        && r.applied().isPresent()
        && (r.proof().contains(e.kind())
            // a private-path login is a key-only login too, over the way that stays open
            || (e.kind() == EvidenceKind.PRIVATE_PATH_LOGIN
                && r.proof().contains(EvidenceKind.KEY_LOGIN)))
        && e.user().equals(admin)
        && e.simulated() == practice
        // judged once the change was in (a proof made before it proves nothing about it)
        && !e.at().isBefore(r.applied().get());
  }

  /** After a new proof: every job it disarms, marked (FIRED when it had fired meanwhile). */
  void disarmFor(Evidence e, String admin) {
    for (ArmedRevert r : store.get().reverts()) {
      if (disarmedBy(r, e, admin)) {
        ArmedRevert done = r.withState(disarm(r));
        store.update(s -> markReverted(s.withRevert(done, now()), done));
      }
    }
  }

  /**
   * The proof to ask for: the private path once one was proven (after step 4 the public path may be
   * closed, and it is the way that stays open), else the kind the fix required.
   */
  EvidenceKind safePath(ArmedRevert r) {
    boolean privateProven =
        store.get().evidence().stream().anyMatch(e -> e.kind() == EvidenceKind.PRIVATE_PATH_LOGIN);
    return privateProven || r.proof().contains(EvidenceKind.PRIVATE_PATH_LOGIN)
        ? EvidenceKind.PRIVATE_PATH_LOGIN
        : r.proof().get(0);
  }

  Optional<ArmedRevert> byId(String id) {
    return store.get().reverts().stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** The jobs still armed on the host. */
  List<ArmedRevert> pending() {
    return store.get().reverts().stream().filter(r -> r.state() == RevertState.ARMED).toList();
  }

  /**
   * Asks the host about every job that was still armed; a fired one marks its step REVERTED. Saved.
   * Jobs that were over before are not reported again.
   */
  List<RevertReport> refresh() {
    List<RevertReport> out = new ArrayList<>();
    Session s = store.get();
    for (ArmedRevert r : s.reverts()) {
      if (r.state() != RevertState.ARMED) {
        continue;
      }
      RevertState st = status(r);
      if (st != RevertState.ARMED) {
        ArmedRevert done = r.withState(st);
        s = markReverted(s.withRevert(done, now()), done);
      }
      out.add(new RevertReport(r.id(), r.stepId(), r.fixId(), st, true));
    }
    store.save(s);
    return out;
  }

  /** Fires an armed job at once; FIRED marks its step REVERTED. @throws for an unknown job */
  RevertState fireNow(String id) {
    ArmedRevert r =
        byId(id)
            .filter(x -> x.state() == RevertState.ARMED)
            .orElseThrow(() -> new IllegalArgumentException("no armed revert " + id));
    ArmedRevert done = r.withState(fire(r));
    store.update(s -> markReverted(s.withRevert(done, now()), done));
    return done.state();
  }

  /**
   * Every revert script on the host that the session does not know (a lost state file), with what
   * the host says about it. One that is over is reported once, then noted as settled.
   */
  List<RevertReport> orphans() {
    List<RevertReport> out = new ArrayList<>();
    Session s = store.get();
    try {
      for (String id : armer.scripts()) {
        boolean known = s.reverts().stream().anyMatch(r -> r.id().equals(id));
        if (known || s.settledOrphans().contains(id)) {
          continue;
        }
        RevertState st = armer.statusById(id);
        out.add(new RevertReport(id, "", "", st, false));
        if (st != RevertState.ARMED) {
          s = s.withSettledOrphan(id, now());
        }
      }
    } catch (HostException e) {
      // nothing to report when the directory cannot be read
    }
    if (s != store.get()) {
      store.save(s);
    }
    return out;
  }

  /** Disarms; on a host error the job stays ARMED (it will fire: the safe default). */
  private RevertState disarm(ArmedRevert r) {
    try {
      return armer.disarm(r);
    } catch (HostException e) {
      return RevertState.ARMED;
    } finally {
      hostChanged.run();
    }
  }

  /** Runs the revert now; on a host error the job stays ARMED (it still fires at its deadline). */
  private RevertState fire(ArmedRevert r) {
    try {
      armer.fireNow(r);
      return RevertState.FIRED;
    } catch (HostException e) {
      return RevertState.ARMED;
    } finally {
      hostChanged.run();
    }
  }

  /** Asks the host (a due practice job fires here); unknown (a host error) counts as ARMED. */
  private RevertState status(ArmedRevert r) {
    try {
      RevertState st = armer.status(r, now());
      if (st == RevertState.FIRED) {
        hostChanged.run();
      }
      return st;
    } catch (HostException e) {
      return RevertState.ARMED;
    }
  }

  /** A fired job marks its step REVERTED; a step locked behind an earlier one keeps its state. */
  private static Session markReverted(Session s, ArmedRevert r) {
    if (r.state() != RevertState.FIRED) {
      return s;
    }
    try {
      return WizardFlow.reverted(s, r.stepId(), s.updated());
    } catch (IllegalTransitionException locked) {
      return s; // the revert itself is recorded in the session's jobs
    }
  }

  private Instant now() {
    return clock.instant();
  }
}
