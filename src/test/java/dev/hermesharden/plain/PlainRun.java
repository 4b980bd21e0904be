package dev.hermesharden.plain;

import dev.hermesharden.engine.WizardEngine;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.practice.PracticeMode;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.steps.StepFiles;
import dev.hermesharden.words.Glyphs;
import dev.hermesharden.words.Words;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;

/**
 * Runs the line-mode wizard over the practice VPS on JLine's dumb terminal, with piped streams:
 * what the admin types goes in as lines, and the whole transcript comes out.
 */
record PlainRun(int code, String transcript) {
  /**
   * What the admin types, handed over one byte at a time and echoed to the transcript as it is
   * read, as a terminal in cooked mode shows it: the answer stands after its question.
   */
  static final class Echo extends InputStream {
    private final ByteArrayInputStream in;
    private final OutputStream echo;

    Echo(byte[] typed, OutputStream echo) {
      this.in = new ByteArrayInputStream(typed);
      this.echo = echo;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        echo.write(b);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      int b = read();
      if (b < 0) {
        return -1;
      }
      buf[off] = (byte) b;
      return 1;
    }
  }

  static PlainRun of(SimulatedHost vps, Path stateDir, Messages m, Clock clock, String typed)
      throws Exception {
    Catalog catalog = Catalog.standard();
    List<StepDefinition> steps = StepFiles.loadPackaged(catalog, m);
    WizardEngine engine =
        new WizardEngine(PracticeMode.of(vps, stateDir, clock), steps, catalog, clock);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Terminal t =
        new DumbTerminal(
            "test",
            Terminal.TYPE_DUMB,
            new Echo(typed.getBytes(StandardCharsets.UTF_8), out),
            out,
            StandardCharsets.UTF_8)) {
      int code =
          new PlainWizard(
                  engine,
                  new Words(m, new Glyphs(false), steps),
                  t,
                  clock,
                  Optional.of("Ubuntu 24.04"))
              .run();
      t.flush();
      return new PlainRun(code, out.toString(StandardCharsets.UTF_8));
    }
  }
}
