package dev.hermesharden.cli;

import dev.hermesharden.engine.AnswersFile;
import dev.hermesharden.engine.JournalLoad;
import dev.hermesharden.report.Redactor;
import dev.hermesharden.report.ReportWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code answers export -o FILE}: the saved session's choices as an answers file (0600). */
@Command(
    name = "answers",
    sortOptions = false,
    subcommands = {AnswersCommand.Export.class})
final class AnswersCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  @Override
  public Integer call() {
    root.err.println(root.messages.get("cli.answers.which"));
    return ExitCode.USAGE.code();
  }

  /** {@code answers export}. */
  @Command(name = "export", sortOptions = false)
  static final class Export implements Callable<Integer> {
    @ParentCommand AnswersCommand parent;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        required = true,
        descriptionKey = "cli.answers.option.output")
    Path output;

    @Override
    public Integer call() throws Exception {
      Setup setup = parent.root.setup();
      var m = setup.messages;
      if (!(setup.journal().load() instanceof JournalLoad.Loaded loaded)) {
        setup.err.println(m.get("cli.report.no-session"));
        return ExitCode.USAGE.code();
      }
      AnswersFile file = AnswersFile.of(loaded.session());
      String yaml =
          file.toYaml(
              List.of(
                  m.get("cli.answers.header", loaded.session().hostName()),
                  m.get("cli.answers.header.replay")));
      // Belt and braces: the keys exported are never secrets, but a pasted value could be.
      ReportWriter.writeTo(output, Redactor.patterns().redact(yaml));
      setup.out.println(m.get("cli.answers.written", output.toString()));
      return ExitCode.OK.code();
    }
  }
}
