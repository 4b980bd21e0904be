package dev.hermesharden.engine;

import dev.hermesharden.fixes.backups.AgeRecipient;
import dev.hermesharden.fixes.backups.BackupsInstallFix;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.BadInputException;
import dev.hermesharden.system.accounts.UserName;
import dev.hermesharden.system.net.Cidr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An answers file: the choices of one finished session (user names, private path, Hermes settings)
 * and the steps skipped with kind and reason, to replay on another server with {@code apply
 * --answers}. Never holds a secret: only the keys in {@link #KEYS} are exported or accepted, and
 * none of them is one. Read by {@link AnswersFileParser}, written by {@link #toYaml}.
 *
 * @param answers answer key → value, only keys from {@link #KEYS}
 * @param skips step id → reason, in file order
 */
public record AnswersFile(Map<String, String> answers, Map<String, SkipReason> skips) {
  public static final String FORMAT = "hermes-harden-answers";
  public static final int VERSION = 1;

  /** The answer keys a file may carry, with the values each accepts. */
  static final Map<String, Pattern> KEYS = keys();

  public AnswersFile {
    answers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(answers));
    skips = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skips));
  }

  private static Map<String, Pattern> keys() {
    Map<String, Pattern> k = new LinkedHashMap<>();
    k.put(Answers.ADMIN_USER, UserName.PATTERN);
    k.put(Answers.SERVICE_USER, UserName.PATTERN);
    k.put("private-path.kind", Pattern.compile("tailscale|cidr"));
    k.put("private-path.cidr", Pattern.compile("[0-9a-fA-F:.]+/[0-9]{1,3}"));
    k.put(
        "ssh-keys.public-key",
        Pattern.compile(
            "(ssh-(ed25519|rsa)|ecdsa-sha2-nistp(256|384|521)|sk-[a-z0-9@.-]+) \\S+.*"));
    k.put("hermes.home", Pattern.compile("/[^\\n]*"));
    k.put("docker.compose-files", Pattern.compile("/[^:\\n]*(?::/[^:\\n]*)*"));
    k.put("approvals.generate-api-key", Pattern.compile("yes|no"));
    // the admin's age public key for the backups (the private key never touches the server)
    k.put(BackupsInstallFix.RECIPIENT, AgeRecipient.FORM);
    return java.util.Collections.unmodifiableMap(k);
  }

  /**
   * Refuses a value the answer {@code key} does not accept (the rules of {@link #KEYS}; a CIDR must
   * also parse), for answers files and {@code --set} alike.
   *
   * @throws BadInputException naming {@code file}, {@code line} and {@code field}
   */
  public static void check(String file, int line, String field, String key, String value) {
    Pattern rule = KEYS.get(key);
    if (rule == null) {
      throw new BadInputException(file, line, field, "cli.answers.error.unknown-key", key);
    }
    if (rule == UserName.PATTERN && !UserName.valid(value)) {
      throw new BadInputException(file, line, field, "reason.input.user-name", value);
    }
    if (rule == AgeRecipient.FORM && !AgeRecipient.valid(value)) {
      // never echoed: what was pasted may be the AGE-SECRET-KEY itself
      throw new BadInputException(file, line, field, "reason.input.age-recipient");
    }
    boolean network = key.equals(Answers.PRIVATE_PATH_CIDR);
    if (!rule.matcher(value).matches() || (network && Cidr.tryParse(value).isEmpty())) {
      throw new BadInputException(file, line, field, "cli.answers.error.value", value);
    }
  }

  /** Which answer keys are exported (all known keys the session has). */
  public static Set<String> keyNames() {
    return KEYS.keySet();
  }

  /** From a session: its known answers and its skipped steps, in card order. */
  public static AnswersFile of(Session s) {
    Map<String, String> a = new LinkedHashMap<>();
    for (String key : KEYS.keySet()) {
      s.answers().get(key).ifPresent(v -> a.put(key, v));
    }
    Map<String, SkipReason> skips = new LinkedHashMap<>();
    for (StepState st : s.steps()) {
      if (st.status() == StepStatus.SKIPPED) {
        st.skip().ifPresent(r -> skips.put(st.stepId(), r));
      }
    }
    return new AnswersFile(a, skips);
  }

  /** The file text; values are always double-quoted YAML scalars. */
  public String toYaml(List<String> headerComments) {
    StringBuilder y = new StringBuilder();
    headerComments.forEach(c -> y.append("# ").append(c).append('\n'));
    y.append("format: ").append(FORMAT).append('\n');
    y.append("version: ").append(VERSION).append('\n');
    y.append("answers:\n");
    answers.forEach((k, v) -> y.append("  ").append(k).append(": ").append(quote(v)).append('\n'));
    y.append("skip:").append(skips.isEmpty() ? " []\n" : "\n");
    skips.forEach(
        (step, r) ->
            y.append("  - step: ")
                .append(step)
                .append("\n    kind: ")
                .append(r.kind().name().toLowerCase(java.util.Locale.ROOT))
                .append("\n    reason: ")
                .append(quote(r.text()))
                .append('\n'));
    return y.toString();
  }

  static String quote(String v) {
    StringBuilder q = new StringBuilder("\"");
    for (char c : v.toCharArray()) {
      switch (c) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\t' -> q.append("\\t");
        default -> q.append(c);
      }
    }
    return q.append('"').toString();
  }
}
