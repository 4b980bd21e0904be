package dev.hermesharden.checks.hermesdir;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import java.util.Optional;

/**
 * Kind {@code hermes-secret-file}: {@code hermes-dir.env-file} / {@code hermes-dir.auth-file}: a
 * secrets file in HERMES_HOME (param {@code file}: {@code .env} or {@code auth.json}) is readable
 * by its owner only (600 or stricter). A file that does not exist is not applicable; a link, FIFO
 * or anything else that is not a plain file fails, judged without following it.
 */
public final class SecretFileModeCheck implements Check<DirectoryFacts> {
  private static final ParamSchema SCHEMA = ParamSchema.of(Param.text("file"));

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public DirectoryFacts gather(Host host, StepContext ctx) {
    throw new IllegalStateException("hermes-secret-file gathers with its parameters");
  }

  @Override
  public DirectoryFacts gather(Host host, Params params, StepContext ctx) throws HostException {
    String file = params.string("file");
    Optional<String> home = HermesDir.locate(host, ctx);
    return new DirectoryFacts(
        home, home.isPresent() ? host.lstat(home.get() + "/" + file) : Optional.empty());
  }

  @Override
  public Verdict evaluate(DirectoryFacts facts, Params params, StepContext ctx) {
    if (facts.home().isEmpty()) {
      return HermesDir.noHome();
    }
    if (facts.stat().isEmpty()) {
      return Verdict.notApplicable(
          "reason.hermes-dir.file-absent", facts.home().get() + "/" + params.string("file"));
    }
    FileStat st = facts.stat().get();
    if (!st.isRegularFile()) {
      // a link's own mode says nothing, and Hermes follows it to wherever it points
      return Verdict.fail("reason.hermes-dir.file-not-regular", st.path(), st.type())
          .with("type", st.type());
    }
    Verdict v =
        st.groupOrWorldAccessible()
            ? Verdict.fail("reason.hermes-dir.file-open", st.path(), st.octalMode())
            : Verdict.pass("reason.hermes-dir.file-ok", st.path(), st.octalMode());
    return v.with("mode", st.octalMode()).with("owner", st.owner() + ":" + st.group());
  }
}
