package dev.hermesharden.steps;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Condition;
import dev.hermesharden.fixes.Fix;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * What step files may name: check <em>kinds</em> (one {@link Check} class each, with its parameter
 * schema), applicability conditions and fixes, each by a stable id. Check ids live only in the step
 * files. The standard catalog is every {@link StepModule} found in {@code
 * META-INF/services/dev.hermesharden.steps.StepModule}, so this package never names the modules
 * that register into it.
 */
public final class Catalog {
  private final Map<String, Check<?>> kinds;
  private final Map<String, Condition> conditions;
  private final Map<String, Fix> fixes;

  private Catalog(Builder b) {
    this.kinds = Collections.unmodifiableMap(b.kinds);
    this.conditions = Collections.unmodifiableMap(b.conditions);
    this.fixes = Collections.unmodifiableMap(b.fixes);
  }

  /** Every module's kinds, conditions and fixes. */
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
    return new Catalog(b);
  }

  /** The check kind registered under {@code kind}. */
  public Optional<Check<?>> kind(String kind) {
    return Optional.ofNullable(kinds.get(kind));
  }

  /** The check that runs a step file's check: its kind's. */
  public Optional<Check<?>> check(CheckRef ref) {
    return kind(ref.kind());
  }

  public Optional<Condition> condition(String id) {
    return Optional.ofNullable(conditions.get(id));
  }

  public Optional<Fix> fix(String id) {
    return Optional.ofNullable(fixes.get(id));
  }

  public boolean hasFix(String id) {
    return fixes.containsKey(id);
  }

  /** The registered kind ids, in registration order (for docs and errors). */
  public List<String> kindIds() {
    return List.copyOf(kinds.keySet());
  }

  /** The registered condition ids, in registration order. */
  public List<String> conditionIds() {
    return List.copyOf(conditions.keySet());
  }

  /** Collects registrations; a second registration of one id is a programming error. */
  public static final class Builder {
    private final Map<String, Check<?>> kinds = new LinkedHashMap<>();
    private final Map<String, Condition> conditions = new LinkedHashMap<>();
    private final Map<String, Fix> fixes = new LinkedHashMap<>();

    public Builder kind(String kind, Check<?> check) {
      if (kinds.putIfAbsent(kind, check) != null) {
        throw new IllegalStateException("check kind registered twice: " + kind);
      }
      return this;
    }

    public Builder condition(String id, Condition condition) {
      if (conditions.putIfAbsent(id, condition) != null) {
        throw new IllegalStateException("condition registered twice: " + id);
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
