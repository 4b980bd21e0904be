package dev.hermesharden.cli;

import dev.hermesharden.proof.ConfirmWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code confirm}: run by the admin from a second SSH session (no sudo). Reads the one-time token
 * from standard input (prompting on standard error), then drops a record of this session ({@code
 * SSH_CONNECTION}, {@code $SSH_USER_AUTH}) into the admin's drop-box directory, where the waiting
 * wizard judges it. Never touches the host's state or the session file.
 *
 * <p>A token given as an argument is refused before anything is read or written: a command line is
 * readable by every account on the server ({@code /proc/PID/cmdline}), Hermes' too.
 */
@Command(name = "confirm", sortOptions = false)
final class ConfirmCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  /** Only to refuse it with a reason; picocli would otherwise answer "unmatched argument". */
  @Parameters(arity = "0..*", hidden = true)
  List<String> arguments;

  @Override
  public Integer call() throws IOException {
    Setup setup = root.setup();
    var m = setup.messages;
    if (arguments != null && !arguments.isEmpty()) {
      setup.err.println(m.get("cli.confirm.token-in-argv"));
      return ExitCode.USAGE.code();
    }
    Path box = Path.of(setup.confirmDir());
    Optional<ConfirmWriter.Outcome> no =
        ConfirmWriter.refusal(setup.env.env(), setup.env.uid(), box);
    if (no.isPresent()) {
      setup.err.println(m.get(no.get().key(), no.get().args().toArray()));
      return ExitCode.USAGE.code(); // before asking: a token would be pasted for nothing
    }
    setup.err.print(m.get("cli.confirm.prompt") + " ");
    setup.err.flush();
    Optional<String> token = TokenInput.readLine(root.in);
    setup.err.println();
    if (token.isEmpty()) {
      setup.err.println(m.get("cli.confirm.no-token"));
      return ExitCode.USAGE.code();
    }
    ConfirmWriter.Outcome o =
        ConfirmWriter.write(
            token.get(), setup.env.env(), setup.env.uid(), box, setup.clock.instant());
    String text = m.get(o.key(), o.args().toArray());
    if (!o.written()) {
      setup.err.println(text);
      return ExitCode.USAGE.code();
    }
    setup.out.println(text);
    return ExitCode.OK.code();
  }
}
