package dev.hermesharden.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.SimpleTheme;
import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.Interactable;
import com.googlecode.lanterna.gui2.MultiWindowTextGUI;
import com.googlecode.lanterna.gui2.SameTextGUIThread;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.gui2.WindowListenerAdapter;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import dev.hermesharden.engine.WizardEngine;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.words.Glyphs;
import dev.hermesharden.words.Words;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The full-screen wizard: one {@link MultiWindowTextGUI} over a {@link TerminalScreen}, one
 * full-screen window laid out by {@link MainView}, dialogs on top. It renders the engine's state
 * and forwards keys; every engine call runs on a {@link Worker}. {@link #run} returns when the
 * admin quits (progress is saved by the engine after every transition).
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
  private final ViewState state = new ViewState();
  private volatile boolean quit;

  public WizardApp(WizardEngine engine, Messages messages, Terminal terminal, TuiOptions options) {
    this.engine = engine;
    this.steps = engine.definitions();
    this.m = messages;
    this.terminal = terminal;
    this.options = options;
    this.glyphs = new Glyphs(options.ascii());
  }

  /** The wizard on the process's own terminal (stdin/stdout), UTF-8 unless ASCII was decided. */
  public static WizardApp onSystemTerminal(
      WizardEngine engine, Messages messages, TuiOptions options) throws IOException {
    Charset charset = options.ascii() ? Charset.defaultCharset() : StandardCharsets.UTF_8;
    Terminal terminal = new DefaultTerminalFactory(System.out, System.in, charset).createTerminal();
    return new WizardApp(engine, messages, terminal, options);
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
    Screen screen = new TerminalScreen(terminal);
    screen.startScreen();
    try {
      MultiWindowTextGUI gui = new MultiWindowTextGUI(new SameTextGUIThread.Factory(), screen);
      if (!options.color()) {
        gui.setTheme(monochrome());
      }
      if (options.ascii()) {
        gui.setTheme(new AsciiTheme(gui.getTheme()));
      }
      Words texts = new Words(m, glyphs, steps);
      BasicWindow main = new BasicWindow();
      main.setHints(List.of(Window.Hint.FULL_SCREEN, Window.Hint.NO_DECORATIONS));
      Controller[] c = new Controller[1];
      MainView view = new MainView(m, glyphs, texts, steps, lazy(c));
      Runnable render = () -> render(main, view, screen.getTerminalSize());
      c[0] = new Controller(engine, texts, state, render);
      dialogs = new Dialogs(gui, m);
      worker =
          new Worker(
              gui.getGUIThread(),
              p -> {
                state.progress = p;
                render.run();
              },
              e -> dialogs.message(m.get("tui.error.title"), c[0].describe(e)));
      c[0].attach(dialogs, worker);
      main.addWindowListener(keys(c[0], main, view));
      render.run();
      gui.addWindow(main);
      c[0].start();
      loop(gui, screen, render, dialogs, c[0]);
      return 0;
    } finally {
      if (worker != null) {
        worker.shutdown();
      }
      screen.stopScreen();
    }
  }

  private void loop(
      MultiWindowTextGUI gui, Screen screen, Runnable render, Dialogs dialogs, Controller c)
      throws IOException {
    TerminalSize last = screen.getTerminalSize();
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
      if (!now.equals(last)) {
        last = now;
        render.run();
      } else if (!busy) {
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void render(BasicWindow main, MainView view, TerminalSize size) {
    Interactable focused = main.getFocusedInteractable();
    String key = focused == null ? "list" : view.focusKey(focused);
    main.setComponent(view.build(state, size, header()));
    view.focus(key).ifPresent(main::setFocusedInteractable);
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

  private WindowListenerAdapter keys(Controller c, BasicWindow main, MainView view) {
    return new WindowListenerAdapter() {
      @Override
      public void onInput(Window w, KeyStroke k, AtomicBoolean handled) {
        handled.set(true);
        switch (k.getKeyType()) {
          case F1 -> c.help();
          case F2 -> c.log();
          case F5 -> c.recheck();
          case F6 -> c.report(false);
          case Escape -> view.focus("list").ifPresent(main::setFocusedInteractable);
          case Character -> handled.set(letter(c, Character.toLowerCase(k.getCharacter())));
          case Tab, ReverseTab -> handled.set(false);
          // Observed with Lanterna 3.1.3: the pane passes a key on to the focused component
          // only while this flag is set, so other keys keep it (the list needs arrows, Enter).
          default -> handled.set(true);
        }
      }
    };
  }

  private boolean letter(Controller c, char ch) {
    switch (ch) {
      case 'q' -> quit = true;
      case 'r' -> c.recheck();
      case 'c' -> c.showChanges();
      case 'a' -> c.apply();
      case 'p' -> c.prove();
      case 's' -> c.skip();
      default -> {
        return false;
      }
    }
    return true;
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

  /** NO_COLOR: terminal default colours; focus and selection shown in reverse video. */
  private static SimpleTheme monochrome() {
    TextColor d = TextColor.ANSI.DEFAULT;
    SimpleTheme t = SimpleTheme.makeTheme(true, d, d, d, d, d, d, d);
    t.getDefaultDefinition().setSelected(d, d, SGR.REVERSE);
    t.getDefaultDefinition().setActive(d, d, SGR.REVERSE);
    return t;
  }
}
