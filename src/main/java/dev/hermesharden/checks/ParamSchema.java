package dev.hermesharden.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters a check kind takes: each with a name, a type, and either "required" or a default.
 * Step files are checked against it when they load ({@link #problems}); the check then reads the
 * parameters with the defaults filled in ({@link #resolve}), so no default lives in Java twice.
 */
public record ParamSchema(List<Param> params) {
  public static final ParamSchema NONE = new ParamSchema(List.of());

  /** What a step file may write for a parameter. */
  public enum Type {
    TEXT,
    INTEGER,
    BOOLEAN,
    LIST
  }

  /**
   * One parameter.
   *
   * @param fallback the value when the step file leaves it out; empty means it is required
   * @param oneOf the only texts allowed (empty: any)
   */
  public record Param(String name, Type type, Optional<Object> fallback, List<String> oneOf) {
    public Param {
      oneOf = List.copyOf(oneOf);
    }

    public static Param text(String name) {
      return new Param(name, Type.TEXT, Optional.empty(), List.of());
    }

    public static Param integer(String name) {
      return new Param(name, Type.INTEGER, Optional.empty(), List.of());
    }

    public static Param list(String name) {
      return new Param(name, Type.LIST, Optional.empty(), List.of());
    }

    public static Param oneOf(String name, String... values) {
      return new Param(name, Type.TEXT, Optional.empty(), List.of(values));
    }

    /** The same parameter, optional, with this default. */
    public Param orElse(Object value) {
      return new Param(name, type, Optional.of(value), oneOf);
    }

    public boolean required() {
      return fallback.isEmpty();
    }
  }

  /** A parameter a step file got wrong: its name and why, as an i18n reason. */
  public record Problem(String param, Reason reason) {}

  public ParamSchema {
    params = List.copyOf(params);
  }

  public static ParamSchema of(Param... params) {
    return new ParamSchema(List.of(params));
  }

  /** What is wrong with {@code given} for the kind {@code kind}; empty when nothing is. */
  public List<Problem> problems(String kind, Params given) {
    List<Problem> out = new ArrayList<>();
    Map<String, Param> byName = new LinkedHashMap<>();
    params.forEach(p -> byName.put(p.name(), p));
    for (String name : given.values().keySet()) {
      if (!byName.containsKey(name)) {
        String known = byName.isEmpty() ? "-" : String.join(", ", byName.keySet());
        out.add(new Problem(name, Reason.of("stepfile.param.unknown", kind, name, known)));
      }
    }
    for (Param p : params) {
      Object v = given.values().get(p.name());
      if (v == null) {
        if (p.required()) {
          out.add(new Problem(p.name(), Reason.of("stepfile.param.missing", kind, p.name())));
        }
        continue;
      }
      typeProblem(p, v).ifPresent(r -> out.add(new Problem(p.name(), r)));
    }
    return List.copyOf(out);
  }

  private static Optional<Reason> typeProblem(Param p, Object v) {
    if (p.type() == Type.LIST) {
      return v instanceof List<?>
          ? Optional.empty()
          : Optional.of(Reason.of("stepfile.param.not-list", p.name()));
    }
    if (v instanceof List<?>) {
      return Optional.of(Reason.of("stepfile.param.not-text", p.name()));
    }
    String s = String.valueOf(v);
    switch (p.type()) {
      case INTEGER -> {
        if (!s.matches("-?\\d{1,9}")) {
          return Optional.of(Reason.of("stepfile.param.not-integer", p.name(), s));
        }
      }
      case BOOLEAN -> {
        if (!s.equals("true") && !s.equals("false")) {
          return Optional.of(Reason.of("stepfile.param.not-boolean", p.name(), s));
        }
      }
      default -> {
        if (!p.oneOf().isEmpty() && !p.oneOf().contains(s)) {
          return Optional.of(
              Reason.of("stepfile.param.not-one-of", p.name(), s, String.join(", ", p.oneOf())));
        }
      }
    }
    return Optional.empty();
  }

  /** The given parameters with every default filled in (call after {@link #problems}). */
  public Params resolve(Params given) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Param p : params) {
      p.fallback().ifPresent(f -> out.put(p.name(), f));
    }
    out.putAll(given.values());
    return new Params(out);
  }
}
