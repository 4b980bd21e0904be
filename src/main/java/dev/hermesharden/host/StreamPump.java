package dev.hermesharden.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * A command's streams, each on a thread of its own, for local processes and SSH sessions alike: an
 * output read to its end keeping the first bytes only (a 100 MB log is never held), the input
 * written and closed. A thread per stream, not the common pool: on a 2-core VPS that pool has one
 * worker, which would serialise the commands checks run in parallel.
 */
public final class StreamPump {
  private StreamPump() {}

  /** Reads {@code in} to its end, keeping its first {@code limit} bytes; closes it. */
  public static CompletableFuture<byte[]> drain(InputStream in, int limit, String name) {
    CompletableFuture<byte[]> f = new CompletableFuture<>();
    Daemons.start(
        "drain " + name,
        () -> {
          ByteArrayOutputStream buf = new ByteArrayOutputStream();
          byte[] chunk = new byte[16384];
          try (in) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
              if (buf.size() < limit) {
                buf.write(chunk, 0, Math.min(n, limit - buf.size()));
              }
            }
            f.complete(buf.toByteArray());
          } catch (IOException | RuntimeException e) {
            f.completeExceptionally(e);
          }
        });
    return f;
  }

  /**
   * Writes {@code bytes} to {@code in} and closes it (EOF), so a command that answers while reading
   * never stalls; a command that stops reading early is no error (its exit code tells).
   */
  public static void feed(OutputStream in, byte[] bytes, String name) {
    Daemons.start(
        "feed " + name,
        () -> {
          try (in) {
            in.write(bytes);
          } catch (IOException e) {
            // the command stopped reading; its exit code tells what happened
          }
        });
  }
}
