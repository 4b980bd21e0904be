package dev.hermesharden.checks.sshd;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PathTrust;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.sshd.SshdConfigFiles;
import dev.hermesharden.system.sshd.SshdConfigReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kind {@code sshd-config-root-only}: only root can change what sshd reads at its next start — its
 * main file, every file an {@code Include} brings in, and the directory an {@code Include} glob
 * lists (a new {@code 01-….conf} there is read first, and sshd keeps the first value). Judged by
 * {@link PathTrust} (the whole path, the target's owner and mode). sshd itself checks no permission
 * of its configuration: an account that can write a drop-in sets {@code PermitRootLogin yes},
 * {@code StrictModes no} and its own {@code AuthorizedKeysFile}, and at the next reload its key
 * logs in as root (EarlyStepsHostileSandboxTest). The other sshd checks judge what sshd reads now,
 * so they all passed.
 *
 * <p>Caveat: as everywhere in {@link PathTrust}, a group-writable path of a system group (gid <
 * 1000) and POSIX ACLs count as root's.
 */
public final class SshdConfigRootOnlyCheck implements Check<List<SshdConfigRootOnlyCheck.Path>> {
  /** One path sshd's configuration depends on, and whether only root can change it. */
  public record Path(String path, boolean rootOnly) {}

  @Override
  public List<Path> gather(Host host, StepContext ctx) throws HostException {
    Map<String, String> snapshot;
    try {
      snapshot = SshdConfigReader.snapshot(host);
    } catch (HostException e) {
      if (e.kind() != HostException.Kind.UNSAFE) {
        throw e;
      }
      // a directory several accounts can write is not listed: its Include line still names it
      String main = SshdConfigFiles.MAIN;
      snapshot = Map.of(main, host.readFile(main, SshdConfigReader.CHARSET).orElse(""));
    }
    List<Path> out = new ArrayList<>();
    for (String p : SshdConfigReader.governing(snapshot)) {
      out.add(new Path(p, PathTrust.contentRootOnly(host, p)));
    }
    return out;
  }

  @Override
  public Verdict evaluate(List<Path> paths, Params params, StepContext ctx) {
    if (paths.isEmpty()) {
      return Verdict.notApplicable("reason.sshd.no-config", SshdConfigFiles.MAIN);
    }
    List<Path> open = paths.stream().filter(p -> !p.rootOnly()).toList();
    if (open.isEmpty()) {
      return Verdict.pass("reason.sshd.config-root-only", paths.size());
    }
    Verdict v = Verdict.fail("reason.sshd.config-writable", open.size(), open.get(0).path());
    for (Path p : open) {
      v = v.with(p.path(), "not root's alone");
    }
    return v;
  }
}
