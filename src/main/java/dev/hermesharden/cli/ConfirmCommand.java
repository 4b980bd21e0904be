package dev.hermesharden.cli;

import dev.hermesharden.proof.ConfirmWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code confirm TOKEN}: run by the admin from a second SSH session (no sudo needed). Drops a
 * record of this session ({@code SSH_CONNECTION}, {@code $SSH_USER_AUTH}) into the drop box, where
 * the waiting wizard judges it. Never touches the host's state or the session file.
 */
@Command(name = "confirm", sortOptions = false)
final class ConfirmCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  @Parameters(index = "0", paramLabel = "TOKEN", descriptionKey = "cli.confirm.param.token")
  String token;

  @Override
  public Integer call() {
    Setup setup = root.setup();
    var m = setup.messages;
    ConfirmWriter.Outcome o =
        ConfirmWriter.write(
            token,
            setup.env.env(),
            setup.env.uid(),
            Path.of(setup.confirmDir()),
            setup.clock.instant());
    String text = m.get(o.key(), o.args().toArray());
    if (!o.written()) {
      setup.err.println(text);
      return ExitCode.USAGE.code();
    }
    setup.out.println(text);
    return ExitCode.OK.code();
  }
}
