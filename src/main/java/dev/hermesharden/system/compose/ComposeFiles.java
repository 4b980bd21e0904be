package dev.hermesharden.system.compose;

import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The discovered compose files, read and parsed. A file that does not parse is kept as a problem
 * rather than thrown, so one broken file does not hide the others.
 *
 * @param texts each file's text as read, by path (what a fix's {@code before} must match)
 * @param unreadable path to why it could not be parsed
 */
public record ComposeFiles(
    List<ComposeFile> files, Map<String, String> texts, Map<String, BadInputException> unreadable) {
  public ComposeFiles {
    files = List.copyOf(files);
    texts = new TreeMap<>(texts);
    unreadable = new TreeMap<>(unreadable);
  }

  public static ComposeFiles load(Host host, Answers answers) throws HostException {
    List<ComposeFile> files = new ArrayList<>();
    Map<String, String> texts = new TreeMap<>();
    Map<String, BadInputException> bad = new TreeMap<>();
    for (String path : ComposeDiscovery.find(host, answers)) {
      String text;
      try {
        text = host.readFile(path).orElse("");
      } catch (HostException e) {
        // a link, a FIFO, a file too large or unreadable: a finding about this file, not the end
        bad.put(
            path, new BadInputException(path, 0, "", "reason.input.unreadable", e.getMessage()));
        continue;
      }
      texts.put(path, text);
      try {
        files.add(parse(host, path, text));
      } catch (BadInputException e) {
        bad.put(path, e);
      } catch (HostException e) {
        // its .env is a link, a FIFO, too large: compose reads it, we cannot, so cannot judge
        bad.put(
            path, new BadInputException(path, 0, "", "reason.input.unreadable", e.getMessage()));
      }
    }
    return new ComposeFiles(files, texts, bad);
  }

  /**
   * A compose file's text parsed as compose reads it: with the values of its project's {@code .env}
   * (the file's directory) put in ({@link ComposeFile#parse(String, String, Map)}), once per run
   * ({@link Host#parsed}). Every reader of a compose file parses it here, so none gets the other's
   * parse from the host's cache.
   *
   * @throws HostException when the {@code .env} exists but may not be read (a link, FIFO, too
   *     large)
   * @throws BadInputException when the text is not a compose file
   */
  public static ComposeFile parse(Host host, String path, String text) throws HostException {
    String dir = path.lastIndexOf('/') <= 0 ? "/" : path.substring(0, path.lastIndexOf('/'));
    String envPath = (dir.equals("/") ? "" : dir) + "/.env";
    Optional<String> env = host.readFile(envPath);
    Map<String, String> vars =
        env.isEmpty()
            ? Map.of()
            : host.parsed(ComposeDotEnv.KIND, envPath, env.get(), ComposeDotEnv::parse);
    return host.parsed(ComposeFile.KIND, path, text, t -> ComposeFile.parse(path, t, vars));
  }

  /**
   * The files compose reads for {@code f} when run in its directory ({@code -f} each, in order):
   * {@code f} and its override among these files; none for an override itself (it is started with
   * the file it overrides). A Hermes project with {@code docker-compose.override.yml} started with
   * {@code -f} the override alone fails ("neither an image nor a build context").
   */
  public List<String> project(ComposeFile f) {
    if (f.isOverride()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(List.of(f.path()));
    String name = f.path().substring(f.path().lastIndexOf('/') + 1);
    for (String o : ComposeFile.overrideNames(name)) {
      String p = f.directory() + "/" + o;
      if (files.stream().anyMatch(x -> x.path().equals(p))) {
        out.add(p);
        break;
      }
    }
    return List.copyOf(out);
  }

  /**
   * The file whose project {@code f} belongs to: {@code f} itself, or the file it overrides; empty
   * for an override whose file is not among these (root starts nothing from it alone).
   */
  public Optional<ComposeFile> projectOf(ComposeFile f) {
    return f.isOverride()
        ? files.stream().filter(m -> project(m).contains(f.path())).findFirst()
        : Optional.of(f);
  }

  public boolean isEmpty() {
    return files.isEmpty() && unreadable.isEmpty();
  }
}
