package dev.hermesharden.system.compose;

import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        files.add(host.parsed(ComposeFile.KIND, path, text, t -> ComposeFile.parse(path, t)));
      } catch (BadInputException e) {
        bad.put(path, e);
      }
    }
    return new ComposeFiles(files, texts, bad);
  }

  public boolean isEmpty() {
    return files.isEmpty() && unreadable.isEmpty();
  }
}
