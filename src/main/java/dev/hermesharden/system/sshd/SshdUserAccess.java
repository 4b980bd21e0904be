package dev.hermesharden.system.sshd;

import java.util.List;
import java.util.Optional;

/**
 * Whether sshd lets an account try to log in at all, as OpenSSH's {@code allowed_user()} decides:
 * DenyUsers, then AllowUsers, then DenyGroups, then AllowGroups; an unset list does not restrict.
 * Entries of the user lists may carry {@code @host}: the entry names the user only from there, so
 * it counts as naming the user (somewhere it is allowed or denied); a deny from one host does not
 * keep the user out everywhere.
 */
public final class SshdUserAccess {
  private SshdUserAccess() {}

  /**
   * Empty when the user may try to log in; else the keyword that refuses them everywhere, e.g.
   * {@code DenyUsers root}.
   */
  public static Optional<String> refusedBy(
      SshdEffectiveConfig e, String user, List<String> groups) {
    for (String entry : e.words("denyusers")) {
      if (!entry.contains("@") && MatchCriteria.wildcard(entry).matcher(user).matches()) {
        return Optional.of("DenyUsers " + entry);
      }
    }
    List<String> allow = e.words("allowusers");
    if (!allow.isEmpty() && !e.allowUsersPermits(user)) {
      return Optional.of("AllowUsers " + String.join(" ", allow));
    }
    for (String g : e.words("denygroups")) {
      if (groups.stream().anyMatch(mine -> MatchCriteria.wildcard(g).matcher(mine).matches())) {
        return Optional.of("DenyGroups " + g);
      }
    }
    List<String> allowGroups = e.words("allowgroups");
    if (!allowGroups.isEmpty()
        && groups.stream()
            .noneMatch(
                mine ->
                    allowGroups.stream()
                        .anyMatch(g -> MatchCriteria.wildcard(g).matcher(mine).matches()))) {
      return Optional.of("AllowGroups " + String.join(" ", allowGroups));
    }
    return Optional.empty();
  }
}
