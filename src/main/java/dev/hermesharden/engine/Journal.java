package dev.hermesharden.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermesharden.checks.Reason;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.LocalHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The session's state file {@code <stateDir>/state.json} on the LOCAL file system (where the wizard
 * runs). Saving goes through the host's one atomic write ({@link LocalHost#writeHere}: a temp file
 * in the same directory, written, fsynced, mode 0600, then renamed over the old file, never through
 * a directory another account can change); the directory is kept 0700. Loading never throws: a bad
 * file is renamed aside to {@code state.json.corrupt-<time>} and reported, so one broken file
 * cannot stop the wizard or be overwritten unseen. The file carries {@code "format":
 * "hermes-harden-state"} and a {@code version}; anything else is treated as foreign.
 */
public final class Journal {
  public static final String FILE = "state.json";
  static final String FORMAT = "hermes-harden-state";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Path dir;
  private final Clock clock;

  /**
   * The mapper, made when the state is first read or written: a first start has no file to read,
   * and Jackson (with its time module) is ~600 classes the wizard's first frame does not need.
   */
  private static final class Json {
    static final ObjectMapper MAPPER = JsonCodec.mapper();
  }

  public Journal(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  public Path file() {
    return dir.resolve(FILE);
  }

  /**
   * Writes the session atomically, by the host's one safe write (temp file beside it, fsync, mode
   * 0600, rename; the directory 0700). @throws JournalException when it cannot be saved
   */
  public void save(Session session) {
    try {
      LocalHost.makeDirsHere(dir.toString(), 0700);
      ObjectNode root = Json.MAPPER.createObjectNode().put("format", FORMAT);
      root.setAll((ObjectNode) Json.MAPPER.valueToTree(session));
      LocalHost.writeHere(file().toString(), Json.MAPPER.writeValueAsString(root), 0600);
    } catch (HostException | IOException | RuntimeException e) {
      throw new JournalException("cannot save " + file() + ": " + e.getMessage(), e);
    }
  }

  /** Reads the saved session; see {@link JournalLoad} for the outcomes. */
  public JournalLoad load() {
    Path f = file();
    if (!Files.exists(f)) {
      return new JournalLoad.Missing();
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(f);
    } catch (IOException e) {
      return corrupt(Reason.of("engine.journal.unreadable", f, e.getMessage()));
    }
    if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      return corrupt(Reason.of("engine.journal.empty", f));
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      return corrupt(Reason.of("engine.journal.bad-json", f, e.getOriginalMessage()));
    } catch (IOException e) {
      return corrupt(Reason.of("engine.journal.unreadable", f, e.getMessage()));
    }
    if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
      return corrupt(Reason.of("engine.journal.foreign", f));
    }
    int version = root.path("version").asInt(-1);
    if (version != Session.CURRENT_VERSION) {
      return corrupt(Reason.of("engine.journal.version", f, version, Session.CURRENT_VERSION));
    }
    try {
      ((ObjectNode) root).remove("format");
      return new JournalLoad.Loaded(Json.MAPPER.treeToValue(root, Session.class));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return corrupt(Reason.of("engine.journal.bad-json", f, e.getMessage()));
    }
  }

  /** Renames the state file aside (e.g. another host's session) and says where it went. */
  public Optional<Path> setAside(String why) {
    Path target = dir.resolve(FILE + "." + why + "-" + STAMP.format(clock.instant()));
    for (int n = 1; Files.exists(target); n++) {
      target = dir.resolve(FILE + "." + why + "-" + STAMP.format(clock.instant()) + "-" + n);
    }
    try {
      LocalHost.renameHere(file().toString(), target.toString());
      return Optional.of(target);
    } catch (HostException e) {
      return Optional.empty();
    }
  }

  private JournalLoad corrupt(Reason reason) {
    return new JournalLoad.Corrupt(setAside("corrupt"), reason);
  }
}
