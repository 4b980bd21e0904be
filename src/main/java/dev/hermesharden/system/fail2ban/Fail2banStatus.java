package dev.hermesharden.system.fail2ban;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code fail2ban-client status}: how many jails run and their names.
 *
 * <pre>
 * Status
 * |- Number of jail:	1
 * `- Jail list:	sshd
 * </pre>
 */
public record Fail2banStatus(int jailCount, List<String> jails) {
  public Fail2banStatus {
    jails = List.copyOf(jails);
  }

  /**
   * @throws IllegalArgumentException when the text has no jail list (e.g. the server is down)
   */
  public static Fail2banStatus parse(String text) {
    Map<String, String> leaves = Fail2banTree.leaves(text);
    String list = leaves.get("Jail list");
    if (list == null) {
      throw new IllegalArgumentException("not fail2ban-client status output: " + text.strip());
    }
    List<String> jails = Arrays.stream(list.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    return new Fail2banStatus(Integer.parseInt(leaves.getOrDefault("Number of jail", "0")), jails);
  }
}
