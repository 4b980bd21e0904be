package dev.hermesharden.host;

/**
 * Whether a path carries a POSIX ACL. {@code ls} marks such an entry with a {@code +} after its
 * mode; {@code ls} is on every Debian and Ubuntu, {@code getfacl} (package acl) is not. With an ACL
 * the mode's group bits are the ACL's mask: the most any named account or group may do, so an ACL
 * can add holders only where the group bits already grant something.
 */
public final class PosixAcl {
  private PosixAcl() {}

  /** Whether {@code path} carries an ACL; a question that cannot be answered counts as yes. */
  public static boolean present(Host host, String path) throws HostException {
    ExecResult r = host.exec("ls", "-ld", "--", path);
    String mode = r.stdout().split("[ \\n]", 2)[0];
    return !r.ok() || mode.length() < 10 || (mode.length() > 10 && mode.charAt(10) == '+');
  }
}
