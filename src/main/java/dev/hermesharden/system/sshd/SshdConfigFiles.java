package dev.hermesharden.system.sshd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The sshd configuration files as sshd reads them: {@code /etc/ssh/sshd_config} with each {@code
 * Include} expanded where it stands (globs relative to {@code /etc/ssh}, matches in lexical order),
 * {@code Match} blocks, keywords case-insensitive. Outside Match, the first value read wins, except
 * for {@link SshdKeywords#MULTI} keywords whose lines add up; a matching Match block overrides.
 *
 * <p>Used to say where an effective value came from and to compute {@code sshd -T} in practice
 * mode. Caveat: the live answer is {@code sshd -T}; this model skips {@code Group} matches and the
 * per-keyword details of what Match may set.
 */
public final class SshdConfigFiles {
  public static final String MAIN = "/etc/ssh/sshd_config";
  public static final String DROP_IN_DIR = "/etc/ssh/sshd_config.d";
  public static final String DROP_IN_GLOB = DROP_IN_DIR + "/*.conf";
  private static final int MAX_DEPTH = 16;

  private final List<ConfigEntry> entries = new ArrayList<>();
  private final List<MatchBlock> blocks = new ArrayList<>();
  private final List<ConfigEntry> unknown = new ArrayList<>();
  private final List<String> filesRead = new ArrayList<>();
  private final Map<String, String> files;
  private boolean mainIncludesDropIns;

  private SshdConfigFiles(Map<String, String> files) {
    this.files = files;
  }

  /** Parses a snapshot of files (path to text) starting at {@link #MAIN}. */
  public static SshdConfigFiles parse(Map<String, String> files) {
    return parse(MAIN, files);
  }

  public static SshdConfigFiles parse(String main, Map<String, String> files) {
    SshdConfigFiles c = new SshdConfigFiles(new LinkedHashMap<>(files));
    c.readFile(main, -1, 0, true);
    return c;
  }

  private void readFile(String path, int inheritedBlock, int depth, boolean isMain) {
    String text = files.get(path);
    if (text == null || depth > MAX_DEPTH) {
      return;
    }
    filesRead.add(path);
    int block = inheritedBlock;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Optional<String[]> kv = split(lines[i]);
      if (kv.isEmpty()) {
        continue;
      }
      String keyword = kv.get()[0].toLowerCase(Locale.ROOT);
      String value = kv.get()[1];
      ConfigEntry e = new ConfigEntry(keyword, value, path, i + 1, block);
      if (keyword.equals("match")) {
        block = blocks.size();
        blocks.add(new MatchBlock(block, value, path, i + 1));
      } else if (keyword.equals("include")) {
        for (String glob : value.split("\\s+")) {
          String abs = glob.startsWith("/") ? glob : "/etc/ssh/" + glob;
          if (isMain && abs.equals(DROP_IN_GLOB)) {
            mainIncludesDropIns = true;
          }
          for (String f : expand(abs)) {
            readFile(f, block, depth + 1, false);
          }
        }
      } else if (!SshdKeywords.known(keyword)) {
        unknown.add(e);
      } else {
        entries.add(e);
      }
    }
  }

  /** Keyword and arguments of one line, or empty for blank lines and comments. */
  static Optional<String[]> split(String raw) {
    String line = raw.strip();
    if (line.isEmpty() || line.startsWith("#")) {
      return Optional.empty();
    }
    int end = 0;
    while (end < line.length()
        && !Character.isWhitespace(line.charAt(end))
        && line.charAt(end) != '=') {
      end++;
    }
    String rest = line.substring(end).strip();
    if (rest.startsWith("=")) {
      rest = rest.substring(1).strip();
    }
    int hash = rest.indexOf(" #");
    if (hash < 0) {
      hash = rest.indexOf("\t#");
    }
    if (hash >= 0) {
      rest = rest.substring(0, hash).strip();
    }
    return Optional.of(new String[] {line.substring(0, end), rest});
  }

  private List<String> expand(String glob) {
    if (!glob.contains("*") && !glob.contains("?")) {
      return files.containsKey(glob) ? List.of(glob) : List.of();
    }
    int slash = glob.lastIndexOf('/');
    String dir = glob.substring(0, slash + 1);
    Pattern name = MatchCriteria.wildcard(glob.substring(slash + 1));
    return files.keySet().stream()
        .filter(p -> p.startsWith(dir) && p.indexOf('/', dir.length()) < 0)
        .filter(p -> name.matcher(p.substring(dir.length())).matches())
        .sorted()
        .toList();
  }

  /** Every known setting line in the order sshd reads them (Match lines themselves excluded). */
  public List<ConfigEntry> entries() {
    return List.copyOf(entries);
  }

  public List<MatchBlock> matchBlocks() {
    return List.copyOf(blocks);
  }

  /** Lines with a keyword sshd does not know (sshd -t refuses them). */
  public List<ConfigEntry> unknownKeywords() {
    return List.copyOf(unknown);
  }

  /** The files read, in the order sshd reads them. */
  public List<String> filesRead() {
    return List.copyOf(filesRead);
  }

  /** The snapshot this was parsed from (path to text). */
  public Map<String, String> files() {
    return java.util.Collections.unmodifiableMap(files);
  }

  /**
   * Whether the main file has {@code Include /etc/ssh/sshd_config.d/*.conf} (older images do not).
   */
  public boolean mainIncludesDropIns() {
    return mainIncludesDropIns;
  }

  /**
   * The lines that decide each keyword for a connection: outside Match the first line wins (all
   * lines for multi-value keywords); the first matching Match block that sets a keyword overrides.
   * Without a spec no Match block applies, as with a plain {@code sshd -T}.
   */
  public Map<String, List<ConfigEntry>> effective(Optional<MatchSpec> spec) {
    Map<String, List<ConfigEntry>> global =
        collect(entries.stream().filter(e -> !e.inMatch()).toList());
    if (spec.isEmpty()) {
      return global;
    }
    List<ConfigEntry> matched =
        entries.stream()
            .filter(ConfigEntry::inMatch)
            .filter(e -> MatchCriteria.matches(blocks.get(e.matchBlock()).criteria(), spec.get()))
            .toList();
    global.putAll(collect(matched));
    return global;
  }

  /** The line that decides a single-value keyword for a connection, if any line sets it. */
  public Optional<ConfigEntry> decidingLine(String keyword, Optional<MatchSpec> spec) {
    List<ConfigEntry> l = effective(spec).get(keyword.toLowerCase(Locale.ROOT));
    return l == null || l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  /** Lines inside Match blocks that set one of the keywords to the given first word. */
  public List<ConfigEntry> matchLinesSetting(List<String> keywords, String firstWord) {
    return entries.stream()
        .filter(ConfigEntry::inMatch)
        .filter(e -> keywords.contains(e.keyword()) && e.firstWord().equals(firstWord))
        .toList();
  }

  /** Whether a Match block applies to a connection. */
  public boolean blockMatches(MatchBlock block, MatchSpec spec) {
    return MatchCriteria.matches(block.criteria(), spec);
  }

  private static Map<String, List<ConfigEntry>> collect(List<ConfigEntry> lines) {
    Map<String, List<ConfigEntry>> out = new LinkedHashMap<>();
    for (ConfigEntry e : lines) {
      List<ConfigEntry> l = out.computeIfAbsent(e.keyword(), k -> new ArrayList<>());
      if (l.isEmpty() || SshdKeywords.multi(e.keyword())) {
        l.add(e);
      }
    }
    return out;
  }
}
