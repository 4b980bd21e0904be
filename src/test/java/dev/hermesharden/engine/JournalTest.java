package dev.hermesharden.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.CheckResult;
import dev.hermesharden.checks.Reason;
import dev.hermesharden.checks.Status;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.testing.MovableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  private static final Instant T = Instant.parse("2026-11-24T10:00:00Z");
  @TempDir Path tmp;

  private Path dir() {
    return tmp.resolve("state");
  }

  private Journal journal() {
    return new Journal(dir(), MovableClock.at2026());
  }

  private static Session sample() {
    Session s =
        WizardFlow.start(
            FakeSteps.steps(3),
            Answers.EMPTY.with(Answers.ADMIN_USER, "alice"),
            "sid",
            "vps1",
            true,
            T);
    s =
        WizardFlow.checked(
            s,
            "s1",
            List.of(
                new CheckResult(
                    "s1.marker",
                    Status.FAIL,
                    Reason.of("reason.x", "a", 1),
                    Map.of("source", "/etc/x:1"))),
            T);
    s =
        WizardFlow.applied(
            s,
            "s1",
            new AppliedChange(
                "s1.write",
                List.of("true"),
                List.of(
                    new FileChange("/etc/fake/s1", "/var/lib/hermes-harden/backups/b", "aa", "bb"),
                    new FileChange("/etc/fake/new", null, null, "cc")),
                T),
            T);
    s = WizardFlow.checked(s, "s1", List.of(), T);
    s = WizardFlow.skipped(s, "s2", new SkipReason(SkipKind.ACCEPTED_RISK, "test box"), T);
    s =
        s.withEvidence(
            new Evidence(
                EvidenceKind.KEY_LOGIN,
                "alice",
                "SHA256:k",
                "10.0.0.1",
                "10.0.0.2",
                T,
                Map.of("/home/alice/.ssh/authorized_keys", "ff"),
                true),
            T);
    return s.withLog(List.of(new JournalEntry(T, List.of("sshd", "-T"), 0)), T);
  }

  @Test
  void saveThenLoadGivesTheSameSession() {
    Session s = sample();
    journal().save(s);
    JournalLoad l = journal().load();
    assertEquals(s, assertInstanceOf(JournalLoad.Loaded.class, l).session());
  }

  @Test
  void fileIs0600DirIs0700AndNoTempFileIsLeft() throws Exception {
    journal().save(sample());
    journal().save(sample());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(journal().file())));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir())));
    try (Stream<Path> files = Files.list(dir())) {
      assertEquals(List.of("state.json"), files.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void savedFileCarriesFormatAndVersionAndNoFileContents() throws Exception {
    journal().save(sample());
    String text = Files.readString(journal().file());
    assertTrue(text.contains("\"format\" : \"hermes-harden-state\""), text);
    assertTrue(text.contains("\"version\" : 1"), text);
    assertFalse(text.contains("done\\n"), "no file contents in the state");
  }

  @Test
  void missingFileIsMissing() {
    assertInstanceOf(JournalLoad.Missing.class, journal().load());
  }

  private JournalLoad.Corrupt corruptWith(byte[] content, String key) throws Exception {
    Files.createDirectories(dir());
    Files.write(journal().file(), content);
    JournalLoad.Corrupt c = assertInstanceOf(JournalLoad.Corrupt.class, journal().load());
    assertEquals(key, c.reason().key());
    Path moved = c.movedTo().orElseThrow();
    assertEquals("state.json.corrupt-20261124T100000.000Z", moved.getFileName().toString());
    assertEquals(dir(), moved.getParent());
    assertFalse(Files.exists(journal().file()), "moved aside");
    assertTrue(Files.exists(moved));
    assertInstanceOf(JournalLoad.Missing.class, journal().load(), "next load starts afresh");
    return c;
  }

  @Test
  void corruptJsonIsMovedAsideAndReported() throws Exception {
    byte[] half = Arrays.copyOfRange(sampleBytes(), 0, 200);
    JournalLoad.Corrupt c = corruptWith(half, "engine.journal.bad-json");
    assertArrayEquals(half, Files.readAllBytes(c.movedTo().orElseThrow()), "kept intact");
  }

  @Test
  void foreignJsonIsMovedAside() throws Exception {
    corruptWith(
        "{\"version\": 1, \"name\": \"some-other-tool\"}".getBytes(StandardCharsets.UTF_8),
        "engine.journal.foreign");
  }

  @Test
  void jsonArrayIsForeign() throws Exception {
    corruptWith("[1,2,3]".getBytes(StandardCharsets.UTF_8), "engine.journal.foreign");
  }

  @Test
  void emptyFileIsMovedAside() throws Exception {
    corruptWith(new byte[0], "engine.journal.empty");
  }

  @Test
  void unknownVersionIsMovedAside() throws Exception {
    String text =
        new String(sampleBytes(), StandardCharsets.UTF_8)
            .replace("\"version\" : 1", "\"version\" : 99");
    corruptWith(text.getBytes(StandardCharsets.UTF_8), "engine.journal.version");
  }

  @Test
  void ourFormatWithAWrongShapeIsCorrupt() throws Exception {
    corruptWith(
        "{\"format\":\"hermes-harden-state\",\"version\":1,\"steps\":\"nope\"}"
            .getBytes(StandardCharsets.UTF_8),
        "engine.journal.bad-json");
  }

  @Test
  void unreadableStateFileIsMovedAside() throws Exception {
    // A directory where the file should be cannot be read, even by root.
    Files.createDirectories(journal().file());
    JournalLoad.Corrupt c = assertInstanceOf(JournalLoad.Corrupt.class, journal().load());
    assertEquals("engine.journal.unreadable", c.reason().key());
    assertTrue(Files.isDirectory(c.movedTo().orElseThrow()));
    assertFalse(Files.exists(journal().file()));
  }

  private byte[] sampleBytes() throws Exception {
    Journal other = new Journal(tmp.resolve("other"), MovableClock.at2026());
    other.save(sample());
    return Files.readAllBytes(other.file());
  }
}
