package dev.hermesharden.tui;

import static org.junit.jupiter.api.Assertions.fail;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import com.googlecode.lanterna.terminal.virtual.VirtualTerminalListener;
import dev.hermesharden.engine.WizardEngine;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.practice.PracticeMode;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.steps.StepFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Runs a {@link WizardApp} over the practice VPS on a {@link DefaultVirtualTerminal} in a thread of
 * its own; the test types keys and waits (with a deadline, never a fixed sleep) for screen text.
 */
final class TuiHarness implements AutoCloseable {
  static final Duration WAIT = new Duration(15_000);

  record Duration(long millis) {}

  final DefaultVirtualTerminal term;
  final SimulatedHost host;
  final Messages messages;
  private final Thread thread;
  private final WizardApp app;
  private volatile Integer exit;
  private volatile Throwable failure;

  /**
   * The screen as of the wizard's last flush — a whole frame, never one half drawn — and what the
   * wizard was doing when it drew it (both read on the drawing thread, so they agree).
   */
  private record Frame(String text, boolean busy, boolean waitingForAdmin) {}

  private volatile Frame frame;

  private final String busyText;

  /** Frames drawn with the "still working" sentence: a key pressed while a task ran was refused. */
  private final java.util.concurrent.atomic.AtomicInteger refusals =
      new java.util.concurrent.atomic.AtomicInteger();

  private TuiHarness(
      SimulatedHost host,
      Path stateDir,
      Messages m,
      TerminalSize size,
      boolean ascii,
      boolean color,
      Clock clock)
      throws Exception {
    this.host = host;
    this.messages = m;
    this.busyText = m.get("tui.busy");
    this.term = new DefaultVirtualTerminal(size);
    term.addVirtualTerminalListener(
        new VirtualTerminalListener() {
          @Override
          public void onFlush() {
            // in flush, on the drawing thread, under the terminal's lock
            WizardApp a = app;
            frame = new Frame(read(), a != null && a.busy(), a != null && a.waitingForAdmin());
            if (frame.text().contains(busyText)) {
              refusals.incrementAndGet();
            }
          }

          @Override
          public void onBell() {}

          @Override
          public void onClose() {}

          @Override
          public void onResized(Terminal terminal, TerminalSize newSize) {}
        });
    Catalog catalog = Catalog.standard();
    List<StepDefinition> steps = StepFiles.loadPackaged(catalog, m);
    WizardEngine engine =
        new WizardEngine(PracticeMode.of(host, stateDir, clock), steps, catalog, clock);
    TuiOptions options = new TuiOptions(ascii, color, Optional.of("Ubuntu 24.04"));
    app = new WizardApp(engine, m, term, options, clock);
    thread =
        new Thread(
            () -> {
              try {
                exit = app.run();
              } catch (Throwable t) {
                failure = t;
              }
            },
            "tui-under-test");
    thread.setDaemon(true);
    thread.start();
  }

  static TuiHarness start(SimulatedHost host, Path stateDir, Messages m) throws Exception {
    return new TuiHarness(
        host, stateDir, m, new TerminalSize(80, 24), false, true, Clock.systemUTC());
  }

  static TuiHarness start(
      SimulatedHost host, Path stateDir, Messages m, TerminalSize size, boolean ascii)
      throws Exception {
    return new TuiHarness(host, stateDir, m, size, ascii, true, Clock.systemUTC());
  }

  /** At 80×24 with a clock that stands still (golden screens), colour or not. */
  static TuiHarness fixed(SimulatedHost host, Path stateDir, Messages m, Clock clock, boolean color)
      throws Exception {
    return new TuiHarness(host, stateDir, m, new TerminalSize(80, 24), false, color, clock);
  }

  /**
   * The visible screen as text, one line per row, as the wizard last flushed it: on a busy machine
   * a read while the wizard draws would see half a frame.
   */
  String screen() {
    return current().text();
  }

  private Frame current() {
    Frame f = frame;
    return f != null ? f : new Frame(read(), true, false);
  }

  private String read() {
    return ScreenText.of(term);
  }

