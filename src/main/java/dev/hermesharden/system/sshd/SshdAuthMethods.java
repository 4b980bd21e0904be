package dev.hermesharden.system.sshd;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which authentication methods sshd offers and which of them let someone in with a password alone,
 * computed from an effective configuration ({@code sshd -T -C …}) the way OpenSSH's auth2.c does: a
 * method is offered when its keyword is on and, with {@code AuthenticationMethods}, when it may
 * start one of the listed chains.
 */
public final class SshdAuthMethods {
  /** OpenSSH's order in a "none" failure answer (auth2.c {@code authmethods[]}). */
  private static final List<String[]> METHODS =
      List.of(
          new String[] {"publickey", "pubkeyauthentication"},
          new String[] {"gssapi-with-mic", "gssapiauthentication"},
          new String[] {"password", "passwordauthentication"},
          new String[] {"keyboard-interactive", "kbdinteractiveauthentication"},
          new String[] {"hostbased", "hostbasedauthentication"});

  /** Methods that ask for something a person knows (a password, a PAM prompt). */
  public static final Set<String> SECRET_METHODS = Set.of("password", "keyboard-interactive");

  private SshdAuthMethods() {}

  /** The methods a "none" request is answered with for this configuration. */
  public static List<String> offered(SshdEffectiveConfig e) {
    List<List<String>> chains = chains(e);
    List<String> out = new ArrayList<>();
    for (String[] m : METHODS) {
      if (!enabled(e, m[0], m[1])) {
        continue;
      }
      if (chains.isEmpty() || chains.stream().anyMatch(c -> base(c.get(0)).equals(m[0]))) {
        out.add(m[0]);
      }
    }
    return out;
  }

  /**
   * The chains of {@code AuthenticationMethods} (each a list of methods that must all succeed), or
   * empty for {@code any}: then any single enabled method suffices.
   */
  public static List<List<String>> chains(SshdEffectiveConfig e) {
    String v = e.first("authenticationmethods").orElse("any").strip();
    if (v.isEmpty() || v.equalsIgnoreCase("any")) {
      return List.of();
    }
    List<List<String>> out = new ArrayList<>();
    for (String chain : v.split("\\s+")) {
      out.add(List.of(chain.split(",")));
    }
    return out;
  }

  /**
   * Methods that alone, with a secret a person types, log a user in: enabled, and either no
   * AuthenticationMethods or a chain made only of such methods. {@code keyboard-interactive} counts
   * only with {@code UsePAM yes}: on Linux PAM is its only device, without it sshd offers the
   * method but never prompts.
   */
  public static Set<String> secretOnly(SshdEffectiveConfig e) {
    Set<String> usable = new LinkedHashSet<>();
    for (String m : SECRET_METHODS) {
      if (enabled(e, m, m.equals("password") ? "passwordauthentication" : kbdKeyword(e))
          && (!m.equals("keyboard-interactive") || yes(e, "usepam"))) {
        usable.add(m);
      }
    }
    List<List<String>> chains = chains(e);
    if (chains.isEmpty()) {
      return usable;
    }
    Set<String> out = new LinkedHashSet<>();
    for (List<String> chain : chains) {
      if (chain.stream().allMatch(c -> usable.contains(base(c)))) {
        chain.forEach(c -> out.add(base(c)));
      }
    }
    return out;
  }

  private static String kbdKeyword(SshdEffectiveConfig e) {
    return e.has("kbdinteractiveauthentication")
        ? "kbdinteractiveauthentication"
        : "challengeresponseauthentication";
  }

  private static boolean enabled(SshdEffectiveConfig e, String method, String keyword) {
    if (method.equals("keyboard-interactive")) {
      keyword = kbdKeyword(e);
    }
    return yes(e, keyword);
  }

  private static boolean yes(SshdEffectiveConfig e, String keyword) {
    return e.first(keyword)
        .map(v -> v.strip().toLowerCase(Locale.ROOT).equals("yes"))
        .orElse(false);
  }

  /** {@code keyboard-interactive:pam} is keyboard-interactive with a device named. */
  private static String base(String method) {
    int colon = method.indexOf(':');
    return colon < 0 ? method : method.substring(0, colon);
  }
}
