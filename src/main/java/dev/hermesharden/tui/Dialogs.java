package dev.hermesharden.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.Button;
import com.googlecode.lanterna.gui2.Direction;
import com.googlecode.lanterna.gui2.EmptySpace;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.RadioBoxList;
import com.googlecode.lanterna.gui2.TextBox;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.gui2.WindowBasedTextGUI;
import com.googlecode.lanterna.gui2.WindowListenerAdapter;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.hermesharden.engine.SkipKind;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.words.Words;
import dev.hermesharden.words.Wrap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Modal dialogs built from our own words (Lanterna's stock dialogs carry their own button texts).
 * Each blocks the calling GUI thread in a nested event loop until closed; Esc closes as "cancel",
 * F1 shows help for that dialog. Dialogs are sized for the smallest screen (80×24) whatever the
 * terminal, so a resize never clips one; prose is wrapped at word boundaries, while commands and
 * diff lines are broken only where they are too long, keeping their columns.
 */
final class Dialogs {
  /** Widest and tallest a dialog's text gets: what fits in 80×24 with the frame. */
  static final int MAX_WIDTH = 74;

  static final int MAX_LINES = 14;

  /** A waiting dialog has a status (up to 3 lines) and buttons below its text: 13 lines fit. */
  static final int MAX_WAITING_LINES = 13;

  /** Lines that must keep their exact characters: commands, diff lines, indented output. */
  private static final Pattern VERBATIM =
      Pattern.compile("^(\\$ |\\+|-|@@| [^ ]|\\s{4,}\\S|\\d\\d:\\d\\d:\\d\\d )");

  private final WindowBasedTextGUI gui;
  private final Messages m;
  private final String marker;

  /**
   * @param marker what marks the focused button (the main screen's focus mark)
   */
  Dialogs(WindowBasedTextGUI gui, Messages m, String marker) {
    this.gui = gui;
    this.m = m;
    this.marker = marker;
  }

  /**
   * Shows text (scrollable when long) with buttons; returns the button's index, -1 for Esc.
   *
   * @param focus the button that has the focus first (Cancel for a change that can cut you off)
   * @param help shown for F1, empty for the general help
   */
  int show(String title, String text, List<String> buttons, int focus, String help) {
    int width = width();
    List<String> lines = wrap(text, width - 2);
    BasicWindow w = window(title, help);
    Panel p = new Panel(new LinearLayout(Direction.VERTICAL));
    if (lines.size() > MAX_LINES) {
      TextBox box = new TextBox(new TerminalSize(width, MAX_LINES), String.join("\n", lines));
      box.setReadOnly(true);
      p.addComponent(box);
      p.addComponent(new Label(m.get("tui.dialog.scroll")));
    } else {
      p.addComponent(new Label(String.join("\n", lines)));
    }
    AtomicInteger chosen = new AtomicInteger(-1);
    Panel row = new Panel(new LinearLayout(Direction.HORIZONTAL));
    List<Button> made = new ArrayList<>();
    for (int i = 0; i < buttons.size(); i++) {
      int idx = i;
      Button b =
          new KeyButton(
              Character.forDigit(i + 1, 10),
              buttons.get(i),
              marker,
              () -> {
                chosen.set(idx);
                w.close();
              });
      made.add(b);
      row.addComponent(b);
    }
    p.addComponent(new EmptySpace(new TerminalSize(0, 1)));
    p.addComponent(row);
    w.setComponent(p);
    w.addWindowListener(digits(made));
    if (!made.isEmpty()) {
      made.get(Math.max(0, Math.min(focus, made.size() - 1))).takeFocus();
    }
    gui.addWindowAndWait(w);
    return chosen.get();
  }

  void message(String title, String text) {
    show(title, text, List.of(m.get("tui.button.close")), 0, "");
  }

  void message(String title, String text, String help) {
    show(title, text, List.of(m.get("tui.button.close")), 0, help);
  }

  /**
   * Yes or Cancel.
   *
   * @param risky the focus starts on Cancel
   */
  boolean confirm(String title, String text, String yes, boolean risky, String help) {
    return show(title, text, List.of(yes, m.get("tui.button.cancel")), risky ? 1 : 0, help) == 0;
  }

  /** The skip dialog: a kind and the admin's own non-blank words, or empty when cancelled. */
  Optional<Skip> skip(String stepName, Words words) {
    BasicWindow w = window(m.get("tui.skip.title", stepName), m.get("tui.help.skip"));
    Panel p = new Panel(new LinearLayout(Direction.VERTICAL));
    p.addComponent(new Label(m.get("tui.skip.kind")));
    RadioBoxList<String> kinds = new RadioBoxList<>();
    for (SkipKind k : SkipKind.values()) {
      kinds.addItem(words.skipKind(k));
    }
    kinds.setCheckedItemIndex(0);
    p.addComponent(kinds);
    p.addComponent(new Label(m.get("tui.skip.reason")));
    TextBox reason = new TextBox(new TerminalSize(width() - 4, 1));
    p.addComponent(reason);
    Label error = new Label("");
    p.addComponent(error);
    // a stale "a reason is required" goes as soon as something is typed
    reason.setTextChangeListener((text, byUser) -> error.setText(""));
    List<Skip> result = new ArrayList<>();
    Panel row = new Panel(new LinearLayout(Direction.HORIZONTAL));
    List<Button> made = new ArrayList<>();
    made.add(
        new KeyButton(
            '1',
            m.get("tui.button.skip-confirm"),
            marker,
            () -> {
              if (reason.getText().isBlank()) {
                error.setText(m.get("tui.skip.reason-required"));
                reason.takeFocus();
                return;
              }
              int k = Math.max(0, kinds.getCheckedItemIndex());
              result.add(new Skip(SkipKind.values()[k], reason.getText().strip()));
              w.close();
            }));
    made.add(new KeyButton('2', m.get("tui.button.cancel"), marker, w::close));
    made.forEach(row::addComponent);
    p.addComponent(row);
    w.setComponent(p);
    reason.takeFocus();
    gui.addWindowAndWait(w);
    return result.stream().findFirst();
  }

  record Skip(SkipKind kind, String text) {}

  /** A button of a waiting dialog. */
  record Action(String label, Runnable run) {}

  /**
   * A dialog that stays open while the worker waits; its status line is updated from any thread.
   * Everything it does happens on the GUI thread, in the order asked.
   */
  final class Waiting {
    private final Label status = new Label("");
    private BasicWindow w;

    private Waiting() {}

    void status(String text) {
      later(() -> status.setText(String.join("\n", Wrap.lines(text, width() - 2, ""))));
    }

    void close() {
      later(
          () -> {
            if (w != null) {
              w.close();
              w = null;
              waitingOpen.decrementAndGet();
            }
          });
    }
  }

  private final AtomicInteger waitingOpen = new AtomicInteger();

  /** Whether a dialog waits for the admin (to run a proof) while the worker waits for it. */
  boolean waitingForAdmin() {
    return waitingOpen.get() > 0;
  }

  /**
   * Opens (from any thread, without blocking) a dialog with text, a live status line and buttons;
   * Esc calls {@code onEscape}. The caller closes it when the waiting ends.
   */
  Waiting waiting(String title, String text, List<Action> buttons, Runnable onEscape, String help) {
    Waiting waiting = new Waiting();
    later(
        () -> {
          BasicWindow w = window(title, help, onEscape);
          Panel p = new Panel(new LinearLayout(Direction.VERTICAL));
          List<String> lines = wrap(text, width() - 2);
          if (lines.size() > MAX_WAITING_LINES) {
            TextBox box =
                new TextBox(new TerminalSize(width(), MAX_WAITING_LINES), String.join("\n", lines));
            box.setReadOnly(true);
            p.addComponent(box);
          } else {
            p.addComponent(new Label(String.join("\n", lines)));
          }
          p.addComponent(new EmptySpace(new TerminalSize(0, 1)));
          p.addComponent(waiting.status);
          p.addComponent(new EmptySpace(new TerminalSize(0, 1)));
          Panel row = new Panel(new LinearLayout(Direction.HORIZONTAL));
          List<Button> made = new ArrayList<>();
          for (int i = 0; i < buttons.size(); i++) {
            Action a = buttons.get(i);
            made.add(new KeyButton(Character.forDigit(i + 1, 10), a.label(), marker, a.run()));
          }
          made.forEach(row::addComponent);
          p.addComponent(row);
          w.setComponent(p);
          w.addWindowListener(digits(made));
          made.get(0).takeFocus();
          waiting.w = w;
          // counted once it is on the screen: whoever asks sees the dialog it is told about
          waitingOpen.incrementAndGet();
          gui.addWindow(w);
        });
    return waiting;
  }

  private void later(Runnable r) {
    try {
      gui.getGUIThread().invokeLater(r);
    } catch (IllegalStateException closed) {
      // the GUI is gone: nothing to show
    }
  }

  /** Esc closes, F1 shows the dialog's help (or the general help). */
  private BasicWindow window(String title, String help) {
    return window(title, help, null);
  }

  /**
   * @param onEscape what Esc does instead of closing (a waiting dialog stops the wait; the caller
   *     closes it), or null
   */
  private BasicWindow window(String title, String help, Runnable onEscape) {
    BasicWindow w = new BasicWindow(title);
    w.setHints(List.of(Window.Hint.MODAL, Window.Hint.CENTERED));
    w.addWindowListener(
        new WindowListenerAdapter() {
          @Override
          public void onInput(Window basePane, KeyStroke key, AtomicBoolean deliver) {
            // true lets the key go on to the focused component; false keeps it here
            if (key.getKeyType() == KeyType.Escape) {
              if (onEscape != null) {
                onEscape.run();
              } else {
                basePane.close();
              }
              deliver.set(false);
            } else if (key.getKeyType() == KeyType.F1) {
              deliver.set(false);
              message(m.get("tui.help.title"), help.isEmpty() ? m.get("tui.help.dialog") : help);
            }
          }
        });
    return w;
  }

  /** The digit keys press the buttons of their number (the labels show them). */
  private static WindowListenerAdapter digits(List<Button> buttons) {
    return new WindowListenerAdapter() {
      @Override
      public void onInput(Window basePane, KeyStroke key, AtomicBoolean deliver) {
        if (key.getKeyType() == KeyType.Character && Character.isDigit(key.getCharacter())) {
          int i = key.getCharacter() - '1';
          if (i >= 0 && i < buttons.size()) {
            deliver.set(false);
            buttons.get(i).takeFocus();
            buttons.get(i).handleKeyStroke(new KeyStroke(KeyType.Enter));
          }
        }
      }
    };
  }

  private int width() {
    return Math.min(MAX_WIDTH, Math.max(30, gui.getScreen().getTerminalSize().getColumns() - 6));
  }

  /**
   * Prose wrapped at word boundaries; commands, diffs and indented output broken only where they
   * are too long, keeping their columns.
   */
  static List<String> wrap(String text, int width) {
    List<String> out = new ArrayList<>();
    for (String line : text.stripTrailing().split("\n", -1)) {
      if (VERBATIM.matcher(line).find()) {
        String rest = line;
        while (rest.length() > width) {
          out.add(rest.substring(0, width));
          rest = rest.substring(width);
        }
        out.add(rest);
      } else {
        out.addAll(Wrap.lines(line, width, ""));
      }
    }
    return out;
  }
}
