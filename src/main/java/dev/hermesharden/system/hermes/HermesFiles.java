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

  /** The sticky profile choice Hermes reads in its root ({@code hermes profile use}). */
  public static String activeProfile(String home) {
    return join(home, "active_profile");
  }

  /** The HERMES_HOME a profile gives Hermes ({@code hermes_cli/profiles.py}). */
  public static String profile(String home, String name) {
    return join(join(home, "profiles"), name);
  }

  /**
   * The profile {@code hermes_cli/main.py} {@code _apply_profile_override} switches to when {@code
   * active_profile} holds {@code text} ("" for none): a valid profile name other than {@code
   * default}, unless HERMES_HOME is a profile directory itself (its parent is {@code profiles}).
   */
  public static String activeProfileName(String home, String text) {
    String name = text.strip();
    String parent = home.replaceAll("/+$", "").replaceAll("/[^/]*$", "");
    if (parent.endsWith("/profiles")
        || name.equals("default")
        || !name.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
      return "";
    }
    return name;
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
