package dev.hermesharden.system.compose;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads test fixtures from {@code src/test/resources/fixtures/}. */
public final class ComposeFixtures {
  private ComposeFixtures() {}

  public static String read(String name) {
    try (InputStream in = ComposeFixtures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
