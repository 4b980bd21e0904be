package dev.hermesharden.system.hermes;

import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.Answers;
import dev.hermesharden.system.compose.ComposeFile;
import dev.hermesharden.system.compose.ComposeFiles;
import dev.hermesharden.system.compose.ComposeService;
import dev.hermesharden.system.compose.Interpolation;
import dev.hermesharden.system.compose.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds {@code HERMES_HOME} on the host: the admin's answer first; then the host side of a compose
 * bind mount whose target is {@code /opt/data} (relative sources against the compose file's
 * directory, {@code ~} against the home of the compose file's owner); then the native default
 * {@code ~hermes/.hermes}; then the usual places.
 *
 * <p>Caveat: a named Docker volume at {@code /opt/data} has no stable host path and is skipped.
 */
public final class HermesHomeLocator {
  static final String CONTAINER_HOME = "/opt/data";
  static final List<String> FALLBACKS =
      List.of("/opt/hermes/data", "/home/hermes/.hermes", "/root/.hermes");

  private HermesHomeLocator() {}

  public static Optional<String> locate(Host host, Answers answers) throws HostException {
    Optional<String> answered = answers.get(Answers.HERMES_HOME);
    if (answered.isPresent()) {
      return answered;
    }
    List<String> candidates = new ArrayList<>(fromCompose(host, answers));
    Optional<AccountLookup> service = AccountLookup.of(host, answers.serviceUser());
    service.ifPresent(a -> candidates.add(a.home() + "/.hermes"));
    candidates.addAll(FALLBACKS);
    for (String candidate : candidates) {
      Optional<FileStat> st = host.stat(candidate);
      if (st.isPresent() && st.get().isDirectory()) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Host paths mounted at {@code /opt/data} by the discovered compose files. */
  static List<String> fromCompose(Host host, Answers answers) throws HostException {
    List<String> out = new ArrayList<>();
    for (ComposeFile f : ComposeFiles.load(host, answers).files()) {
      for (ComposeService s : f.services()) {
        for (VolumeMount v : s.volumes()) {
          if (v.isBind() && normalize(v.target()).equals(CONTAINER_HOME)) {
            out.add(resolve(host, f, Interpolation.resolveDefaults(v.source())));
          }
        }
      }
    }
    return out;
  }

  private static String resolve(Host host, ComposeFile f, String source) throws HostException {
    if (source.equals("~") || source.startsWith("~/")) {
      String owner = host.stat(f.path()).map(FileStat::owner).orElse("root");
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
}
