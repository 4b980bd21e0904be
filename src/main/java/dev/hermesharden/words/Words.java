package dev.hermesharden.words;

import dev.hermesharden.checks.CheckResult;
import dev.hermesharden.checks.Reason;
import dev.hermesharden.checks.Status;
import dev.hermesharden.engine.GuardDecision;
import dev.hermesharden.engine.JournalEntry;
import dev.hermesharden.engine.Missing;
import dev.hermesharden.engine.ProofOutcome;
import dev.hermesharden.engine.ResumeReport;
import dev.hermesharden.engine.RevertReport;
import dev.hermesharden.engine.RevertState;
import dev.hermesharden.engine.Session;
import dev.hermesharden.engine.SkipKind;
import dev.hermesharden.engine.StepOutcome;
import dev.hermesharden.engine.StepState;
import dev.hermesharden.engine.StepStatus;
import dev.hermesharden.host.ShellQuoting;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.steps.CheckRef;
import dev.hermesharden.steps.FixRef;
import dev.hermesharden.steps.StepDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns engine values into the words both wizards show (the full-screen one and the line mode):
 * symbol + word + reason, always both. Step ids and proof kinds inside a reason are shown by their
 * names in the admin's language, never as ids.
 */
public final class Words {
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final Messages m;
  private final Glyphs g;
  private final List<StepDefinition> steps;

  public Words(Messages m, Glyphs g, List<StepDefinition> steps) {
    this.m = m;
    this.g = g;
    this.steps = List.copyOf(steps);
  }

  /** A time of day as every front end shows it: "14:03:10 UTC". */
  public static String time(Instant at) {
    return TIME.format(at);
  }

  public Messages messages() {
    return m;
  }

  public Glyphs glyphs() {
    return g;
  }

  public List<StepDefinition> steps() {
    return steps;
  }

  public String statusWord(StepStatus s) {
    return m.get("tui.status." + s.name().toLowerCase(Locale.ROOT));
  }

  public String checkWord(Status s) {
    return m.get("tui.check." + s.name().toLowerCase(Locale.ROOT));
  }

  public String shortName(StepDefinition d) {
    String key = "tui.short." + d.id();
    return m.has(key) ? m.get(key) : m.get(d.titleKey());
  }

  /** "5 SSH server": the step's number and short name. */
  public String stepName(String id) {
    return definition(id).map(d -> d.order() + " " + shortName(d)).orElse(id);
  }

  public Optional<StepDefinition> definition(String id) {
    return steps.stream().filter(d -> d.id().equals(id)).findFirst();
  }

  /** A reason in words; arguments that are step ids or proof kinds are shown by their names. */
  public String reason(Reason r) {
    if (r.key().startsWith(CHECK_REASON)) {
      // a check's arguments are facts of the host: a package or group that happens to share a
      // step's id ("fail2ban", "docker") is not that step
      return m.get(r);
    }
    Object[] args = r.args().stream().map(this::named).toArray();
    return m.get(r.key(), args);
  }

  /** The prefix of the reasons live checks give. */
  private static final String CHECK_REASON = "reason.";

  private String named(String arg) {
    if (definition(arg).isPresent()) {
      return stepName(arg);
    }
    for (EvidenceKind k : EvidenceKind.values()) {
      if (k.id().equals(arg)) {
        return kind(k);
      }
    }
    return arg;
  }

  /**
   * One live check: symbol, word, what is checked, and — unless it simply passed — what was found.
   * A passing check's reason mostly says its title again, so it is left out.
   */
  public String checkLine(StepDefinition d, CheckResult r) {
    String title =
        d.checks().stream()
            .filter(c -> c.id().equals(r.checkId()))
            .findFirst()
            .map(CheckRef::titleKey)
            .map(k -> m.get(k))
            .orElse(r.checkId());
    String head = g.check(r.status()) + " " + checkWord(r.status()) + ": " + title;
    if (r.status() == Status.PASS) {
      return head;
    }
    String source =
        r.details().containsKey("source")
            ? " (" + ShellQuoting.visible(r.details().get("source")) + ")"
            : "";
    return head + " " + g.dash() + " " + reason(r.reason()) + source;
  }

  public String missing(Missing x) {
    return m.get("tui.guard.missing", kind(x.kind()), reason(x.why()), reason(x.how()));
  }

  public String kind(EvidenceKind k) {
    return m.get("tui.evidence." + k.id());
  }

  public String skipKind(SkipKind k) {
    return m.get("tui.skip.kind." + k.name().toLowerCase(Locale.ROOT));
  }

  /** "key login as admin, key SHA256:…, 2 min ago": the newest proof of a kind, if any. */
  public Optional<String> proof(Session s, EvidenceKind k, Instant now) {
    String user = s.answers().adminUser();
    return s.evidence().stream()
        .filter(e -> e.kind() == k && e.user().equals(user))
        .max(Comparator.comparing(Evidence::at))
        .map(
            e ->
                m.get(
                    "tui.guard.proof",
                    kind(k),
                    e.user(),
                    e.keyFingerprint(),
                    Math.max(0, Duration.between(e.at(), now).toMinutes())));
  }

