package dev.hermesharden.system.hermes;

import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PathTrust;
import dev.hermesharden.model.Answers;
import dev.hermesharden.system.accounts.AccountLookup;
import dev.hermesharden.system.accounts.TrustedAccounts;
import dev.hermesharden.system.compose.ComposeFile;
import dev.hermesharden.system.compose.ComposeFiles;
import dev.hermesharden.system.compose.ComposeService;
import dev.hermesharden.system.compose.ComposeTrust;
import dev.hermesharden.system.compose.Interpolation;
import dev.hermesharden.system.compose.VolumeMount;
import dev.hermesharden.system.docker.ContainerState;
import dev.hermesharden.system.docker.HermesContainers;
import dev.hermesharden.system.docker.RunningContainers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds {@code HERMES_HOME} on the host: the admin's answer first; then what the running Hermes
 * containers mount at their {@code HERMES_HOME}; then the host side of a compose bind mount whose
 * target is {@code /opt/data} (relative sources against the compose file's directory, {@code ~}
 * against the home of the compose file's owner); then the native default {@code ~hermes/.hermes};
 * then the usual places.
 *
 * <p>A candidate is accepted only if it is what it claims to be (docs/threat-model.md): a real
 * directory (not a link), not a system directory or a home directory itself, owned by root, the
 * admin, the service account or the Hermes image's user (uid 10000) — and, when it was named by a
 * compose file an account other than root or the admin can change, owned by the service account
 * itself. Everything else is kept as a rejection with its reason: the hermes-dir fix changes owners
 * and modes in HERMES_HOME, so a hostile compose file must not be able to point it at {@code /etc}.
 *
 * <p>Caveat: a named Docker volume at {@code /opt/data} has no stable host path and is skipped.
 */
public final class HermesHomeLocator {
  static final String CONTAINER_HOME = "/opt/data";

  /** The uid the Hermes Docker image runs as. */
  public static final int IMAGE_UID = 10000;

  static final List<String> FALLBACKS =
      List.of("/opt/hermes/data", "/home/hermes/.hermes", "/root/.hermes");

  /** Trees no HERMES_HOME may be in (or be). */
  static final List<String> SYSTEM_TREES =
      List.of(
          "/etc",
          "/usr",
          "/bin",
          "/sbin",
          "/lib",
          "/lib32",
          "/lib64",
          "/libx32",
          "/boot",
          "/dev",
          "/proc",
          "/sys",
          "/run",
          "/var/run",
          "/var/log",
          "/var/spool",
          "/var/mail",
          "/var/cache",
          "/var/backups",
          "/var/lib/dpkg",
          "/var/lib/apt",
          "/snap");

  /**
   * A place looked at and refused.
   *
   * @param source where the candidate came from: "answer", a compose file's path, "service" or
   *     "default"
   * @param why one word: system-directory, symlink, untrusted-source, owner, shared, other-account
   */
  public record Rejected(String path, String source, String why) {}

  /** Where HERMES_HOME is, if anywhere, and what was refused on the way. */
  public record Location(Optional<String> home, List<Rejected> rejected) {
    public Location {
      rejected = List.copyOf(rejected);
    }
  }

  private record Candidate(String path, String source, boolean trustedSource) {}

  private HermesHomeLocator() {}

  public static Optional<String> locate(Host host, Answers answers) throws HostException {
    return find(host, answers).home();
  }

  public static Location find(Host host, Answers answers) throws HostException {
    Optional<AccountLookup> service = AccountLookup.of(host, answers.serviceUser());
    int serviceUid = service.map(AccountLookup::uid).filter(u -> u > 0).orElse(-1);
    TrustedAccounts trusted = TrustedAccounts.of(host, answers);
    List<Candidate> candidates = new ArrayList<>();
    Optional<String> answered = answers.get(Answers.HERMES_HOME);
    if (answered.isPresent()) {
      candidates.add(new Candidate(normalize(answered.get()), "answer", true));
    } else {
      candidates.addAll(fromContainers(host, answers, trusted, service));
      candidates.addAll(fromCompose(host, answers, trusted));
      service.ifPresent(a -> candidates.add(new Candidate(a.home() + "/.hermes", "service", true)));
      FALLBACKS.forEach(f -> candidates.add(new Candidate(f, "default", true)));
    }
    List<Rejected> rejected = new ArrayList<>();
    for (Candidate c : candidates) {
      Optional<String> why = refusal(host, c, serviceUid, trusted);
      if (why.isEmpty()) {
        return new Location(Optional.of(c.path()), rejected);
      }
      if (!why.get().isEmpty()) {
        rejected.add(new Rejected(c.path(), c.source(), why.get()));
      }
    }
    return new Location(Optional.empty(), rejected);
  }

  /** Empty when accepted; an empty string when simply absent; else why it was refused. */
  private static Optional<String> refusal(
      Host host, Candidate c, int serviceUid, TrustedAccounts trusted) throws HostException {
    if (isSystemPath(c.path())) {
      return Optional.of("system-directory");
    }
    Optional<FileStat> st = host.lstat(c.path());
    if (st.isEmpty()) {
      return Optional.of("");
    }
    if (st.get().isSymlink()) {
      return Optional.of("symlink");
    }
    if (!st.get().isDirectory()) {
      return Optional.of("");
    }
    int owner = st.get().uid();
    boolean service = serviceUid > 0 && owner == serviceUid;
    if (!c.trustedSource() && !service) {
      return Optional.of("untrusted-source");
    }
    if (!service && !trusted.trusts(owner) && owner != IMAGE_UID) {
      return Optional.of("owner");
    }
    PathTrust t = PathTrust.classify(host, c.path());
    if (t instanceof PathTrust.Shared) {
      return Optional.of("shared");
    }
    if (t instanceof PathTrust.ByAccount b
        && !(serviceUid > 0 && b.uid() == serviceUid)
        && !trusted.trusts(b.uid())
        && b.uid() != IMAGE_UID) {
      return Optional.of("other-account");
    }
    return Optional.empty();
  }

  /** {@code /}, a top-level directory, a home directory itself, or anything in a system tree. */
  static boolean isSystemPath(String path) {
    String p = normalize(path);
    if (p.equals("/") || p.lastIndexOf('/') == 0) {
      return true;
    }
    if (p.matches("/home/[^/]+") || p.equals("/var/lib") || p.equals("/var/lib/docker")) {
      return true;
    }
    for (String tree : SYSTEM_TREES) {
      if (p.equals(tree) || p.startsWith(tree + "/")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The host directories the running Hermes containers mount at their {@code HERMES_HOME}: what
   * Hermes really uses, so it comes before anything a file says.
   *
   * <p>Who named it: whoever started the container — root or a member of group {@code docker}
   * (Docker's socket is root's and the group's). Both are as good as root, unless the service
   * account itself is in that group (then the agent could have started it), or the container came
   * from a compose file another account can change (its labels name the file): then the source is
   * untrusted and accepted only if the service account owns the directory.
   */
  private static List<Candidate> fromContainers(
      Host host, Answers answers, TrustedAccounts accounts, Optional<AccountLookup> service)
      throws HostException {
    Optional<List<ContainerState>> all = RunningContainers.hints(host);
    List<Candidate> out = new ArrayList<>();
    if (all.isEmpty()) {
      return out;
    }
    boolean agentStartsContainers = service.isPresent() && dockerMember(host, service.get().name());
    for (ContainerState c : HermesContainers.of(all.get(), List.of())) {
      Optional<String> src = HermesContainers.homeSource(c);
      if (src.isEmpty()) {
        continue;
      }
      boolean trusted = !agentStartsContainers;
      for (String file : c.composeFiles()) {
        trusted &= composeTrusted(host, file, accounts);
      }
      out.add(new Candidate(normalize(src.get()), "container " + c.name(), trusted));
    }
    return out;
  }

  private static boolean dockerMember(Host host, String user) throws HostException {
    var id = host.exec("id", "-nG", "--", user);
    return id.ok() && List.of(id.stdout().strip().split("\\s+")).contains("docker");
  }

  /** A compose file named by a label: trusted only as {@link ComposeTrust} says. */
  private static boolean composeTrusted(Host host, String path, TrustedAccounts accounts)
      throws HostException {
    Optional<String> text;
    try {
      text = host.readFile(path);
    } catch (HostException e) {
      return false;
    }
    if (text.isEmpty()) {
      return PathTrust.classify(host, path) instanceof PathTrust.RootOnly;
    }
    try {
      ComposeFile f = ComposeFiles.parse(host, path, text.get());
      return ComposeTrust.untrusted(host, f, accounts).isEmpty();
    } catch (RuntimeException | HostException e) {
      return false; // not a compose file we can read: not a trusted source
    }
  }

  /** Host paths mounted at {@code /opt/data} by the discovered compose files. */
  private static List<Candidate> fromCompose(Host host, Answers answers, TrustedAccounts accounts)
      throws HostException {
    List<Candidate> out = new ArrayList<>();
    for (ComposeFile f : ComposeFiles.load(host, answers).files()) {
      boolean trusted = ComposeTrust.untrusted(host, f, accounts).isEmpty();
      for (ComposeService s : f.services()) {
        for (VolumeMount v : s.volumes()) {
          if (v.isBind() && normalize(v.target()).equals(CONTAINER_HOME)) {
            String src = resolve(host, f, Interpolation.resolveDefaults(v.source()));
            out.add(new Candidate(src, f.path(), trusted));
          }
        }
      }
    }
    return out;
  }

  /** The host path for the compose file's view of one: relative and {@code ~} sources resolved. */
  static String resolve(Host host, ComposeFile f, String source) throws HostException {
    if (source.equals("~") || source.startsWith("~/")) {
      String owner = host.lstat(f.path()).map(FileStat::owner).orElse("root");
      String home =
          owner.equals("root")
              ? "/root"
              : AccountLookup.of(host, owner).map(AccountLookup::home).orElse("/home/" + owner);
      return normalize(home + source.substring(1));
    }
    if (source.startsWith("/")) {
      return normalize(source);
    }
    return normalize(f.directory() + "/" + source);
  }

  /** Removes {@code .} segments, resolves {@code ..} and trailing slashes. */
  static String normalize(String path) {
    if (normal(path)) {
      return path; // most are: every volume of a compose file with thousands of services is asked
    }
    List<String> parts = new ArrayList<>();
    for (String seg : path.split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
      } else {
        parts.add(seg);
      }
    }
    return "/" + String.join("/", parts);
  }

  /** Whether {@link #normalize} would give the path back as it is. */
  private static boolean normal(String path) {
    return path.startsWith("/")
        && (path.length() == 1 || !path.endsWith("/"))
        && !path.contains("//")
        && !path.contains("/./")
        && !path.contains("/../")
        && !path.endsWith("/.")
        && !path.endsWith("/..");
  }
}
