package dev.hermesharden.report;

import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.PlannedAction;
import dev.hermesharden.fixes.UnifiedDiff;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.Answers;
import dev.hermesharden.system.hermes.HermesFiles;
import dev.hermesharden.system.hermes.HermesHomeLocator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from what the tool shows or writes, without ever hiding what root does
 * (docs/redaction.md):
 *
 * <ul>
 *   <li>{@link #shown(Plan)} and {@link #diff}: command lines, paths and hunk ranges exactly as
 *       they run; diff bodies masked by {@link DiffMask}, which reads nothing from the host.
 *   <li>{@link #redact(String)}: free text (check reasons and details, skip reasons, the answers
 *       export) masked by {@link SecretPatterns} and, for a redactor {@link #forHost}, by the
 *       literal values of secret-named {@code .env} keys that look like random tokens.
 * </ul>
 *
 * <p>Caveat: a secret under an innocent name, in a shape no pattern knows, outside the {@code .env}
 * diff passes through; checks name keys, never values, so none should reach free text.
 */
public final class Redactor {
  /** What a redacted value is replaced with. */
  public static final String MASK = "[REDACTED]";

  private final List<String> literals;
  private final List<Pattern> tokens;

  private Redactor(Set<String> literals) {
    List<String> sorted = new ArrayList<>(literals);
    sorted.sort(Comparator.comparingInt(String::length).reversed()); // longest first
    this.literals = List.copyOf(sorted);
    this.tokens = sorted.stream().map(EnvSecrets::wholeToken).toList();
  }

  /** Patterns only. */
  public static Redactor patterns() {
    return new Redactor(Set.of());
  }

  /**
   * Patterns plus these literal secrets; a value that does not look like a random token ({@link
   * EnvSecrets#tokenLike}) is ignored, so no word, path or command can be made one.
   */
  public Redactor withSecrets(Iterable<String> more) {
    Set<String> all = new LinkedHashSet<>(literals);
    for (String v : more) {
      if (EnvSecrets.tokenLike(v)) {
        all.add(v);
      }
    }
    return new Redactor(all);
  }

  /**
   * Patterns plus the token-like values of secret-named keys in Hermes' {@code .env} on this host.
   * A host that cannot be read gives patterns.
   */
  public static Redactor forHost(Host host, Answers answers) {
    List<String> found = new ArrayList<>();
    try {
      Optional<String> home = HermesHomeLocator.locate(host, answers);
      if (home.isPresent()) {
        host.readFile(HermesFiles.env(home.get()))
            .ifPresent(env -> found.addAll(EnvSecrets.literals(env)));
      }
    } catch (HostException | RuntimeException e) {
      // no .env to read: the patterns still apply
    }
    return patterns().withSecrets(found);
  }

  /** Free text with every secret it recognises replaced by {@link #MASK}. */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (Pattern t : tokens) {
      out = t.matcher(out).replaceAll(Matcher.quoteReplacement(MASK));
    }
    return SecretPatterns.values(SecretPatterns.keyBlocks(out));
  }

  /** A plan as the admin sees it before it runs: every command and path as it will run. */
  public static String shown(Plan plan) {
    return plan.render(DiffMask.INSTANCE);
  }

  /** A setting whose new value a plan writes but does not show (masked as a secret). */
  public record HiddenValue(String path, String key) {}

  private static final Pattern SETTING =
      Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\\s*[=:]");

  /**
   * The settings a plan gives a new value that the shown plan masks (e.g. a generated API key), so
   * a front end can say that it changes and where to read it: the lines the plan adds whose shown
   * form differs from what is written.
   */
  public static List<HiddenValue> hiddenValues(Plan plan) {
    List<HiddenValue> out = new ArrayList<>();
    for (PlannedAction a : plan.actions()) {
      if (!(a instanceof WriteFile w)) {
        continue;
      }
      boolean env = w.path().equals(".env") || w.path().endsWith("/.env");
      List<String> before = w.before().map(b -> List.of(b.split("\n", -1))).orElse(List.of());
      for (String line : w.after().split("\n", -1)) {
        String shown = SecretPatterns.values(env ? EnvSecrets.maskValue(line) : line);
        Matcher m = SETTING.matcher(line);
        if (!before.contains(line) && !shown.equals(line) && m.find()) {
          HiddenValue h = new HiddenValue(w.path(), m.group(1));
          if (!out.contains(h)) {
            out.add(h);
          }
        }
      }
    }
    return out;
  }

  /** The diff of one file as a report shows it, masked the same way as a plan's. */
  public static String diff(String path, String before, String after, boolean created) {
    return UnifiedDiff.of(path, before, after, created, DiffMask.INSTANCE);
  }
}
