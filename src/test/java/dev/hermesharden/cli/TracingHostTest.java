package dev.hermesharden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.LocalHost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --debug} traces what the host is asked, file questions as well as commands: on this
 * machine a read runs in this process or as the file's owner, with no command line to show it.
 */
class TracingHostTest {
  @TempDir Path dir;

  @Test
  void readsWritesAndRefusalsAreTracedLikeCommands() throws Exception {
    StringWriter lines = new StringWriter();
    TracingHost host = new TracingHost(new LocalHost("/usr/bin:/bin"), new PrintWriter(lines));
    Path file = dir.resolve("sshd_config");
    Files.writeString(file, "Port 22\n");
    Path fifo = dir.resolve("fifo");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());

    assertEquals("Port 22\n", host.readFile(file.toString()).orElseThrow());
    assertTrue(host.readFile(dir.resolve("none").toString()).isEmpty());
    HostException refused = assertThrows(HostException.class, () -> host.readFile(fifo.toString()));
    String me = System.getProperty("user.name");
    host.writeFile(dir.resolve("new").toString(), "x=1\n", new FileAttrs(me, me, 0600));
    host.lstat(file.toString());
    host.exec(List.of("true"), Duration.ofSeconds(5));

    List<String> trace = lines.toString().lines().toList();
    assertEquals(6, trace.size(), lines.toString());
    assertTrue(trace.get(0).matches("# \\+\\d+ read \\d+ ms 8 B: " + file), trace.get(0));
    assertTrue(trace.get(1).matches("# \\+\\d+ read \\d+ ms missing: .*/none"), trace.get(1));
    assertTrue(
        trace.get(2).matches("# \\+\\d+ read \\d+ ms " + refused.kind() + ": " + fifo),
        trace.get(2));
    assertTrue(trace.get(3).matches("# \\+\\d+ write \\d+ ms 4 B: .*/new"), trace.get(3));
    assertTrue(trace.get(4).matches("# \\+\\d+ lstat \\d+ ms regular file: " + file), trace.get(4));
    // the command line's format, which src/bench/replay-parallel.py replays, is unchanged
    assertTrue(trace.get(5).matches("# \\+\\d+ exec \\d+ ms exit 0: true"), trace.get(5));
  }
}
