package dev.hermesharden.system.compose;

import java.util.List;

/**
 * One entry of a service's {@code volumes:}.
 *
 * @param source host path or volume name as written (may be relative, {@code ~/…} or interpolated);
 *     empty for an anonymous volume
 * @param line 1-based line in the compose file
 */
public record VolumeMount(String type, String source, String target, boolean readOnly, int line) {

  /** Whether the source names a host path rather than a named volume. */
  public boolean isBind() {
    if (type.equals("bind")) {
      return true;
    }
    String s = source;
    return type.equals("volume")
        ? false
        : s.startsWith("/") || s.startsWith(".") || s.startsWith("~") || s.startsWith("$");
  }

  /** Parses {@code SRC:DST[:MODE]} or a lone {@code DST}. */
  public static VolumeMount parseShort(String raw, int line) {
    List<String> parts = Interpolation.splitColons(raw.strip());
    if (parts.size() == 1) {
      return new VolumeMount("volume", "", parts.get(0), false, line);
    }
    boolean ro = parts.size() > 2 && parts.get(2).contains("ro");
    String src = parts.get(0);
    VolumeMount probe = new VolumeMount("", src, parts.get(1), ro, line);
    return new VolumeMount(probe.isBind() ? "bind" : "volume", src, parts.get(1), ro, line);
  }
}
