package dev.hermesharden.checks.watch;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.accounts.GroupEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kind {@code watch-sudoers}: nobody but the admin is in group {@code sudo}, and {@code
 * /etc/sudoers.d} holds no file but those named in {@code allowed} (Debian ships {@code README};
 * this tool writes none). An unknown drop-in or member is how root access is kept or handed out
 * quietly. The drop-ins' contents are not judged: a file nobody expects is the finding.
 */
public final class SudoersCheck implements Check<SudoersCheck.Facts> {
  public static final String DIR = "/etc/sudoers.d";

  private static final ParamSchema SCHEMA =
      ParamSchema.of(Param.list("allowed").orElse(List.of("README")));

  /** Members of {@code sudo} and the names in {@link #DIR}. */
  public record Facts(Optional<List<String>> members, List<String> dropIns) {}

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    var r = host.exec("getent", "group", "--", "sudo");
    Optional<List<String>> members =
        r.ok() ? GroupEntry.parse(r.stdout().strip()).map(GroupEntry::members) : Optional.empty();
    return new Facts(members, host.listDirectory(DIR));
  }

  @Override
  public Verdict evaluate(Facts facts, Params params, StepContext ctx) {
    String admin = ctx.answers().adminUser();
    if (facts.members().isEmpty()) {
      return Verdict.fail("reason.watch.no-sudo-group");
    }
    List<String> others = new ArrayList<>(facts.members().get());
    others.remove(admin);
    List<String> unknown = new ArrayList<>(facts.dropIns());
    unknown.removeAll(params.list("allowed"));
    if (others.isEmpty() && unknown.isEmpty()) {
      return Verdict.pass("reason.watch.sudoers-ok", admin);
    }
    Verdict v =
        Verdict.fail(
            "reason.watch.sudoers-unknown",
            others.isEmpty() ? "-" : String.join(", ", others),
            unknown.isEmpty() ? "-" : String.join(", ", unknown));
    for (String f : unknown) {
      v = v.with("drop-in " + WatchBaseline.clean(f), DIR + "/" + WatchBaseline.clean(f));
    }
    return v;
  }
}
