package dev.hermesharden.system.sshkeys;

import dev.hermesharden.host.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses {@code authorized_keys} text as sshd reads it (sshd(8) AUTHORIZED_KEYS FILE FORMAT): blank
 * lines and {@code #} comments are skipped; a line is {@code [options] type base64 [comment]},
 * where options may hold quoted strings with spaces ({@code command="a b"}).
 *
 * <p>Linear in the size of the file: one pass per line, no regular expressions that backtrack.
 * Caveat: a line we cannot read is reported in {@link Result#unreadable()}, as sshd would skip it.
 */
public final class AuthorizedKeysParser {
  /** The keys found and the numbers of lines that are neither keys nor comments. */
  public record Result(List<AuthorizedKey> keys, List<Integer> unreadable) {
    public Result {
      keys = List.copyOf(keys);
      unreadable = List.copyOf(unreadable);
    }
  }

  /** The {@link Host#parsed} kind of an {@code authorized_keys} text. */
  public static final String KIND = "authorized-keys";

  private AuthorizedKeysParser() {}

  /**
   * {@link #parse(String)} once per run of checks: 10,000 keys of one file are read by the keys
   * step and by the watch step.
   */
  public static Result parse(Host host, String path, String text) {
    return host.parsed(KIND, path, text, AuthorizedKeysParser::parse);
  }

  public static Result parse(String text) {
    List<AuthorizedKey> keys = new ArrayList<>();
    List<Integer> bad = new ArrayList<>();
    int n = 0;
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      n++;
      String line = text.substring(start, end).strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        Optional<AuthorizedKey> k = parseLine(n, line);
        if (k.isPresent()) {
          keys.add(k.get());
        } else {
          bad.add(n);
        }
      }
      start = end + 1;
    }
    return new Result(keys, bad);
  }

  /** One non-comment line; also used for a public key the admin pastes. */
  public static Optional<AuthorizedKey> parseLine(int lineNo, String line) {
    String rest = line.strip();
    String options = "";
    if (!looksLikeType(firstWord(rest))) {
      int end = endOfOptions(rest);
      options = rest.substring(0, end);
      rest = rest.substring(end).strip();
    }
    String type = firstWord(rest);
    if (!looksLikeType(type)) {
      return Optional.empty();
    }
    rest = rest.substring(type.length()).strip();
    String blob = firstWord(rest);
    String comment = rest.substring(blob.length()).strip();
    String opts = options;
    return PublicKey.decode(blob).map(k -> new AuthorizedKey(lineNo, opts, type, k, comment));
  }

  private static boolean looksLikeType(String w) {
    return w.startsWith("ssh-") || w.startsWith("ecdsa-") || w.startsWith("sk-");
  }

  private static String firstWord(String s) {
    int i = 0;
    while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return s.substring(0, i);
  }

  /** Index just after the options field: the first blank outside double quotes. */
  private static int endOfOptions(String s) {
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && quoted && i + 1 < s.length()) {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && Character.isWhitespace(c)) {
        return i;
      }
    }
    return s.length();
  }
}
