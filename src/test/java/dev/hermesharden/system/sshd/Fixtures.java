package dev.hermesharden.system.sshd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads test fixtures from {@code src/test/resources/fixtures/sshd/}. */
public final class Fixtures {
  private Fixtures() {}

  public static String sshd(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/sshd/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
