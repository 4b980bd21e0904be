package dev.hermesharden.engine;

import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The engine's rules around armed revert jobs, kept out of {@link WizardEngine}: which proof
 * disarms a job, what a failed apply does to it, and what resume reports.
 */
final class RevertWatch {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private RevertWatch() {}

  /** A job id that is also a valid systemd unit name part: time plus 6 random hex digits. */
  static String newId(Instant now) {
    byte[] b = new byte[3];
    RANDOM.nextBytes(b);
    return STAMP.format(now).toLowerCase() + "-" + HexFormat.of().formatHex(b);
  }

  /**
   * Only a fresh proof over the safe path disarms: a kind the fix required, for the admin, from the
   * same kind of host, taken after the change was applied (an older proof proves nothing about the
   * new configuration).
   */
  static boolean disarmedBy(ArmedRevert r, Evidence e, String admin, boolean simulated) {
    return r.state() == RevertState.ARMED
        && r.applied().isPresent()
        && (r.proof().contains(e.kind())
            // a private-path login is a key-only login too, over the way that stays open
            || (e.kind() == EvidenceKind.PRIVATE_PATH_LOGIN
                && r.proof().contains(EvidenceKind.KEY_LOGIN)))
        && e.user().equals(admin)
        && e.simulated() == simulated
        && e.at().isAfter(r.applied().get());
  }

  /**
   * The proof to ask for: the private path once one was proven (after step 4 the public path may be
   * closed, and it is the way that stays open), else the kind the fix required.
   */
  static EvidenceKind safePath(ArmedRevert r, java.util.List<Evidence> evidence) {
    boolean privateProven =
        evidence.stream().anyMatch(e -> e.kind() == EvidenceKind.PRIVATE_PATH_LOGIN);
    return privateProven || r.proof().contains(EvidenceKind.PRIVATE_PATH_LOGIN)
        ? EvidenceKind.PRIVATE_PATH_LOGIN
        : r.proof().get(0);
  }

  /** Disarms; on a host error the job stays ARMED (it will fire: the safe default). */
  static RevertState disarm(RevertArmer armer, ArmedRevert r) {
    try {
      return armer.disarm(r);
    } catch (HostException e) {
      return RevertState.ARMED;
    }
  }

  /**
   * A failed apply: when nothing stayed changed (stale plan, or a failed validation that already
   * restored the files — sshd was then never reloaded) the job is disarmed; otherwise (e.g. the
   * reload failed after the files were written) the revert runs at once instead of waiting.
   */
  static RevertState afterFailedApply(RevertArmer armer, ArmedRevert r, ApplyOutcome out) {
    if (out.rolledBack() || !out.change().touchedHost()) {
      return disarm(armer, r);
    }
    try {
      armer.fireNow(r);
      return RevertState.FIRED;
    } catch (HostException e) {
      return RevertState.ARMED; // the armed job still fires at its deadline
    }
  }

  /** Asks the host; a due simulated timer fires now. Unknown (host error) counts as ARMED. */
  static RevertState status(RevertArmer armer, Host host, ArmedRevert r, Instant now) {
    try {
      if (r.mechanism().equals(ArmedRevert.SIMULATED)) {
        if (armer.fired(r)) {
          return RevertState.FIRED;
        }
        if (!now.isBefore(r.deadline())) {
          armer.fireNow(r);
          return RevertState.FIRED;
        }
        return RevertState.ARMED;
      }
      return armer.status(r);
    } catch (HostException e) {
      return RevertState.ARMED;
    }
  }

  /** Every revert script on the host with what the host says about it (not in any session). */
  static List<RevertReport> orphans(RevertArmer armer) {
    List<RevertReport> out = new ArrayList<>();
    try {
      for (String id : armer.scripts()) {
        out.add(new RevertReport(id, "", "", armer.statusById(id), false));
      }
    } catch (HostException e) {
      // nothing to report when the directory cannot be read
    }
    return out;
  }

  /** The session after a new proof: every job it disarms, marked (FIRED when it had fired). */
  static Session disarmFor(
      Session s, Evidence e, RevertArmer armer, String admin, boolean simulated, Instant now) {
    for (ArmedRevert r : s.reverts()) {
      if (disarmedBy(r, e, admin, simulated)) {
        RevertState st = disarm(armer, r);
        s = s.withRevert(r.withState(st), now);
        if (st == RevertState.FIRED) {
          s = reverted(s, r.stepId(), now);
        }
      }
    }
    return s;
  }

  /** A session with the host's answer about every armed job, and the report of all jobs. */
  record Refreshed(Session session, List<RevertReport> reports) {}

  static Refreshed refresh(Session s, RevertArmer armer, Host host, Instant now) {
    List<RevertReport> out = new ArrayList<>();
    for (ArmedRevert r : s.reverts()) {
      RevertState st = r.state();
      if (st == RevertState.ARMED) {
        st = status(armer, host, r, now);
        if (st != RevertState.ARMED) {
          s = s.withRevert(r.withState(st), now);
        }
        if (st == RevertState.FIRED) {
          s = reverted(s, r.stepId(), now);
        }
      }
      out.add(new RevertReport(r.id(), r.stepId(), r.fixId(), st, true));
    }
    return new Refreshed(s, out);
  }

  /** Marks the step REVERTED; a step locked behind an earlier one keeps its state. */
  private static Session reverted(Session s, String stepId, Instant now) {
    try {
      return WizardFlow.reverted(s, stepId, now);
    } catch (IllegalTransitionException locked) {
      return s; // the revert itself is recorded in the session's jobs
    }
  }

  /** Fires one armed job at once; FIRED marks its step REVERTED. @throws for an unknown job */
  static Session fireNow(Session s, RevertArmer armer, String id, Instant now) {
    ArmedRevert r =
        s.reverts().stream()
            .filter(x -> x.id().equals(id) && x.state() == RevertState.ARMED)
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no armed revert " + id));
    RevertState st;
    try {
      armer.fireNow(r);
      st = RevertState.FIRED;
    } catch (HostException e) {
      st = RevertState.ARMED; // still fires at its deadline
    }
    s = s.withRevert(r.withState(st), now);
    return st == RevertState.FIRED ? reverted(s, r.stepId(), now) : s;
  }
}
