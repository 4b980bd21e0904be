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
  public final List<String> ran = new ArrayList<>();

  public ScriptedHost answer(String commandLine, int exit, String stdout, String stderr) {
    answers.put(commandLine, new ExecResult(List.of(commandLine.split(" ")), exit, stdout, stderr));
    return this;
  }

  public ScriptedHost file(String path, String content, String owner) {
    files.put(path, content);
    stats.put(path, new FileStat(path, owner, owner, 0644, content.length(), "regular file", 0));
    return this;
  }

  public ScriptedHost dir(String path, String owner) {
    stats.put(path, new FileStat(path, owner, owner, 0755, 4096, "directory", 0));
    return this;
  }

  @Override
  public ExecResult exec(List<String> argv, Duration timeout) {
    String line = String.join(" ", argv);
    ran.add(line);
    ExecResult r = answers.get(line);
    return r != null ? r : new ExecResult(argv, 127, "", argv.get(0) + ": command not found\n");
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
