package dev.hermesharden.system.accounts;

import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The groups {@code /etc/gshadow} names an account in, as a member or as a group administrator.
 * {@code id -nG} reads only {@code /etc/group}; {@code newgrp} reads {@code /etc/gshadow} too: the
 * agent named as a member there alone got the group with {@code newgrp} and no password, and a
 * group's administrator may add itself with {@code gpasswd -a} (EarlyStepsHostileSandbox4Test).
 *
 * @param members the groups whose member list (fourth field) names the account
 * @param administrators the groups whose administrator list (third field) names it
 */
public record GshadowGrants(List<String> members, List<String> administrators) {
  public static final String PATH = "/etc/gshadow";

  public GshadowGrants {
    members = List.copyOf(members);
    administrators = List.copyOf(administrators);
  }

  /**
   * Reads {@link #PATH} (root's, mode 0640 root:shadow): empty when it may not be read (not run as
   * root) or does not exist.
   *
   * @throws HostException when root cannot read it for another reason (not a regular file, too
   *     large, an I/O error): the check is an ERROR, never a pass on a file it did not read
   */
  public static Optional<GshadowGrants> read(Host host, String user) throws HostException {
    try {
      return host.readFile(PATH).map(text -> parse(text, user));
    } catch (HostException e) {
      if (e.kind() != HostException.Kind.PERMISSION) {
        throw e;
      }
      return Optional.empty();
    }
  }

  /** The grants of {@code user} in gshadow's text ({@code name:password:admins:members}). */
  public static GshadowGrants parse(String text, String user) {
    List<String> members = new ArrayList<>();
    List<String> admins = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = line.split(":", -1);
      if (f.length < 4 || f[0].isEmpty()) {
        continue;
      }
      if (List.of(f[3].strip().split(",")).contains(user)) {
        members.add(f[0]);
      }
      if (List.of(f[2].strip().split(",")).contains(user)) {
        admins.add(f[0]);
      }
    }
    return new GshadowGrants(members, admins);
  }
}
