package dev.hermesharden.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ShellQuoting#posixCommandLine} run by the real shells an SSH server may hand it to: the
 * argv that arrives must be the argv that was sent, byte for byte, whatever the words hold.
 */
@Timeout(60)
class PosixCommandLineTest {
  @ParameterizedTest
  @ValueSource(strings = {"/bin/sh", "/bin/dash", "/bin/bash"})
  void everyHostileWordArrivesUnchanged(String shell) throws Exception {
    Path pwned = Path.of("/tmp/hh-quoting-pwned");
    Files.deleteIfExists(pwned);
    List<String> argv = new ArrayList<>(List.of("/usr/bin/printf", "%s\\000"));
    argv.addAll(HostileWords.ALL);
    byte[] out = run(shell, ShellQuoting.posixCommandLine(argv));
    assertArrayEquals(expected(HostileWords.ALL), out, shell + " changed an argument");
    assertTrue(!Files.exists(pwned), "a substitution ran");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/sh", "/bin/dash", "/bin/bash"})
  void eachWordAloneAsTheCommandIsNeverAnAssignmentKeywordOrOption(String shell) throws Exception {
    // the quoted first word is looked up as a command: never run as "A=b" assignment, "!" or "("
    for (String w : List.of("A=b", "!", "(", "{", "if", "-n", "*")) {
      Process p =
          new ProcessBuilder(shell, "-c", ShellQuoting.posixCommandLine(List.of(w, "x")))
              .redirectErrorStream(true)
              .start();
      assertTrue(p.waitFor(10, TimeUnit.SECONDS));
      assertEquals(127, p.exitValue(), w + " in " + shell + ": not looked up as a command");
    }
  }

  @org.junit.jupiter.api.Test
  void nulAndEmptyArgvAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ShellQuoting.posixCommandLine(List.of("printf", "a\0b")));
    assertThrows(IllegalArgumentException.class, () -> ShellQuoting.posixCommandLine(List.of()));
  }

  @org.junit.jupiter.api.Test
  void everyWordIsSingleQuoted() {
    assertEquals(
        "'stat' '--printf=%U\t%n' '--' 'it'\\''s'",
        ShellQuoting.posixCommandLine(List.of("stat", "--printf=%U\t%n", "--", "it's")));
  }

  private static byte[] expected(List<String> words) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (String w : words) {
      b.writeBytes(w.getBytes(StandardCharsets.UTF_8));
      b.write(0);
    }
    return b.toByteArray();
  }

  private static byte[] run(String shell, String line) throws Exception {
    Process p =
        new ProcessBuilder(shell, "-c", line)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS), "ended");
    assertEquals(0, p.exitValue(), shell + " exit code");
    return out;
  }
}
