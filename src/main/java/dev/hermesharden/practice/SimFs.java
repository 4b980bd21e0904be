package dev.hermesharden.practice;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The practice VPS's whole state. Everything lives here as files: real configuration files where
 * the real tools keep them (so the parsers read what they would read on a server), and the
 * simulator's own bookkeeping under {@link #SIM_DIR} (running services, ufw rules, containers).
 * Keeping all state in files makes the practice VPS trivially saved and resumed.
 */
public final class SimFs {
  /** Where simulator components keep state that a real system keeps in kernels and daemons. */
  public static final String SIM_DIR = "/var/lib/practice-sim";

  private final TreeMap<String, SimFile> files = new TreeMap<>();

  /** The root directory, which every practice VPS has without storing it. */
  private static final SimFile ROOT = SimFile.dir("root", "root", 0755);

  public Optional<SimFile> get(String path) {
    String p = normalize(path);
    return p.equals("/") ? Optional.of(ROOT) : Optional.ofNullable(files.get(p));
  }

  public boolean exists(String path) {
    return normalize(path).equals("/") || files.containsKey(normalize(path));
  }

  public Optional<String> read(String path) {
    return get(path).filter(f -> !f.directory()).map(SimFile::content);
  }

  /**
   * Writes a file, creating missing parent directories (root, 0755). Keeps owner/mode if present.
   */
  public void write(String path, String content) {
    String p = normalize(path);
    SimFile old = files.get(p);
    if (old != null) {
      files.put(p, old.withContent(content));
    } else {
      put(p, SimFile.file(content, "root", "root", 0644));
    }
  }

  public void put(String path, SimFile file) {
    String p = normalize(path);
    mkdirs(parent(p));
    files.put(p, file);
  }

  public void mkdirs(String path) {
    String p = normalize(path);
    if (p.equals("/") || files.containsKey(p)) {
      return;
    }
    mkdirs(parent(p));
    files.put(p, SimFile.dir("root", "root", 0755));
  }

  public void delete(String path) {
    files.remove(normalize(path));
  }

  /** Sorted names of the direct children of a directory. */
  public List<String> list(String dir) {
    String prefix = normalize(dir).equals("/") ? "/" : normalize(dir) + "/";
    return files.subMap(prefix, prefix + Character.MAX_VALUE).keySet().stream()
        .map(k -> k.substring(prefix.length()))
        .filter(k -> !k.isEmpty() && !k.contains("/"))
        .toList();
  }

  /** Every path at or below a directory, sorted. */
  public List<String> walk(String dir) {
    String root = normalize(dir);
    String prefix = root.equals("/") ? "/" : root + "/";
    List<String> below =
        files.subMap(prefix, prefix + Character.MAX_VALUE).keySet().stream().toList();
    return files.containsKey(root)
        ? java.util.stream.Stream.concat(java.util.stream.Stream.of(root), below.stream()).toList()
        : below;
  }

  /** A copy of every entry, for saving. */
  public Map<String, SimFile> snapshot() {
    return new TreeMap<>(files);
  }

  public void restore(Map<String, SimFile> snapshot) {
    files.clear();
    files.putAll(snapshot);
  }

  public static String normalize(String path) {
    if (path.length() > 1 && path.endsWith("/")) {
      return path.substring(0, path.length() - 1);
    }
    return path;
  }

  public static String parent(String path) {
    int i = path.lastIndexOf('/');
    return i <= 0 ? "/" : path.substring(0, i);
  }
}
