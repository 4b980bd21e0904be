package dev.hermesharden.plain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whole transcripts and screens compared with golden text files under {@code
 * src/test/resources/golden/}; {@code -Dgolden.update=true} writes them anew (check the diff).
 */
public final class Golden {
  private static final Path DIR = Path.of("src/test/resources/golden");

  private Golden() {}

  public static void compare(String name, String actual) throws Exception {
    Path file = DIR.resolve(name);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertTrue(
        Files.exists(file), "missing golden file " + file + ": run with -Dgolden.update=true");
    assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "differs from " + file);
  }
}
