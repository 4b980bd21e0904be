package dev.hermesharden.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wizard running in the sandbox VPS in the background ({@link
 * SandboxVps#hermesHardenInBackground}), for tests that answer it from the workstation or kill it:
 * waits for output patterns, reads the proof token, kills by pid. {@code nsenter}, {@code env} and
 * the wrapper all exec, so {@link #pid()} is the wizard's JVM.
 */
final class WizardProcess implements AutoCloseable {
  private final Process process;
  private final Path out;

  private WizardProcess(Process process, Path out) {
    this.process = process;
    this.out = out;
  }

  static WizardProcess start(SandboxVps vps, String... args) throws IOException {
    SandboxVps.Background bg = vps.hermesHardenInBackground(args);
    return new WizardProcess(bg.process(), bg.outputFile());
  }

  public long pid() {
    return process.pid();
  }

  public String output() throws IOException {
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  /** Waits until the output matches; the first group, or an AssertionError with the output. */
  public String await(Pattern p, Duration timeout) throws IOException, InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      Matcher m = p.matcher(output());
      if (m.find()) {
        return m.groupCount() > 0 ? m.group(1) : m.group();
      }
      if (!process.isAlive()) {
        m = p.matcher(output());
        if (m.find()) {
          return m.groupCount() > 0 ? m.group(1) : m.group();
        }
        throw new AssertionError(
            "wizard ended (exit " + process.exitValue() + ") without " + p + ":\n" + output());
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + p + " within " + timeout + ":\n" + output());
  }

  /** The token the wizard prints (alone on its line, below the confirm command). */
  public String token() throws IOException, InterruptedException {
    return await(Proofs.TOKEN, Duration.ofSeconds(90));
  }

  /** kill -9 by pid, as a crash or an OOM kill would end it. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  public int awaitExit(Duration timeout) throws InterruptedException, IOException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      kill9();
      throw new AssertionError("wizard did not end within " + timeout + ":\n" + output());
    }
    return process.exitValue();
  }

  @Override
  public void close() throws IOException {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
    Files.deleteIfExists(out);
  }
}
