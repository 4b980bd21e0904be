package dev.hermesharden.engine;

import dev.hermesharden.checks.Reason;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.Freshness;
import dev.hermesharden.model.Sha256;
import dev.hermesharden.steps.FixRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a fix's required evidence is fresh right now. Every kind in {@link
 * FixRef#requires()} needs a proof that is (1) for the admin user ({@code answers.adminUser()}),
 * (2) from the same kind of host (a practice proof never counts on a real server), (3) younger than
 * the max age and (4) resting on files whose current sha256, read live through the host, still
 * matches. Caveat: a fix that is destructive but requires nothing is allowed; the step file is what
 * must name the proof.
 */
public final class Guard {
  private final Duration maxAge;

  public Guard() {
    this(Freshness.DEFAULT_MAX_AGE);
  }

  public Guard(Duration maxAge) {
    this.maxAge = maxAge;
  }

  /**
   * @param practice whether the host is the practice VPS: only proofs of the same kind of host
   *     count
   */
  public GuardDecision decide(
      FixRef fix,
      List<Evidence> evidence,
      String adminUser,
      boolean practice,
      Host host,
      Instant now) {
    List<Missing> missing = new ArrayList<>();
    for (EvidenceKind kind : fix.requires()) {
      why(kind, evidence, adminUser, practice, host, now)
          .ifPresent(why -> missing.add(new Missing(kind, why, how(kind, adminUser))));
    }
    return missing.isEmpty() ? new GuardDecision.Allowed() : new GuardDecision.Refused(missing);
  }

  /** Empty when a fresh proof of this kind exists, else why not (for the newest candidate). */
  private Optional<Reason> why(
      EvidenceKind kind,
      List<Evidence> evidence,
      String adminUser,
      boolean practice,
      Host host,
      Instant now) {
    List<Evidence> ofKind =
        evidence.stream()
            .filter(e -> e.kind() == kind)
            .sorted(Comparator.comparing(Evidence::at).reversed())
            .toList();
    if (ofKind.isEmpty()) {
      return Optional.of(Reason.of("guard.missing.absent", kind.id(), adminUser));
    }
    List<Evidence> forAdmin = ofKind.stream().filter(e -> adminUser.equals(e.user())).toList();
    if (forAdmin.isEmpty()) {
      return Optional.of(Reason.of("guard.missing.wrong-user", ofKind.get(0).user(), adminUser));
    }
    List<Evidence> sameHostKind = forAdmin.stream().filter(e -> e.simulated() == practice).toList();
    if (sameHostKind.isEmpty()) {
      return Optional.of(Reason.of("guard.missing.simulated", kind.id()));
    }
    Reason newestProblem = null;
    for (Evidence e : sameHostKind) {
      Map<String, String> hashes = new HashMap<>();
      Map<String, String> unreadable = new HashMap<>();
      for (String path : e.restsOn().keySet()) {
        try {
          host.readFile(path).ifPresent(text -> hashes.put(path, Sha256.hex(text)));
        } catch (HostException ex) {
          // Cannot read what the proof rests on: then it proves nothing.
          unreadable.put(path, String.valueOf(ex.getMessage()));
        }
      }
      Optional<Freshness.Staleness> stale = Freshness.check(e, hashes, now, maxAge);
      if (stale.isEmpty()) {
        return Optional.empty();
      }
      if (newestProblem == null) {
        Freshness.Staleness st = stale.get();
        newestProblem =
            st.key().equals("evidence.stale.file") && unreadable.containsKey(st.arg())
                ? Reason.of("guard.missing.unreadable", st.arg(), unreadable.get(st.arg()))
                : Reason.of(st.key(), st.arg());
      }
    }
    return Optional.of(newestProblem);
  }

  private static Reason how(EvidenceKind kind, String adminUser) {
    return Reason.of("guard.how." + kind.id(), adminUser);
  }
}
