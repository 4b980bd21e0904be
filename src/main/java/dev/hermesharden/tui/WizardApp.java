package dev.hermesharden.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.bundle.LanternaThemes;
import com.googlecode.lanterna.graphics.SimpleTheme;
import com.googlecode.lanterna.graphics.Theme;
import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.DefaultWindowManager;
import com.googlecode.lanterna.gui2.GUIBackdrop;
import com.googlecode.lanterna.gui2.Interactable;
import com.googlecode.lanterna.gui2.MultiWindowTextGUI;
import com.googlecode.lanterna.gui2.SameTextGUIThread;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.gui2.WindowListenerAdapter;
import com.googlecode.lanterna.gui2.WindowPostRenderer;
import com.googlecode.lanterna.gui2.WindowShadowRenderer;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.terminal.Terminal;
import dev.hermesharden.engine.WizardEngine;
import dev.hermesharden.host.Daemons;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.words.Glyphs;
import dev.hermesharden.words.Words;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The full-screen wizard: one {@link MultiWindowTextGUI} over a terminal screen that sends only
 * what changed ({@code DeltaScreen}), one full-screen window laid out by {@link MainView}, dialogs
 * on top. It renders the engine's state and forwards keys; every engine call runs on a {@link
 * Worker}. {@link #run} returns when the admin quits (progress is saved by the engine after every
 * transition).
 *
 * <p>A resize redraws at once, also under an open dialog; below 80×24 a window covering everything
 * says the terminal is too small until it is big enough again.
 *
 * <p>Caveat: {@link #run} drives the GUI on the calling thread (Lanterna's same-thread mode), so
 * call it from the thread that should own the terminal; engine work never runs on it.
 */
public final class WizardApp {
  private volatile Worker worker;
  private volatile Dialogs dialogs;
  private final WizardEngine engine;
  private final List<StepDefinition> steps;
  private final Messages m;
  private final Terminal terminal;
  private final TuiOptions options;
  private final Glyphs glyphs;
  private final Clock clock;
  private final ViewState state = new ViewState();
  private volatile boolean quit;
  private final ExecutorService saver =
      Executors.newSingleThreadExecutor(Daemons.named("hermes-harden-save"));
  private final AtomicBoolean saving = new AtomicBoolean();
  private volatile boolean saveFailed;

  public WizardApp(
      WizardEngine engine, Messages messages, Terminal terminal, TuiOptions options, Clock clock) {
    this.engine = engine;
    this.steps = engine.definitions();
    this.m = messages;
    this.terminal = terminal;
    this.options = options;
    this.glyphs = new Glyphs(options.ascii());
    this.clock = clock;
  }

  /** The wizard on the terminal {@code source} opens, UTF-8 unless ASCII was decided. */
  public static WizardApp on(
      TerminalSource source,
      WizardEngine engine,
      Messages messages,
      TuiOptions options,
      Clock clock)
      throws IOException {
    Charset charset = options.ascii() ? Charset.defaultCharset() : StandardCharsets.UTF_8;
    return new WizardApp(engine, messages, source.open(charset), options, clock);
  }

  /**
   * Makes Lanterna's themes (it parses all of its bundled theme files when the first screen asks
   * for the default one), so a caller can do it ahead on another thread; idempotent.
   */
  public static void prepareTheme() {
    LanternaThemes.getDefaultTheme();
  }

  /**
   * Whether a check, plan or apply is running (tests wait for this before pressing keys). A proof
   * dialog that waits for the admin is not busy: the next key is the admin's.
   */
  boolean busy() {
    Worker w = worker;
    Dialogs d = dialogs;
    return w != null && w.busy() && (d == null || !d.waitingForAdmin());
  }

  /** Whether a dialog waits for the admin while the worker waits (a proof to run or stop). */
  boolean waitingForAdmin() {
    Dialogs d = dialogs;
    return d != null && d.waitingForAdmin();
  }

  /** Runs until the admin quits; returns the exit code (0). */
  public int run() throws IOException {
    engine.saveResultsLater(); // shown first, saved when the worker is idle: saveWhenIdle
    Screen screen = new DeltaScreen(terminal);
    screen.startScreen();
    try {
      WindowPostRenderer shadow = options.color() ? new WindowShadowRenderer() : (g, gui, w) -> {};
      MultiWindowTextGUI gui =
          new MultiWindowTextGUI(
              new SameTextGUIThread.Factory(),
              screen,
              new DefaultWindowManager(),
              shadow,
              new GUIBackdrop());
      Theme theme = options.color() ? gui.getTheme() : monochrome();
      gui.setTheme(options.ascii() ? new AsciiTheme(theme) : theme);
      Words words = new Words(m, glyphs, steps);
      BasicWindow main = new BasicWindow();
      main.setHints(List.of(Window.Hint.FULL_SCREEN, Window.Hint.NO_DECORATIONS));
      BasicWindow small = new BasicWindow();
      small.setHints(List.of(Window.Hint.FULL_SCREEN, Window.Hint.NO_DECORATIONS));
      Controller[] c = new Controller[1];
      MainView view = new MainView(m, glyphs, words, steps, lazy(c));
      String[] focus = {"list"};
      Runnable render = () -> render(gui, main, small, view, size(screen), focus[0]);
      c[0] = new Controller(engine, words, state, clock, render);
      dialogs = new Dialogs(gui, m, view.focusMark());
      worker =
          new Worker(
              gui.getGUIThread(),
              p -> {
                state.progress = p;
                render.run();
              },
              e -> dialogs.message(m.get("tui.error.title"), c[0].describe(e)));
      c[0].attach(dialogs, worker);
      main.addWindowListener(keys(c[0], main, view, focus, render));
      // a resize redraws at once, also while a dialog's own event loop runs
      terminal.addResizeListener(
          (t, size) -> {
            try {
              gui.getGUIThread().invokeLater(render);
            } catch (IllegalStateException closed) {
              // the GUI is gone
            }
          });
      render.run();
      gui.addWindow(main);
      c[0].start();
      loop(gui, screen, render, c[0], view, main, focus);
      return 0;
    } finally {
      if (worker != null) {
        worker.shutdown();
      }
      saver.shutdown();
      try {
        saver.awaitTermination(5, TimeUnit.SECONDS);
        engine.persist();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        // unsaved results only (the rest is saved as it happens): the next run checks again
      }
      screen.stopScreen();
    }
  }

  /**
   * Saves the results on the screen (the engine keeps a new session and check results until asked:
   * {@link WizardEngine#saveResultsLater}) on a thread of its own once the worker is idle, so the
   * first frame never waits for the journal's JSON mapper, and a key is never refused for a save;
   * then collects the heap while the admin reads. A failed save is shown once, not at every idle
   * moment; once a save goes through again (an apply or a skip, which must be saved), results are
   * saved in the background again.
   */
  private void saveWhenIdle(MultiWindowTextGUI gui, Controller c) {
    if (!engine.unsaved()) {
      saveFailed = false;
      return;
    }
    if (saveFailed || worker.busy() || !saving.compareAndSet(false, true)) {
      return;
    }
    saver.execute(
        () -> {
          try {
            engine.persist();
            collectWhileTheAdminReads();
          } catch (RuntimeException e) {
            saveFailed = true;
            gui.getGUIThread()
                .invokeLater(() -> dialogs.message(m.get("tui.error.title"), c.describe(e)));
          } finally {
            saving.set(false);
          }
        });
  }

  /** A heap capped as small as the launcher caps it ({@code -Xmx48m}). */
  private static final long LEAN_HEAP = 64L << 20;

  /**
   * The work of a step is done and the admin reads: in a JVM whose heap is capped small, a full
   * collection now keeps the old generation at what is live (~7 MiB) instead of filling more pages
   * with what a step left behind. The walk's peak RSS: 79.1 -> 76.9 MiB, for a pause of 25-37 ms
   * while nothing is asked of the screen (docs/performance.md). A large heap (tests, flags of the
   * admin's own) has no use for it.
   */
  private static void collectWhileTheAdminReads() {
    if (Runtime.getRuntime().maxMemory() <= LEAN_HEAP) {
      System.gc();
    }
  }

  private void loop(
      MultiWindowTextGUI gui,
      Screen screen,
      Runnable render,
      Controller c,
      MainView view,
      BasicWindow main,
      String[] focus)
      throws IOException {
    TerminalSize last = screen.getTerminalSize();
    long second = clock.millis() / 1000;
    while (!quit) {
      boolean busy;
      try {
        busy = gui.getGUIThread().processEventsAndUpdate();
      } catch (RuntimeException e) {
        // a bug in a screen must not end the session with a stack trace on the terminal
        dialogs.message(m.get("tui.error.title"), c.describe(e));
        continue;
      }
      TerminalSize now = screen.getTerminalSize();
      Optional<String> selected = view.selectedInList();
      if (!now.equals(last)) {
        last = now;
        render.run();
      } else if (focus[0].equals("list")
          && gui.getActiveWindow() == main
          && selected.isPresent()
          && !selected.get().equals(state.viewed)
          && state.session != null) {
        c.preview(selected.get()); // moving in the list shows the step at once
      } else if (clock.millis() / 1000 != second) {
        second = clock.millis() / 1000;
        if (state.pendingRevert().isPresent()) {
          render.run(); // the countdown on the status line
          c.tick();
        }
      } else if (!busy) {
        saveWhenIdle(gui, c);
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** The size now: a resize is taken at once, not at the next update of the screen. */
  private static TerminalSize size(Screen screen) {
    TerminalSize resized = screen.doResizeIfNecessary();
    return resized != null ? resized : screen.getTerminalSize();
  }

  private void render(
      MultiWindowTextGUI gui,
      BasicWindow main,
      BasicWindow small,
      MainView view,
      TerminalSize size,
      String focusKey) {
    if (!MainView.fits(size)) {
      small.setComponent(view.tooSmall(size));
      if (!gui.getWindows().contains(small)) {
        gui.addWindow(small); // on top of any dialog until the terminal is big enough
      }
      return;
    }
    if (gui.getWindows().contains(small)) {
      gui.removeWindow(small);
    }
    main.setComponent(view.build(state, size, header(), focusKey, clock.instant()));
    view.focus(focusKey).ifPresent(main::setFocusedInteractable);
  }

  private String header() {
    String dot = " " + glyphs.dot() + " ";
    StringBuilder sb = new StringBuilder("hermes-harden ");
    sb.append(glyphs.horizontal()).append(' ');
    if (state.session != null) {
      sb.append(state.session.hostName());
      options.osName().ifPresent(os -> sb.append(dot).append(os));
      if (state.session.practice()) {
        sb.append(dot).append(m.get("tui.header.practice"));
      }
      String user = state.session.answers().adminUser();
      sb.append(dot)
          .append(
              state
                  .client
                  .map(a -> m.get("tui.header.you-via", user, a))
                  .orElse(m.get("tui.header.you", user)));
    }
    return sb.toString();
  }

  private WindowListenerAdapter keys(
      Controller c, BasicWindow main, MainView view, String[] focus, Runnable render) {
    return new WindowListenerAdapter() {
      // Lanterna 3.1.3 names the flag for what it does: while it is true the key goes on to the
      // focused component (the list needs arrows and Enter); false keeps it here. Tab used to be
      // kept here and then ignored, so it did nothing.
      @Override
      public void onInput(Window w, KeyStroke k, AtomicBoolean deliver) {
        Interactable now = main.getFocusedInteractable();
        if (now != null) {
          focus[0] = view.focusKey(now);
        }
        deliver.set(false);
        switch (k.getKeyType()) {
          case F1 -> c.help();
          case F2 -> c.log();
          case F5 -> c.recheck();
          case F6 -> c.report(false);
          case Escape -> moveFocus(focus, "list", render);
          case Tab -> moveFocus(focus, view.nextFocus(focus[0], false), render);
          case ReverseTab -> moveFocus(focus, view.nextFocus(focus[0], true), render);
          case Character ->
              deliver.set(!letter(c, Character.toLowerCase(k.getCharacter()), render));
          default -> deliver.set(true);
        }
      }
    };
  }

  private void moveFocus(String[] focus, String to, Runnable render) {
    focus[0] = to;
    render.run(); // the marks of the focused area move with it
  }

  private boolean letter(Controller c, char ch, Runnable render) {
    switch (ch) {
      case 'q' -> quit = true;
      case 'r' -> c.recheck();
      case 'c' -> c.showChanges();
      case 'a' -> c.apply();
      case 'p' -> c.prove();
      case 's' -> c.skip();
      case 'w' -> teach(ViewState.Teach.WHY, render);
      case 'b' -> teach(ViewState.Teach.BREAKS, render);
      case 'u' -> teach(ViewState.Teach.UNDO, render);
      default -> {
        return false;
      }
    }
    return true;
  }

  private void teach(ViewState.Teach part, Runnable render) {
    state.teach = part;
    render.run();
  }

  private static MainView.Actions lazy(Controller[] c) {
    return new MainView.Actions() {
      @Override
      public void open(String stepId) {
        c[0].open(stepId);
      }

      @Override
      public void recheck() {
        c[0].recheck();
      }

      @Override
      public void showChanges() {
        c[0].showChanges();
      }

      @Override
      public void apply() {
        c[0].apply();
      }

      @Override
      public void prove() {
        c[0].prove();
      }

      @Override
      public void skip() {
        c[0].skip();
      }
    };
  }

  /**
   * NO_COLOR and colourless terminals: default colours everywhere; focus and selection in reverse
   * video (with the arrow marks, never by weight alone), for every kind of component.
   */
  private static SimpleTheme monochrome() {
    TextColor d = TextColor.ANSI.DEFAULT;
    SimpleTheme t = SimpleTheme.makeTheme(false, d, d, d, d, d, d, d);
    t.getDefaultDefinition().setSelected(d, d, SGR.REVERSE);
    t.getDefaultDefinition().setActive(d, d, SGR.REVERSE);
    for (Class<?> c :
        List.<Class<?>>of(
            com.googlecode.lanterna.gui2.Button.class,
            com.googlecode.lanterna.gui2.ActionListBox.class,
            com.googlecode.lanterna.gui2.RadioBoxList.class,
            com.googlecode.lanterna.gui2.TextBox.class)) {
      SimpleTheme.Definition def = t.addOverride(c, d, d);
      def.setSelected(d, d, SGR.REVERSE);
      def.setActive(d, d, SGR.REVERSE);
    }
    return t;
  }
}
