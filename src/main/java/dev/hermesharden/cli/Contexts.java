package dev.hermesharden.cli;

import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import java.time.Clock;
import java.util.List;

/** Builds the {@link StepContext} for a command from the environment (and, later, the session). */
final class Contexts {
  /**
   * Answers key the CLI fills with the user who started the tool ({@code SUDO_USER}/{@code USER}).
   */
  static final String LOGIN_USER = "session.login-user";

  private Contexts() {}

  static StepContext of(Setup setup) {
    Answers answers = Answers.EMPTY;
    if (!setup.globals.practice()) {
      answers = setup.env.loginUser().map(u -> Answers.EMPTY.with(LOGIN_USER, u)).orElse(answers);
    }
    return new StepContext(answers, List.of(), Clock.systemUTC(), setup.env.sshClientAddress());
  }
}
