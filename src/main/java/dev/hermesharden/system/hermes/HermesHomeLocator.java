package dev.hermesharden.system.hermes;

import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.Answers;
import java.util.List;
import java.util.Optional;

/**
 * Finds {@code HERMES_HOME} on the host: the admin's answer first, then the host side of a compose
 * volume mounted at {@code /opt/data}, then the native default {@code ~hermes/.hermes}.
 *
 * <p>TODO(docker step): the compose lookup is owned by the docker step's compose reader.
 */
public final class HermesHomeLocator {
  static final List<String> FALLBACKS =
      List.of("/opt/hermes/data", "/home/hermes/.hermes", "/root/.hermes");

  private HermesHomeLocator() {}

  public static Optional<String> locate(Host host, Answers answers) throws HostException {
    Optional<String> answered = answers.get(Answers.HERMES_HOME);
    if (answered.isPresent()) {
      return answered;
    }
    for (String candidate : FALLBACKS) {
      Optional<FileStat> st = host.stat(candidate);
      if (st.isPresent() && st.get().isDirectory()) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
