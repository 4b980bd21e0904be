package dev.hermesharden.tui;

import com.googlecode.lanterna.gui2.TextGUIThread;
import dev.hermesharden.host.Daemons;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs engine calls (checks, plans, applies, proofs) off the GUI thread, one at a time, and hands
 * the result or the failure back through {@link TextGUIThread#invokeLater}. While a task runs the
 * progress line says what is going on and new tasks are refused, so two clicks never race.
 */
final class Worker {
  /** A piece of work that may fail with anything; failures become a message, never a trace. */
  interface Task<T> {
    T run() throws Exception;
  }

  private final ExecutorService pool =
      Executors.newSingleThreadExecutor(Daemons.named("hermes-harden-worker"));
  private final TextGUIThread gui;
  private final Consumer<String> progress;
  private final Consumer<Throwable> onError;
  private volatile boolean busy;

  Worker(TextGUIThread gui, Consumer<String> progress, Consumer<Throwable> onError) {
    this.gui = gui;
    this.progress = progress;
    this.onError = onError;
  }

  boolean busy() {
    return busy;
  }

  /** Starts the task unless one is running; {@code done} runs on the GUI thread. */
  <T> boolean submit(String what, Task<T> task, Consumer<T> done) {
    if (busy) {
      return false;
    }
    busy = true;
    progress.accept(what);
    pool.execute(
        () -> {
          try {
            T result = task.run();
            back(() -> done.accept(result));
          } catch (Throwable t) {
            back(() -> onError.accept(t));
          }
        });
    return true;
  }

  private void back(Runnable r) {
    try {
      gui.invokeLater(
          () -> {
            busy = false;
            progress.accept("");
            r.run();
          });
    } catch (IllegalStateException closed) {
      busy = false; // the GUI is gone (quit while working): nothing left to show
    }
  }

  void shutdown() {
    pool.shutdown();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