  /** Waits until the screen shows the text (and no task is running), or fails with the screen. */
  String waitFor(String text) {
    long deadline = System.currentTimeMillis() + WAIT.millis();
    while (System.currentTimeMillis() < deadline) {
      Optional<String> s = settled(t -> t.contains(text));
      if (s.isPresent() && failure == null) {
        return s.get();
      }
      if (failure != null) {
        fail("the wizard crashed: " + failure, failure);
      }
      pause();
    }
    fail("screen never showed \"" + text + "\":\n" + screen());
    return "";
  }

  /**
   * Presses a key until the screen shows any of the texts. Between a dialog closing and the task
   * its answer starts, the wizard is idle for a frame (longer on a busy machine): a key pressed
   * then reaches it while the task runs and is refused with "still working" — as a person's would
   * be, who then presses it again. So does this, once the wizard is idle again.
   */
  String press(String key, String... texts) {
    for (int attempt = 0; attempt < 5; attempt++) {
      int before = refusals.get();
      type(key);
      long deadline = System.currentTimeMillis() + WAIT.millis();
      while (System.currentTimeMillis() < deadline) {
        Optional<String> s = settled(t -> java.util.Arrays.stream(texts).anyMatch(t::contains));
        if (s.isPresent()) {
          return s.get();
        }
        if (refusals.get() > before && settled(t -> true).isPresent()) {
          break; // refused while a task ran, and idle now: press it again
        }
        pause();
      }
    }
    fail(
        "pressing "
            + key
            + " never showed any of "
            + java.util.Arrays.toString(texts)
            + ":\n"
            + screen());
    return "";
  }

  /** Waits until the screen shows any of the texts (and no task is running). */
  String waitForAny(String... texts) {
    long deadline = System.currentTimeMillis() + WAIT.millis();
    while (System.currentTimeMillis() < deadline) {
      Optional<String> s = settled(t -> java.util.Arrays.stream(texts).anyMatch(t::contains));
      if (s.isPresent()) {
        return s.get();
      }
      pause();
    }
    fail("screen never showed any of " + java.util.Arrays.toString(texts) + ":\n" + screen());
    return "";
  }

  /**
   * The screen, when it shows what is asked and no task is running: the frame was drawn while the
   * app was not busy (or a dialog waited for the admin) and its status lines (the two rows above
   * the key bar) do not start with "…". Asked twice, a moment apart, since a finished task may
   * chain the next one; the later frame is the answer.
   */
  private Optional<String> settled(java.util.function.Predicate<String> shows) {
    if (!idle(current(), shows)) {
      return Optional.empty();
    }
    pause();
    Frame later = current();
    return idle(later, shows) ? Optional.of(later.text()) : Optional.empty();
  }

  private static boolean idle(Frame f, java.util.function.Predicate<String> shows) {
    return shows.test(f.text()) && !f.busy() && (showsIdle(f.text()) || f.waitingForAdmin());
  }

  private static boolean showsIdle(String screen) {
    String[] rows = screen.split("\n");
    if (rows.length < 3) {
      return true;
    }
    for (String progress : List.of(rows[rows.length - 3], rows[rows.length - 2])) {
      if (progress.startsWith("…") || progress.startsWith("...")) {
        return false;
      }
    }
    return true;
  }

  /** Waits until the text is gone from the screen. */
  void waitGone(String text) {
    long deadline = System.currentTimeMillis() + WAIT.millis();
    while (System.currentTimeMillis() < deadline) {
      if (settled(t -> !t.contains(text)).isPresent()) {
        return;
      }
      pause();
    }
    fail("screen still shows \"" + text + "\":\n" + screen());
  }

  TuiHarness key(KeyType type) {
    term.addInput(new KeyStroke(type));
    return this;
  }

  TuiHarness type(String text) {
    for (char c : text.toCharArray()) {
      term.addInput(new KeyStroke(c, false, false));
    }
    return this;
  }

  void resize(int cols, int rows) {
    term.setTerminalSize(new TerminalSize(cols, rows));
  }

  int waitExit() throws InterruptedException {
    thread.join(WAIT.millis());
    if (failure != null) {
      fail("the wizard crashed: " + failure, failure);
    }
    if (exit == null) {
      fail("the wizard did not quit:\n" + screen());
    }
    return exit;
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (thread.isAlive()) {
      type("q");
      thread.join(5_000);
    }
  }
}
