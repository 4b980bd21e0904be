package dev.hermesharden.tui;

import dev.hermesharden.engine.Session;
import dev.hermesharden.engine.StepState;
import dev.hermesharden.engine.StepStatus;
import java.util.List;
import java.util.Optional;

/**
 * What the screen shows, owned by the GUI thread: the last session snapshot the worker handed back
 * (the GUI never calls the engine, whose methods may be busy), the step being looked at, the guard
 * lines of that step, the progress line and the status message.
 */
final class ViewState {
  Session session;
  String viewed;
  List<String> guard = List.of();
  String progress = "";
  String message = "";
  Optional<String> client = Optional.empty();

  /** The first step that has not passed, or empty when every step passed. */
  Optional<String> current() {
    if (session == null) {
      return Optional.empty();
    }
    return session.steps().stream()
        .filter(s -> !s.status().passed())
        .map(StepState::stepId)
        .findFirst();
  }

  StepStatus status(String stepId) {
    return session == null
        ? StepStatus.LOCKED
        : session.state(stepId).map(StepState::status).orElse(StepStatus.LOCKED);
  }

  Optional<StepState> state(String stepId) {
    return session == null ? Optional.empty() : session.state(stepId);
  }
}
