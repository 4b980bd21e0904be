package dev.hermesharden.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test-only: reads a fixture from {@code src/test/resources/fixtures/}. */
public final class KeysFixtures {
  private KeysFixtures() {}

  public static String read(String path) {
    try (InputStream in =
        KeysFixtures.class.getClassLoader().getResourceAsStream("fixtures/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
