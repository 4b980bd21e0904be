package dev.hermesharden.checks.updates;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.checks.approvals.HermesView;
import dev.hermesharden.system.hermes.HermesConfig;
import java.util.Optional;

/**
 * The pure rules over Hermes' {@code updates:} settings in {@code config.yaml}, judged through the
 * approvals kinds' shared gathering ({@link dev.hermesharden.checks.approvals.ApprovalsCheck}): one
 * read and one parse of the file per run.
 */
public final class UpdatesRules {
  private UpdatesRules() {}

  /**
   * {@code updates.pre_update_backup} must be {@code quick} or {@code full} (legacy {@code true}
   * means full). Absent fails: current Hermes defaults to {@code quick}, older versions to no
   * backup, and the file does not say which version reads it (docs/decisions-updates.md).
   */
  public static Verdict preUpdateBackup(HermesView v, Params p) {
    HermesConfig c = v.config();
    Optional<Object> value = c.get("updates.pre_update_backup");
    if (value.isEmpty()) {
      return Verdict.fail("reason.updates.backup-unset");
    }
    String s =
        value.get() instanceof Boolean b
            ? (b ? "true" : "false")
            : value.get().toString().strip().toLowerCase(java.util.Locale.ROOT);
    Verdict out =
        switch (s) {
          case "quick", "full" -> Verdict.pass("reason.updates.backup-on", s);
          case "true" -> Verdict.pass("reason.updates.backup-legacy");
          default -> Verdict.fail("reason.updates.backup-off", s);
        };
    return out.with("updates.pre_update_backup", s);
  }

  /**
   * {@code updates.backup_keep} must keep at least {@code min} backups; absent means Hermes'
   * default of 5. A value that is not a whole number fails (Hermes would not prune as meant).
   */
  public static Verdict backupKeep(HermesView v, Params p) {
    int min = p.integer("min");
    Optional<Object> value = v.config().get("updates.backup_keep");
    if (value.isEmpty()) {
      return Verdict.pass("reason.updates.keep-default", DEFAULT_KEEP);
    }
    String s = value.get().toString().strip();
    Verdict out;
    if (!(value.get() instanceof Integer) && !s.matches("-?\\d{1,9}")) {
      out = Verdict.fail("reason.updates.keep-invalid", s);
    } else if (Integer.parseInt(s) < min) {
      out = Verdict.fail("reason.updates.keep-low", s, min);
    } else {
      out = Verdict.pass("reason.updates.keep-ok", s);
    }
    return out.with("updates.backup_keep", s);
  }

  /** Hermes' {@code DEFAULT_CONFIG["updates"]["backup_keep"]}. */
  public static final int DEFAULT_KEEP = 5;
}
