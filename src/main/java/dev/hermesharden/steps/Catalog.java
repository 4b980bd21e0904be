package dev.hermesharden.steps;

import dev.hermesharden.checks.Check;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.steps.modules.ApprovalsModule;
import dev.hermesharden.steps.modules.DockerModule;
import dev.hermesharden.steps.modules.Fail2banModule;
import dev.hermesharden.steps.modules.FirewallModule;
import dev.hermesharden.steps.modules.HermesDirModule;
import dev.hermesharden.steps.modules.PrivatePathModule;
import dev.hermesharden.steps.modules.SshKeysModule;
import dev.hermesharden.steps.modules.SshdModule;
import dev.hermesharden.steps.modules.UsersModule;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Check and fix implementations by stable id. Step files may only name ids registered here. */
public final class Catalog {
  private final Map<String, Check<?>> checks;
  private final Map<String, Fix> fixes;

  private Catalog(Map<String, Check<?>> checks, Map<String, Fix> fixes) {
    this.checks = Collections.unmodifiableMap(checks);
    this.fixes = Collections.unmodifiableMap(fixes);
  }

  /** Every step's implementations, in card order. */
  public static Catalog standard() {
    return of(
        List.of(
            new UsersModule(),
            new SshKeysModule(),
            new PrivatePathModule(),
            new FirewallModule(),
            new SshdModule(),
            new Fail2banModule(),
            new HermesDirModule(),
            new DockerModule(),
            new ApprovalsModule()));
  }

  public static Catalog of(List<StepModule> modules) {
    Builder b = new Builder();
    modules.forEach(m -> m.register(b));
    return new Catalog(b.checks, b.fixes);
  }

  public Optional<Check<?>> check(String id) {
    return Optional.ofNullable(checks.get(id));
  }

  public Optional<Fix> fix(String id) {
    return Optional.ofNullable(fixes.get(id));
  }

  public boolean hasCheck(String id) {
    return checks.containsKey(id);
  }

  public boolean hasFix(String id) {
    return fixes.containsKey(id);
  }

  /** Collects registrations; a second registration of one id is a programming error. */
  public static final class Builder {
    private final Map<String, Check<?>> checks = new LinkedHashMap<>();
    private final Map<String, Fix> fixes = new LinkedHashMap<>();

    public Builder check(String id, Check<?> check) {
      if (checks.putIfAbsent(id, check) != null) {
        throw new IllegalStateException("check registered twice: " + id);
      }
      return this;
    }

    public Builder fix(String id, Fix fix) {
      if (fixes.putIfAbsent(id, fix) != null) {
        throw new IllegalStateException("fix registered twice: " + id);
      }
      return this;
    }
  }
}
