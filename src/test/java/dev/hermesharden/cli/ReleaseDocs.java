package dev.hermesharden.cli;

import dev.hermesharden.report.ReviewSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Release-time generator (src/deb/build-deb.sh runs it): the man pages, as AsciiDoc for
 * asciidoctor's {@code manpage} backend, and the bash completion script — both from the command
 * model the CLI parses with ({@link Cli#model}), so neither is written by hand or drifts from the
 * options. Usage: {@code ReleaseDocs OUT_DIR}: writes {@code OUT_DIR/man/*.adoc} (one page for
 * {@code hermes-harden} and one per sub-command), {@code OUT_DIR/hermes-harden.bash} and the
 * monthly review's systemd units in {@code OUT_DIR/systemd/}.
 *
 * <p>Lives in the test sources: picocli-codegen is a build tool and never goes into the jar.
 */
public final class ReleaseDocs {
  private ReleaseDocs() {}

  public static void main(String[] args) throws IOException {
    generate(Path.of(args[0]));
  }

  public static void generate(Path out) throws IOException {
    CommandLine model = Cli.model("en");
    Path man = Files.createDirectories(out.resolve("man"));
    boolean[] verbose = {};
    int code =
        ManPageGenerator.generateManPage(man.toFile(), null, verbose, true, model.getCommandSpec());
    if (code != 0) {
      throw new IOException("picocli's man page generator failed with " + code);
    }
    Files.writeString(out.resolve("hermes-harden.bash"), AutoComplete.bash("hermes-harden", model));
    // the monthly review's units as files, the same text `schedule install` writes
    Path units = Files.createDirectories(out.resolve("systemd"));
    Files.writeString(
        units.resolve(ReviewSchedule.SERVICE),
        ReviewSchedule.serviceUnit("/usr/bin/hermes-harden"));
    Files.writeString(units.resolve(ReviewSchedule.TIMER), ReviewSchedule.timerUnit());
  }
}
