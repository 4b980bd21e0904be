package dev.hermesharden.system.sshd;

import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code /etc/ssh/sshd_config} and every file its {@code Include} lines name from a host into
 * a snapshot for {@link SshdConfigFiles#parse}. Only reads; unreadable files are left out.
 *
 * <p>Files are read as sshd reads them, as bytes: ISO-8859-1 keeps every byte as one char, so a
 * drop-in that is not valid UTF-8 is still judged, and written back byte for byte ({@link
 * #CHARSET}).
 */
public final class SshdConfigReader {
  private static final int MAX_FILES = 64;

  /** How sshd's files map to text, here and in every plan that writes them. */
  public static final java.nio.charset.Charset CHARSET = StandardCharsets.ISO_8859_1;

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
    Optional<String> text;
    try {
      text = host.readFile(path, CHARSET);
    } catch (HostException e) {
      if (path.equals(SshdConfigFiles.MAIN)) {
        throw e;
      }
      return; // an included file we may not read: sshd -T still says what is in effect
    }
    if (text.isEmpty()) {
      return;
    }
    files.put(path, text.get());
    for (String abs : includes(text.get())) {
      for (String f : candidates(host, abs)) {
        read(host, f, files);
      }
    }
  }

  /** Every word of the text's {@code Include} lines, absolute (relative ones are in /etc/ssh). */
  static List<String> includes(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      Optional<String[]> kv = SshdConfigFiles.split(line);
      if (kv.isEmpty() || !kv.get()[0].equalsIgnoreCase("include")) {
        continue;
      }
      for (String glob : kv.get()[1].split("\\s+")) {
        out.add(glob.startsWith("/") ? glob : "/etc/ssh/" + glob);
      }
    }
    return out;
  }

  /**
   * Every path whose change changes what sshd reads at its next start: each file of {@code
   * snapshot}, and for each {@code Include} of them the directory a glob lists (a new file there is
   * read too) or the file named (it may not exist yet).
   */
  public static List<String> governing(Map<String, String> snapshot) {
    Set<String> out = new LinkedHashSet<>(snapshot.keySet());
    for (String text : snapshot.values()) {
      for (String abs : includes(text)) {
        boolean glob = abs.contains("*") || abs.contains("?") || abs.contains("[");
        out.add(glob ? abs.substring(0, Math.max(1, abs.lastIndexOf('/'))) : abs);
      }
    }
    return List.copyOf(out);
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