  /**
   * The guard lines of a step: for each fix that needs a proof, whether it is fresh (and which) or
   * what is missing; for a step whose check is itself a login, that login; else that nothing here
   * needs one.
   *
   * @param guard the engine's decision for a fix (asked off the UI thread)
   */
  public List<String> guardLines(
      StepDefinition d, Session s, Function<FixRef, GuardDecision> guard, Instant now) {
    List<String> lines = new ArrayList<>();
    for (FixRef f : d.fixes()) {
      if (f.requires().isEmpty()) {
        continue;
      }
      if (guard.apply(f) instanceof GuardDecision.Refused r) {
        r.missing().forEach(x -> lines.add(m.get("tui.guard.line", g.ok(false), missing(x))));
      } else {
        for (EvidenceKind k : f.requires()) {
          lines.add(m.get("tui.guard.fresh", g.ok(true), proof(s, k, now).orElse(kind(k))));
        }
      }
    }
    for (EvidenceKind k : d.produces()) {
      lines.add(
          proof(s, k, now)
              .map(p -> m.get("tui.guard.produced", g.ok(true), p))
              .orElse(m.get("tui.guard.produces", g.ok(false), kind(k))));
    }
    if (lines.isEmpty()) {
      lines.add(m.get("tui.guard.none"));
    }
    return lines.stream().distinct().toList();
  }

  /** Said when a step has just passed: verified, or skipped with its reason (never "passed"). */
  public String passed(StepState st) {
    String name = stepName(st.stepId());
    return st.status() == StepStatus.SKIPPED && st.skip().isPresent()
        ? m.get("tui.skipped", name, skipKind(st.skip().get().kind()))
        : m.get("tui.passed", name);
  }

  /** What resuming found, one line each. */
  public List<String> resume(ResumeReport r) {
    List<String> out = new ArrayList<>();
    out.add(m.get("tui.resume.intro"));
    for (ResumeReport.Recheck c : r.rechecked()) {
      String was = statusWord(c.before());
      String now = statusWord(c.after());
      out.add(
          g.ok(c.after().passed())
              + " "
              + (c.changed()
                  ? m.get("tui.resume.changed", stepName(c.stepId()), was, now)
                  : m.get("tui.resume.same", stepName(c.stepId()), now)));
    }
    if (r.rechecked().isEmpty()) {
      out.add(m.get("tui.resume.nothing"));
    }
    for (String id : r.relocked()) {
      out.add(m.get("tui.resume.relocked", stepName(id)));
    }
    r.reverts().forEach(rv -> out.add(revert(rv)));
    return out;
  }

  /** What the host says about one revert job. */
  public String revert(RevertReport rv) {
    String line = m.get("revert.resume." + rv.state().name(), rv.id(), named(rv.stepId()));
    return rv.knownToSession() ? line : m.get("revert.resume.orphan", rv.id(), line);
  }

  /**
   * What became of an apply or a proof that did not simply go through, one line each: the refusal
   * and the proofs it misses, the failure, or the proof that did not come and what the server does
   * about the change. Empty for {@code Done} and {@code PlanChanged} (a plan to show again).
   */
  public List<String> outcome(StepOutcome o) {
    List<String> out = new ArrayList<>();
    if (o instanceof StepOutcome.Refused r) {
      out.addAll(refusal(r.missing()));
    } else if (o instanceof StepOutcome.Failed f) {
      out.add(m.get("cli.apply.failed", reason(f.why())));
      if (f.rolledBack()) {
        out.add(m.get("cli.apply.rolled-back"));
      }
      if (f.revert().filter(st -> st == RevertState.FIRED).isPresent()) {
        out.add(m.get("cli.revert.fired-now"));
      }
    } else if (o instanceof StepOutcome.Unproven u) {
      if (!(u.end() instanceof ProofOutcome.TimedOut && u.revert().isPresent())) {
        out.addAll(notProven(u.kind(), u.end()));
      }
      u.revert()
          .ifPresent(
              r ->
                  out.add(
                      r.state() == RevertState.FIRED
                          ? m.get("revert.fired")
                          : m.get("revert.timeout", time(r.deadline()))));
    }
    return out;
  }

  /** Why a guard refuses: one line, then each missing proof and how to get it. */
  public List<String> refusal(List<Missing> missing) {
    List<String> out = new ArrayList<>();
    out.add(m.get("cli.guard.refused"));
    missing.forEach(x -> out.add("- " + missing(x)));
    return out;
  }

  /** Why a proof of {@code kind} did not come; empty for a proven one. */
  public List<String> notProven(EvidenceKind kind, ProofOutcome end) {
    if (end instanceof ProofOutcome.NotAsked n) {
      return List.of(m.get("cli.prove.failed", reason(n.why())));
    }
    if (end instanceof ProofOutcome.Refused r) {
      return List.of(m.get("cli.prove.failed", reason(r.why())));
    }
    if (end instanceof ProofOutcome.Stopped) {
      return List.of(m.get("lines.proof.stopped", kind(kind)));
    }
    if (end instanceof ProofOutcome.TimedOut t) {
      return List.of(m.get("lines.proof.timeout", kind(kind), time(t.deadline())));
    }
    return List.of();
  }

  /** The session log, newest first, one command a line with the time of day. */
  public List<String> log(Session s) {
    List<String> out = new ArrayList<>();
    List<JournalEntry> all = s.log();
    for (int i = all.size() - 1; i >= 0; i--) {
      JournalEntry e = all.get(i);
      out.add(
          CLOCK.format(e.at())
              + "  "
              + m.get("tui.log.exit", e.exitCode())
              + "  $ "
              + String.join(" ", e.argv()));
    }
    return out;
  }
}
