package dev.hermesharden.system.hermes;

import dev.hermesharden.model.Answers;
import java.util.ArrayList;
import java.util.List;

/** Where Hermes keeps the files the approvals step reads and edits inside {@code HERMES_HOME}. */
public final class HermesFiles {
  private HermesFiles() {}

  public static String config(String home) {
    return join(home, "config.yaml");
  }

  public static String env(String home) {
    return join(home, ".env");
  }

  /** The places {@link HermesHomeLocator} tries, for a reason that says where we looked. */
  public static List<String> searched(Answers answers) {
    List<String> out = new ArrayList<>();
    answers.get(Answers.HERMES_HOME).ifPresent(out::add);
    out.addAll(HermesHomeLocator.FALLBACKS);
    return out;
  }

  private static String join(String dir, String name) {
    return dir.endsWith("/") ? dir + name : dir + "/" + name;
  }
}
