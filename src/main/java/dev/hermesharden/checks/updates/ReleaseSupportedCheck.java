package dev.hermesharden.checks.updates;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Reason;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.apt.DistroInfo;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * Kind {@code release-supported}: the host's release still gets security updates, judged by the
 * distribution's own data ({@link DistroInfo}) against today. Stays particular: which dates count
 * (Debian LTS yes, ELTS and Ubuntu ESM no) is the judgement.
 *
 * <p>When it cannot tell — not Debian or Ubuntu, no {@code distro-info-data}, a codename the data
 * does not list (newer than the data, or testing) — the result is {@link Status#SKIPPED} with the
 * reason: never a pass it cannot back, and not a failure of the host either.
 */
public final class ReleaseSupportedCheck implements Check<ReleaseSupportedCheck.Facts> {
  public static final String KIND = "release-supported";

  /** The host's release and the text of its distribution's data file (empty when absent). */
  public record Facts(OsIdentity os, String dataPath, Optional<String> data) {}

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    OsIdentity os = OsIdentity.read(host);
    if (!os.known()) {
      return new Facts(os, "", Optional.empty());
    }
    String path = DistroInfo.path(os.id());
    return new Facts(os, path, host.readFile(path));
  }

  @Override
  public Verdict evaluate(Facts facts, Params params, StepContext ctx) {
    OsIdentity os = facts.os();
    if (!os.known()) {
      return skipped("reason.updates.release-unknown-distro", os.id().isEmpty() ? "?" : os.id());
    }
    if (facts.data().isEmpty()) {
      return skipped("reason.updates.release-no-data", facts.dataPath());
    }
    Optional<DistroInfo.Release> r =
        os.codename().isEmpty()
            ? Optional.empty()
            : DistroInfo.parse(facts.data().get()).series(os.codename());
    if (r.isEmpty()) {
      return skipped(
          "reason.updates.release-not-listed",
          os.codename().isEmpty() ? os.pretty() : os.codename(),
          facts.dataPath());
    }
    LocalDate today = LocalDate.now(ctx.clock());
    Optional<LocalDate> end = r.get().supportEnd();
    Verdict v;
    if (r.get().released().map(d -> d.isAfter(today)).orElse(true)) {
      v = skipped("reason.updates.release-unreleased", os.pretty());
    } else if (end.isEmpty()) {
      v = Verdict.pass("reason.updates.release-no-end", os.pretty());
    } else if (end.get().isBefore(today)) {
      v = Verdict.fail("reason.updates.release-eol", os.pretty(), end.get());
    } else {
      v = Verdict.pass("reason.updates.release-supported", os.pretty(), end.get());
    }
    return v.with("release", os.codename()).with("data", facts.dataPath());
  }

  private static Verdict skipped(String key, Object... args) {
    return new Verdict(Status.SKIPPED, Reason.of(key, args), Map.of());
  }
}
