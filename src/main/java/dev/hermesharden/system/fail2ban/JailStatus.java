package dev.hermesharden.system.fail2ban;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code fail2ban-client status JAIL}. A journal jail prints {@code Journal matches}, a file jail
 * {@code File list}; the other is empty.
 */
public record JailStatus(
    String jail,
    int currentlyFailed,
    int totalFailed,
    List<String> fileList,
    Optional<String> journalMatches,
    int currentlyBanned,
    int totalBanned,
    List<String> bannedIps) {
  public JailStatus {
    fileList = List.copyOf(fileList);
    bannedIps = List.copyOf(bannedIps);
  }

  /**
   * @throws IllegalArgumentException when the text is not a jail status (e.g. "Sorry but the jail
   *     'sshd' does not exist")
   */
  public static JailStatus parse(String text) {
    String first = text.strip().split("\n", 2)[0];
    if (!first.startsWith("Status for the jail:")) {
      throw new IllegalArgumentException("not fail2ban-client jail status: " + first);
    }
    Map<String, String> l = Fail2banTree.leaves(text);
    return new JailStatus(
        first.substring("Status for the jail:".length()).strip(),
        num(l, "Currently failed"),
        num(l, "Total failed"),
        words(l.get("File list")),
        Optional.ofNullable(l.get("Journal matches")),
        num(l, "Currently banned"),
        num(l, "Total banned"),
        words(l.get("Banned IP list")));
  }

  private static int num(Map<String, String> l, String key) {
    String v = l.get(key);
    return v == null || v.isEmpty() ? 0 : Integer.parseInt(v);
  }

  private static List<String> words(String v) {
    return v == null
        ? List.of()
        : Arrays.stream(v.split("\\s+")).filter(s -> !s.isBlank()).toList();
  }
}
