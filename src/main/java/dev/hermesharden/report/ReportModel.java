package dev.hermesharden.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one report says, already in words (localised) and already redacted, so the three
 * renderers ({@link MarkdownReport}, {@link HtmlReport}, {@link JsonReport}) only lay it out. The
 * JSON schema (docs/report-schema.md) mirrors these records; ids (step, check, fix, checklist item)
 * are stable across versions and languages.
 *
 * <p>Caveat: built at one moment; the live results are those of {@code generated}.
 */
public record ReportModel(
    int version,
    String tool,
    Instant generated,
    String sessionId,
    HostFacts host,
    Summary summary,
    List<StepReport> steps,
    List<EvidenceItem> evidence,
    List<String> manual,
    List<NextItem> next) {
  /** The version of the JSON document; raise it when a field changes meaning or goes away. */
  public static final int VERSION = 1;

  public ReportModel {
    steps = List.copyOf(steps);
    evidence = List.copyOf(evidence);
    manual = List.copyOf(manual);
    next = List.copyOf(next);
  }

  /** What the server is and how the admin reaches it. */
  public record HostFacts(
      String name,
      boolean practice,
      String os,
      String openssh,
      String adminUser,
      String connection,
      String clientAddress) {}

  /** Steps by live outcome: verified (all checks satisfied), skipped, failing (the rest). */
  public record Summary(
      int verified, int skipped, int failing, int checksPassed, int checksTotal) {}

  /** One step: its session status, its live checks, its changes and, if skipped, why. */
  public record StepReport(
      String id,
      int order,
      String title,
      String outcome,
      String outcomeText,
      String sessionStatus,
      List<CheckItem> checks,
      List<ChangeItem> changes,
      Optional<SkipItem> skip) {
    public StepReport {
      checks = List.copyOf(checks);
      changes = List.copyOf(changes);
    }
  }

  /**
   * One live check result.
   *
   * @param severity how much a failure matters, as the step file rates it ({@code critical} …
   *     {@code low})
   * @param fixId the fix that remedies a failure ("" when the step file names none: a manual item)
   * @param fixTitle its title in the report's language ("" when none)
   */
  public record CheckItem(
      String id,
      String title,
      String severity,
      String severityText,
      String status,
      String statusText,
      String reasonCode,
      String reason,
      String fixId,
      String fixTitle,
      Map<String, String> details) {
    /** The remedy is worth naming: the check fails and a fix exists for it. */
    public boolean remedyShown() {
      return !fixId.isEmpty() && !(status.equals("PASS") || status.equals("NOT_APPLICABLE"));
    }

    public CheckItem {
      details = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(details));
    }
  }

  /** One apply of a fix: the commands run and the files written. */
  public record ChangeItem(
      String fixId, String title, Instant at, List<String> commands, List<FileItem> files) {
    public ChangeItem {
      commands = List.copyOf(commands);
      files = List.copyOf(files);
    }
  }

  /**
   * One file written. {@code diff} is backup → current content (redacted), empty when either side
   * cannot be read; {@code currentMatches} says whether the file is still what the wizard wrote.
   */
  public record FileItem(
      String path,
      Optional<String> backup,
      Optional<String> sha256Before,
      String sha256After,
      boolean currentMatches,
      String diff) {}

  /** A skipped step: the typed reason, the admin's words, the risk left. */
  public record SkipItem(String kind, String kindText, String reason, String risk) {}

  /** One recorded proof. */
  public record EvidenceItem(
      String kind,
      String user,
      String keyFingerprint,
      String serverAddress,
      String clientAddress,
      Instant at,
      boolean simulated) {}

  /** One "what to do next" item; {@code automated} when {@code hermes-harden audit} covers it. */
  public record NextItem(
      String id, String period, boolean automated, String text, List<String> checks) {
    public NextItem {
      checks = List.copyOf(checks);
    }
  }
}
