package dev.hermesharden.checks.hermesdir;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.ShellQuoting;
import dev.hermesharden.model.StepContext;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code hermes-dir.no-world-writable}: nothing below HERMES_HOME is writable by every account (any
 * local user could plant a skill, a plugin or a config there). Param {@code max-reported} (default
 * 10) caps how many paths the details name.
 */
public final class WorldWritableCheck implements Check<WorldWritableCheck.Facts> {
  private static final ParamSchema SCHEMA =
      ParamSchema.of(Param.integer("max-reported").orElse("10"));

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  /** HERMES_HOME and the world-writable paths below it (symlinks excluded). */
  public record Facts(Optional<String> home, List<String> paths) {
    public Facts {
      paths = List.copyOf(paths);
    }
  }

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    Optional<String> home = HermesDir.locate(host, ctx);
    return new Facts(home, home.isPresent() ? find(host, home.get()) : List.of());
  }

  /**
   * {@code find -P DIR -xdev -perm -0002 ! -type l -print0}: names end in NUL, so a newline in a
   * name cannot split one into two; each is shown quoted, control characters visible.
   */
  public static List<String> find(Host host, String dir) throws HostException {
    ExecResult r =
        host.exec("find", "-P", dir, "-xdev", "-perm", "-0002", "!", "-type", "l", "-print0");
    // find exits 1 when some subdirectory was unreadable; what it printed is still true.
    return Arrays.stream(r.stdout().split("\0"))
        .filter(p -> !p.isEmpty())
        .map(ShellQuoting::quote)
        .toList();
  }

  @Override
  public Verdict evaluate(Facts facts, Params params, StepContext ctx) {
    if (facts.home().isEmpty()) {
      return HermesDir.noHome();
    }
    if (facts.paths().isEmpty()) {
      return Verdict.pass("reason.hermes-dir.none-world-writable", facts.home().get());
    }
    int cap = Math.max(1, SCHEMA.resolve(params).integer("max-reported"));
    Verdict v =
        Verdict.fail("reason.hermes-dir.world-writable", facts.paths().size(), facts.home().get());
    List<String> shown = facts.paths().subList(0, Math.min(cap, facts.paths().size()));
    for (int i = 0; i < shown.size(); i++) {
      v = v.with("path." + (i + 1), shown.get(i));
    }
    if (facts.paths().size() > cap) {
      v = v.with("more", String.valueOf(facts.paths().size() - cap));
    }
    return v;
  }
}
