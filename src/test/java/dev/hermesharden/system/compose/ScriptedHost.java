package dev.hermesharden.system.compose;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.Host;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Test host: answers scripted command lines, holds files in a map; unknown commands exit 127. */
public final class ScriptedHost implements Host {
  private final Map<String, ExecResult> answers = new HashMap<>();
  private final TreeMap<String, String> files = new TreeMap<>();
  private final Map<String, FileStat> stats = new HashMap<>();
  private final Map<String, String> links = new HashMap<>();
  public final List<String> ran = new ArrayList<>();

  public ScriptedHost answer(String commandLine, int exit, String stdout, String stderr) {
    answers.put(commandLine, new ExecResult(List.of(commandLine.split(" ")), exit, stdout, stderr));
    return this;
  }

  /** The uids of the accounts tests name (as the getent answers the tests script). */
  static final Map<String, Integer> UIDS =
      Map.of("root", 0, "hermes", 999, "admin", 1000, "alice", 1001, "bob", 1002);

  public ScriptedHost file(String path, String content, String owner) {
    files.put(path, content);
    stats.put(path, stat(path, owner, 0644, content.length(), "regular file"));
    return this;
  }

  public ScriptedHost dir(String path, String owner) {
    stats.put(path, stat(path, owner, 0755, 4096, "directory"));
    return this;
  }

  /** A symbolic link, owned by root. */
  public ScriptedHost link(String path, String target) {
    stats.put(path, new FileStat(path, "root", "root", 0777, target.length(), "symbolic link", 0));
    links.put(path, target);
    return this;
  }

  @Override
  public String readLink(String path) {
    return links.get(path);
  }

  private static FileStat stat(String path, String owner, int mode, long size, String type) {
    int id = UIDS.getOrDefault(owner, 2000);
    return new FileStat(path, owner, owner, mode, size, type, 0, id, id, 1);
  }

  @Override
  public ExecResult exec(List<String> argv, Duration timeout) {
    String line = String.join(" ", argv);
    ran.add(line);
    ExecResult r = answers.get(line);
    return r != null ? r : new ExecResult(argv, 127, "", argv.get(0) + ": command not found\n");
  }

  /** Entries stated by {@link #file} and {@link #dir}; the root directory is root's. */
  @Override
  public Optional<FileStat> lstat(String path) {
    FileStat st = stats.get(path);
    if (st != null) {
      return Optional.of(st);
    }
    // a directory above a stated path exists, and is root's unless stated otherwise
    String prefix = path.equals("/") ? "/" : path + "/";
    boolean parent =
        path.equals("/")
            || stats.keySet().stream().anyMatch(k -> k.startsWith(prefix))
            || files.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    return parent
        ? Optional.of(new FileStat(path, "root", "root", 0755, 4096, "directory", 0))
        : Optional.empty();
  }

  @Override
  public Optional<String> readFile(String path) {
    return Optional.ofNullable(files.get(path));
  }

  @Override
  public void writeFile(String path, String content, FileAttrs attrs) {
    files.put(path, content);
  }

  @Override
  public void deleteFile(String path) {
    files.remove(path);
  }

  @Override
  public List<String> listDirectory(String path) {
    String prefix = path + "/";
    List<String> out = new ArrayList<>();
    for (String p : stats.keySet()) {
      if (p.startsWith(prefix) && !p.substring(prefix.length()).contains("/")) {
        out.add(p.substring(prefix.length()));
      }
    }
    out.sort(null);
    return out;
  }

  @Override
  public Optional<FileStat> stat(String path) {
    return Optional.ofNullable(stats.get(path));
  }

  @Override
  public boolean simulated() {
    return true;
  }

  @Override
  public String name() {
    return "scripted";
  }
}
