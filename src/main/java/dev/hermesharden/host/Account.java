package dev.hermesharden.host;

import java.util.ArrayList;
import java.util.List;

/**
 * An account the tool acts as when a path belongs to it (see {@link PathTrust}): numeric ids for
 * {@code setpriv}, a name for what the admin reads.
 *
 * @param gid the account's primary group; {@code nogroup} (65534) when it has no passwd entry
 */
public record Account(int uid, int gid, String name) {
  static final int NOGROUP = 65534;

  /** The account with this uid (from {@code getent passwd}); a bare number when it has none. */
  public static Account of(Host host, int uid) throws HostException {
    ExecResult r = host.exec("getent", "passwd", String.valueOf(uid));
    return PasswdEntry.parseFirst(r.ok() ? r.stdout() : "")
        .filter(e -> e.uid() == uid)
        .map(e -> new Account(uid, e.gid(), e.name()))
        .orElse(new Account(uid, NOGROUP, String.valueOf(uid)));
  }

  /**
   * An account known by name only, not yet on the host (a plan made before step 1 creates it):
   * {@code setpriv} resolves the name, and its group of the same name, when the plan runs.
   */
  public static Account named(String name) {
    return new Account(-1, -1, name);
  }

  /**
   * The argv that runs {@code argv} with this account's rights only: no supplementary groups, no
   * capabilities, no new privileges ({@code setpriv} from util-linux, on every Debian and Ubuntu).
   */
  public List<String> run(List<String> argv) {
    return setpriv("--clear-groups", argv);
  }

  /**
   * The argv that runs {@code argv} as the account really runs: its own supplementary groups from
   * the group database, no capabilities, no new privileges. For asking what the account can do (a
   * {@code test -w} through its groups and ACLs), never for touching its files.
   */
  public List<String> runInItsGroups(List<String> argv) {
    return setpriv("--init-groups", argv);
  }

  private List<String> setpriv(String groups, List<String> argv) {
    if (uid == 0) {
      throw new IllegalArgumentException("refusing to 'drop' to root");
    }
    List<String> out =
        new ArrayList<>(
            List.of(
                "setpriv",
                "--reuid=" + (name.matches("[a-z_][a-z0-9_.-]*") ? name : String.valueOf(uid)),
                "--regid=" + (gid < 0 ? name : String.valueOf(gid)),
                groups,
                "--no-new-privs",
                "--"));
    out.addAll(argv);
    return out;
  }

  /**
   * Whether {@code argv} runs as another account ({@link #run}, {@link #runInItsGroups}). Such a
   * command starts with no environment but {@code LC_ALL} and {@code PATH} (LocalHost, and {@code
   * env -i} on a remote server): the account can read the environment of its own processes ({@code
   * /proc/PID/environ}), and root's (a token root's profile exports) is none of its business.
   */
  public static boolean dropsRights(List<String> argv) {
    return !argv.isEmpty() && argv.get(0).equals("setpriv");
  }

  /** {@link #run(List)} for a few words. */
  public List<String> run(String... argv) {
    return run(List.of(argv));
  }
}
