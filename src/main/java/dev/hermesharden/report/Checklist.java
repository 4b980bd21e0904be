package dev.hermesharden.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The "what to do next" checklist, data in {@code checklists/review.yaml} (packaged resource): one
 * entry per item with its period, whether {@code audit} covers it and which checks do.
 *
 * <p>Caveat: the file ships inside the jar and is trusted; a malformed one is a build bug and fails
 * loudly.
 */
public final class Checklist {
  static final String RESOURCE = "checklists/review.yaml";

  /** One item as declared; its words are the message key {@code report.next.<id>}. */
  public record Item(String id, String period, boolean automated, List<String> checks) {
    public Item {
      checks = List.copyOf(checks);
    }
  }

  private Checklist() {}

  @SuppressWarnings("unchecked")
  public static List<Item> load() {
    try (InputStream in = Checklist.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      List<Item> out = new ArrayList<>();
      for (Map<String, Object> e : (List<Map<String, Object>>) doc.get("items")) {
        String by = String.valueOf(e.get("by"));
        if (!by.equals("audit") && !by.equals("manual")) {
          throw new IllegalStateException(RESOURCE + ": item " + e.get("id") + " by: " + by);
        }
        List<String> checks = (List<String>) e.getOrDefault("checks", List.of());
        out.add(
            new Item(
                String.valueOf(e.get("id")),
                String.valueOf(e.get("period")),
                by.equals("audit"),
                checks == null ? List.of() : checks));
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
