package dev.hermesharden.host.ssh;

import dev.hermesharden.host.HostException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the admin's {@code ~/.ssh/config} as OpenSSH does, for the keywords this tool follows:
 * {@code Host} blocks (patterns with {@code *}, {@code ?} and {@code !}), {@code HostName}, {@code
 * User}, {@code Port}, {@code IdentityFile} (with {@code ~} and {@code %d %u %h %r %n %p %%}),
 * {@code IdentitiesOnly} and {@code Include}. The first value found wins, {@code IdentityFile}s add
 * up.
 *
 * <p>What it does not follow (docs/remote-ssh.md): a {@code Match} block is not evaluated and its
 * lines are skipped, with a note; {@code ProxyJump} or {@code ProxyCommand} for the host is refused
 * ({@link HostException.Kind#SSH_CONFIG}) rather than silently dialling the host directly. The
 * system-wide {@code /etc/ssh/ssh_config} is not read.
 */
public final class SshConfig {
  static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");
  private static final int MAX_INCLUDE_DEPTH = 16;

  private final Path home;
  private final String localUser;
  private final Map<String, String> first = new HashMap<>();
  private final Map<String, String> where = new HashMap<>();
  private final List<String> identityFiles = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private SshConfig(Path home, String localUser) {
    this.home = home;
    this.localUser = localUser;
  }

  /**
   * Resolves a target with {@code home/.ssh/config} (absent: nothing configured).
   *
   * @throws HostException {@code SSH_CONFIG} when the host needs a proxy
   */
  public static SshEndpoint resolve(SshTarget target, Path home, String localUser)
      throws HostException {
    SshConfig c = new SshConfig(home, localUser);
    c.read(home.resolve(".ssh/config"), target.host(), 0);
    return c.endpoint(target);
  }

  private SshEndpoint endpoint(SshTarget t) throws HostException {
    for (String proxy : List.of("proxyjump", "proxycommand")) {
      String v = first.get(proxy);
      if (v != null && !v.equalsIgnoreCase("none")) {
        throw new HostException(
            HostException.Kind.SSH_CONFIG,
            where.get(proxy) + ": " + proxy + " " + v + " is not supported",
            null,
            "host.error.ssh-config-proxy",
            List.of(
                t.host(),
                proxy.equals("proxyjump") ? "ProxyJump" : "ProxyCommand",
                where.get(proxy)));
      }
    }
    String hostName = expand(first.getOrDefault("hostname", t.host()), t.host(), t.host(), "", 0);
    String user = t.user().orElse(first.getOrDefault("user", localUser));
    int port = t.port().orElse(parsePort(first.get("port")));
    List<Path> files = new ArrayList<>();
    List<String> given = identityFiles.isEmpty() ? defaultKeys() : identityFiles;
    for (String f : given) {
      // as ssh: ~ and tokens expanded, a relative path taken from the working directory
      files.add(Path.of(expand(f, t.host(), hostName, user, port)).toAbsolutePath());
    }
    return new SshEndpoint(
        t.host(),
        hostName,
        port,
        user,
        files,
        "yes".equalsIgnoreCase(first.get("identitiesonly")),
        notes);
  }

  private static List<String> defaultKeys() {
    return DEFAULT_KEYS.stream().map(k -> "~/.ssh/" + k).toList();
  }

  private static int parsePort(String v) {
    try {
      return v == null ? 22 : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return 22;
    }
  }

  private void read(Path file, String alias, int depth) throws HostException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return; // no file (or none readable) configures nothing, as with ssh
    }
    boolean active = true;
    for (int i = 0; i < lines.size(); i++) {
      List<String> words = words(lines.get(i));
      if (words.isEmpty()) {
        continue;
      }
      String key = words.get(0).toLowerCase(Locale.ROOT);
      List<String> args = words.subList(1, words.size());
      String at = file + ":" + (i + 1);
      switch (key) {
        case "host" -> active = hostMatches(args, alias);
        case "match" -> {
          active = false;
          notes.add(at + ": Match is not evaluated; its lines are skipped");
        }
        case "include" -> {
          if (active && depth < MAX_INCLUDE_DEPTH) {
            for (String pattern : args) {
              for (Path p : glob(pattern)) {
                read(p, alias, depth + 1);
              }
            }
          }
        }
        case "identityfile" -> {
          if (active && !args.isEmpty()) {
            identityFiles.add(args.get(0));
          }
        }
        default -> {
          if (active && !args.isEmpty() && !first.containsKey(key)) {
            first.put(key, String.join(" ", args));
            where.put(key, at);
          }
        }
      }
    }
  }

  /** A {@code Host} line applies when a pattern matches and no negated one does. */
  static boolean hostMatches(List<String> patterns, String alias) {
    boolean any = false;
    for (String p : patterns) {
      if (p.startsWith("!")) {
        if (wildcard(p.substring(1), alias)) {
          return false;
        }
      } else if (wildcard(p, alias)) {
        any = true;
      }
    }
    return any;
  }

  /** {@code *} any run of characters, {@code ?} one; case-insensitive as OpenSSH for host names. */
  static boolean wildcard(String pattern, String s) {
    String p = pattern.toLowerCase(Locale.ROOT);
    String t = s.toLowerCase(Locale.ROOT);
    int pi = 0;
    int ti = 0;
    int star = -1;
    int mark = 0;
    while (ti < t.length()) {
      if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == t.charAt(ti))) {
        pi++;
        ti++;
      } else if (pi < p.length() && p.charAt(pi) == '*') {
        star = pi++;
        mark = ti;
      } else if (star >= 0) {
        pi = star + 1;
        ti = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.length() && p.charAt(pi) == '*') {
      pi++;
    }
    return pi == p.length();
  }

  /**
   * An Include operand: {@code ~} expanded, relative to {@code ~/.ssh}, a glob in its last part.
   */
  private List<Path> glob(String pattern) {
    Path p =
        home.resolve(".ssh")
            .resolve(pattern.startsWith("~/") ? home + pattern.substring(1) : pattern);
    Path dir = p.getParent();
    String name = p.getFileName().toString();
    if (!name.contains("*") && !name.contains("?")) {
      return List.of(p);
    }
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, name)) {
      ds.forEach(out::add);
    } catch (IOException e) {
      return List.of();
    }
    out.sort(null); // ssh takes glob(3)'s sorted order
    return out;
  }

  /** {@code ~/} and the {@code %} tokens of ssh_config(5) this tool knows. */
  private String expand(String v, String alias, String hostName, String user, int port) {
    String s = v.startsWith("~/") ? home + v.substring(1) : v;
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '%' || i + 1 == s.length()) {
        out.append(c);
        continue;
      }
      char t = s.charAt(++i);
      switch (t) {
        case '%' -> out.append('%');
        case 'd' -> out.append(home);
        case 'u' -> out.append(localUser);
        case 'h' -> out.append(hostName);
        case 'n' -> out.append(alias);
        case 'r' -> out.append(user);
        case 'p' -> out.append(port);
        default -> out.append('%').append(t);
      }
    }
    return out.toString();
  }

  /**
   * The words of a line: a keyword, then arguments split at blanks, {@code "…"} keeping blanks; a
   * {@code =} may separate the keyword; {@code #} starts a comment at the beginning of a line.
   */
  static List<String> words(String line) {
    String l = line.strip();
    List<String> out = new ArrayList<>();
    if (l.isEmpty() || l.startsWith("#")) {
      return out;
    }
    int eq = l.indexOf('=');
    int blank = -1;
    for (int i = 0; i < l.length() && blank < 0; i++) {
      blank = l.charAt(i) == ' ' || l.charAt(i) == '\t' ? i : -1;
    }
    if (eq > 0 && (blank < 0 || eq < blank || l.substring(blank, eq).isBlank())) {
      out.add(l.substring(0, eq).strip());
      l = l.substring(eq + 1);
    }
    StringBuilder w = null;
    boolean quoted = false;
    for (char c : l.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        w = w == null ? new StringBuilder() : w;
      } else if (!quoted && (c == ' ' || c == '\t')) {
        if (w != null) {
          out.add(w.toString());
          w = null;
        }
      } else {
        w = w == null ? new StringBuilder() : w;
        w.append(c);
      }
    }
    if (w != null) {
      out.add(w.toString());
    }
    return out;
  }
}
