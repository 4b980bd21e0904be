package dev.hermesharden.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermesharden.checks.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The session's state file {@code <stateDir>/state.json} on the LOCAL file system (where the wizard
 * runs). Saving is atomic: a temp file in the same directory, written, fsynced, mode 0600, then
 * renamed over the old file; the directory is kept 0700. Loading never throws: a bad file is
 * renamed aside to {@code state.json.corrupt-<time>} and reported, so one broken file cannot stop
 * the wizard or be overwritten unseen. The file carries {@code "format": "hermes-harden-state"} and
 * a {@code version}; anything else is treated as foreign.
 */
public final class Journal {
  public static final String FILE = "state.json";
  static final String FORMAT = "hermes-harden-state";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Path dir;
  private final Clock clock;
  private final ObjectMapper json = JsonCodec.mapper();

  public Journal(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  public Path file() {
    return dir.resolve(FILE);
  }

  /** Writes the session atomically. @throws JournalException when it cannot be saved */
  public void save(Session session) {
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      ObjectNode root = json.createObjectNode().put("format", FORMAT);
      root.setAll((ObjectNode) json.valueToTree(session));
      byte[] bytes = json.writeValueAsBytes(root);
      tmp = Files.createTempFile(dir, FILE + ".", ".tmp");
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      tmp = null;
      syncDirectory();
    } catch (IOException | RuntimeException e) {
      throw new JournalException("cannot save " + file() + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the save already failed and says so
        }
      }
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
      root = json.readTree(bytes);
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
      return new JournalLoad.Loaded(json.treeToValue(root, Session.class));
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
      Files.move(file(), target);
      return Optional.of(target);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private JournalLoad corrupt(Reason reason) {
    return new JournalLoad.Corrupt(setAside("corrupt"), reason);
  }

  private void syncDirectory() {
    // Makes the rename itself durable; not every file system lets a directory be opened.
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // the data is synced; only the rename's durability is best effort here
    }
  }
}
