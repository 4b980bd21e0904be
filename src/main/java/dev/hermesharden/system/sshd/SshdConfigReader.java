package dev.hermesharden.system.sshd;

import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code /etc/ssh/sshd_config} and every file its {@code Include} lines name from a host into
 * a snapshot for {@link SshdConfigFiles#parse}. Only reads; unreadable files are left out.
 */
public final class SshdConfigReader {
  private static final int MAX_FILES = 64;

  private SshdConfigReader() {}

  public static Map<String, String> snapshot(Host host) throws HostException {
    Map<String, String> files = new LinkedHashMap<>();
    read(host, SshdConfigFiles.MAIN, files);
    return files;
  }

  private static void read(Host host, String path, Map<String, String> files) throws HostException {
    if (files.containsKey(path) || files.size() >= MAX_FILES) {
      return;
    }
    Optional<String> text = host.readFile(path);
    if (text.isEmpty()) {
      return;
    }
    files.put(path, text.get());
    for (String line : text.get().split("\n")) {
      Optional<String[]> kv = SshdConfigFiles.split(line);
      if (kv.isEmpty() || !kv.get()[0].equalsIgnoreCase("include")) {
        continue;
      }
      for (String glob : kv.get()[1].split("\\s+")) {
        String abs = glob.startsWith("/") ? glob : "/etc/ssh/" + glob;
        for (String f : candidates(host, abs)) {
          read(host, f, files);
        }
      }
    }
  }

  private static List<String> candidates(Host host, String glob) throws HostException {
    if (!glob.contains("*") && !glob.contains("?")) {
      return List.of(glob);
    }
    int slash = glob.lastIndexOf('/');
    String dir = glob.substring(0, slash + 1);
    var name = MatchCriteria.wildcard(glob.substring(slash + 1));
    return host.listDirectory(dir.length() > 1 ? dir.substring(0, dir.length() - 1) : dir).stream()
        .filter(n -> name.matcher(n).matches())
        .sorted()
        .map(n -> dir + n)
        .toList();
  }
}
