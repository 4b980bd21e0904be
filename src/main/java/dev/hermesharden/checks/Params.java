package dev.hermesharden.checks;

import java.util.List;
import java.util.Map;

/** A check's or fix's parameters from its step file, with typed access. */
public record Params(Map<String, Object> values) {
  public static final Params NONE = new Params(Map.of());

  public Params {
    values = Map.copyOf(values);
  }

  public String string(String name, String fallback) {
    Object v = values.get(name);
    return v == null ? fallback : String.valueOf(v);
  }

  public String string(String name) {
    Object v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("missing parameter: " + name);
    }
    return String.valueOf(v);
  }

  /** A required whole number (the step file was checked against the kind's schema). */
  public int integer(String name) {
    return Integer.parseInt(string(name));
  }

  public int integer(String name, int fallback) {
    Object v = values.get(name);
    return v == null ? fallback : Integer.parseInt(String.valueOf(v));
  }

  public boolean bool(String name, boolean fallback) {
    Object v = values.get(name);
    return v == null ? fallback : Boolean.parseBoolean(String.valueOf(v));
  }

  public List<String> list(String name) {
    Object v = values.get(name);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      return l.stream().map(String::valueOf).toList();
    }
    return List.of(String.valueOf(v));
  }
}
