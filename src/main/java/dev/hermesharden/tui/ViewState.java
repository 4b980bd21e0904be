package dev.hermesharden.tui;

import dev.hermesharden.engine.ArmedRevert;
import dev.hermesharden.engine.RevertState;
import dev.hermesharden.engine.Session;
import dev.hermesharden.engine.StepState;
import dev.hermesharden.engine.StepStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the screen shows, owned by the GUI thread: the last session snapshot the worker handed back
 * (the GUI never calls the engine, whose methods may be busy), the step being looked at (the
 * current one, or one the admin moved to in the list), the guard lines of every step, which part of
 * its teaching text is shown, the progress line and the status message.
 */
final class ViewState {
  /** The three parts of a step's teaching text, one shown at a time (keys w, b, u). */
  enum Teach {
    WHY,
    BREAKS,
    UNDO
  }

  Session session;
  String viewed;
  Map<String, List<String>> guards = Map.of();
  Teach teach = Teach.WHY;
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

  /** The revert job that fires first, while one is armed on the host. */
  Optional<ArmedRevert> pendingRevert() {
    if (session == null) {
      return Optional.empty();
    }
    return session.reverts().stream()
        .filter(r -> r.state() == RevertState.ARMED)
        .min(Comparator.comparing(ArmedRevert::deadline));
  }

  long done() {
    return session == null ? 0 : session.steps().stream().filter(s -> s.status().passed()).count();
  }
}
