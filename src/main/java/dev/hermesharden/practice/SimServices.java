package dev.hermesharden.practice;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * systemd's view of the practice VPS: which units exist, are enabled and are running. Kept in a
 * file ({@code name enabled|disabled active|inactive} per line) like all simulator state.
 */
public final class SimServices {
  static final String FILE = SimFs.SIM_DIR + "/services";

  /** One unit's state. */
  public record Unit(boolean enabled, boolean active) {}

  private SimServices() {}

  public static Map<String, Unit> all(SimFs fs) {
    Map<String, Unit> out = new LinkedHashMap<>();
    for (String line : fs.read(FILE).orElse("").split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length == 3) {
        out.put(f[0], new Unit(f[1].equals("enabled"), f[2].equals("active")));
      }
    }
    return out;
  }

  public static Optional<Unit> get(SimFs fs, String name) {
    return Optional.ofNullable(all(fs).get(unitName(name)));
  }

  public static void set(SimFs fs, String name, boolean enabled, boolean active) {
    Map<String, Unit> all = all(fs);
    all.put(unitName(name), new Unit(enabled, active));
    StringBuilder sb = new StringBuilder();
    all.forEach(
        (n, u) ->
            sb.append(n)
                .append(u.enabled() ? " enabled " : " disabled ")
                .append(u.active() ? "active" : "inactive")
                .append('\n'));
    fs.write(FILE, sb.toString());
  }

  public static void remove(SimFs fs, String name) {
    Map<String, Unit> all = all(fs);
    if (all.remove(unitName(name)) != null) {
      StringBuilder sb = new StringBuilder();
      all.forEach(
          (n, u) ->
              sb.append(n)
                  .append(u.enabled() ? " enabled " : " disabled ")
                  .append(u.active() ? "active" : "inactive")
                  .append('\n'));
      fs.write(FILE, sb.toString());
    }
  }

  /** {@code ssh} and {@code ssh.service} name the same unit. */
  public static String unitName(String name) {
    return name.contains(".") ? name : name + ".service";
  }
}
