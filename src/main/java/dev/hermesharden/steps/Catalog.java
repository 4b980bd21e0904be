package dev.hermesharden.steps;

import dev.hermesharden.checks.Check;
import dev.hermesharden.fixes.Fix;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Check and fix implementations by stable id. Step files may only name ids registered here. The
 * standard catalog is every {@link StepModule} the build lists in {@code
 * META-INF/services/dev.hermesharden.steps.StepModule} (card order), so this package never names
 * the modules that register into it.
 */
public final class Catalog {
  private final Map<String, Check<?>> checks;
  private final Map<String, Fix> fixes;

  private Catalog(Map<String, Check<?>> checks, Map<String, Fix> fixes) {
    this.checks = Collections.unmodifiableMap(checks);
    this.fixes = Collections.unmodifiableMap(fixes);
  }

  /** Every step's implementations, in card order. */
  public static Catalog standard() {
    List<StepModule> modules = new ArrayList<>();
    ServiceLoader.load(StepModule.class, Catalog.class.getClassLoader()).forEach(modules::add);
    if (modules.isEmpty()) {
      throw new IllegalStateException("no step modules: META-INF/services is missing");
    }
    return of(modules);
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
