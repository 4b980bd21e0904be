package dev.hermesharden.checks.watch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The monitoring list as one sorted map of {@code key → value}: one line per group member, key
 * fingerprint, listener, ufw rule and Hermes file hash (docs/watch.md). Written to {@link #PATH} as
 * {@code key<TAB>value} lines and compared line by line ({@link #drift}).
 *
 * <p>Keys and values come partly from files the service account writes (skill and MCP server
 * names): {@link #clean} turns control characters into {@code ?} and caps the length, so no name
 * can forge a second line or flood the review.
 */
public record WatchBaseline(Map<String, String> entries) {
  /** Where the fix keeps it: root's state dir on the server (the engine's, never another). */
  public static final String PATH = "/var/lib/hermes-harden/watch-baseline.txt";

  static final String HEADER = "# hermes-harden watch baseline: key<TAB>value, sorted\n";
  static final int MAX_TEXT = 200;

  public WatchBaseline {
    entries = java.util.Collections.unmodifiableMap(new TreeMap<>(entries));
  }

  /** One difference between the baseline and now. */
  public record Drift(Change change, String key, String before, String after) {
    public String line() {
      return switch (change) {
        case ADDED -> "+ " + key + " " + after;
        case REMOVED -> "- " + key + " " + before;
        case CHANGED -> "~ " + key + " " + before + " -> " + after;
      };
    }
  }

  public enum Change {
    ADDED,
    REMOVED,
    CHANGED
  }

  /** Collects entries; a key added twice keeps the first value. */
  public static final class Builder {
    private final Map<String, String> entries = new TreeMap<>();

    public Builder put(String key, String value) {
      entries.putIfAbsent(clean(key), clean(value));
      return this;
    }

    public WatchBaseline build() {
      return new WatchBaseline(entries);
    }
  }

  /** The baseline without the entries whose key starts with {@code prefix}. */
  public WatchBaseline without(String prefix) {
    Map<String, String> kept = new TreeMap<>(entries);
    kept.keySet().removeIf(k -> k.startsWith(prefix));
    return new WatchBaseline(kept);
  }

  public String render() {
    StringBuilder sb = new StringBuilder(HEADER);
    entries.forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
    return sb.toString();
  }

  /** The file as {@link #render} wrote it; lines without a tab and comments are skipped. */
  public static WatchBaseline parse(String text) {
    Builder b = new Builder();
    for (String line : text.split("\n")) {
      int tab = line.indexOf('\t');
      if (line.startsWith("#") || tab < 0) {
        continue;
      }
      b.put(line.substring(0, tab), line.substring(tab + 1));
    }
    return b.build();
  }

  /** What changed from this baseline to {@code now}, in key order. */
  public List<Drift> drift(WatchBaseline now) {
    Map<String, Drift> out = new TreeMap<>();
    entries.forEach(
        (k, v) -> {
          String n = now.entries().get(k);
          if (n == null) {
            out.put(k, new Drift(Change.REMOVED, k, v, ""));
          } else if (!n.equals(v)) {
            out.put(k, new Drift(Change.CHANGED, k, v, n));
          }
        });
    now.entries()
        .forEach(
            (k, v) -> {
              if (!entries.containsKey(k)) {
                out.put(k, new Drift(Change.ADDED, k, "", v));
              }
            });
    return new ArrayList<>(out.values());
  }

  /**
   * Control characters as {@code ?}; a text longer than {@link #MAX_TEXT} code points keeps its
   * start and ends in {@code …} and 16 hex digits of its whole SHA-256, so two long names that
   * share a start stay two entries (a skill added beside a long one is drift), and a cleaned text
   * cleans to itself.
   */
  static String clean(String s) {
    StringBuilder sb = new StringBuilder();
    s.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    String all = sb.toString();
    if (all.codePointCount(0, all.length()) <= MAX_TEXT) {
      return all;
    }
    String head = all.substring(0, all.offsetByCodePoints(0, MAX_TEXT - 17));
    return head + "…" + dev.hermesharden.model.Sha256.hex(s).substring(0, 16);
  }
}
