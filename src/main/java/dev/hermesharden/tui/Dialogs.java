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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Modal dialogs built from our own words (Lanterna's stock dialogs carry their own button texts).
 * Each blocks the calling GUI thread in a nested event loop until closed; Esc closes as "cancel".
 */
final class Dialogs {
  private final WindowBasedTextGUI gui;
  private final Messages m;

  Dialogs(WindowBasedTextGUI gui, Messages m) {
    this.gui = gui;
    this.m = m;
  }

  /** Shows text (scrollable when long) with buttons; returns the button's index, -1 for Esc. */
  int show(String title, String text, List<String> buttons) {
    TerminalSize screen = gui.getScreen().getTerminalSize();
    int width = Math.max(30, screen.getColumns() - 8);
    List<String> lines = hardWrap(text, width - 2);
    int height = Math.max(3, Math.min(lines.size(), screen.getRows() - 8));
    BasicWindow w = window(title);
    Panel p = new Panel(new LinearLayout(Direction.VERTICAL));
    if (lines.size() > height) {
      TextBox box = new TextBox(new TerminalSize(width, height), String.join("\n", lines));
      box.setReadOnly(true);
      p.addComponent(box);
      p.addComponent(new Label(m.get("tui.dialog.scroll")));
    } else {
      p.addComponent(new Label(String.join("\n", lines)));
    }
    AtomicInteger chosen = new AtomicInteger(-1);
    Panel row = new Panel(new LinearLayout(Direction.HORIZONTAL));
    for (int i = 0; i < buttons.size(); i++) {
      int idx = i;
      row.addComponent(
          new Button(
              buttons.get(i),
              () -> {
                chosen.set(idx);
                w.close();
              }));
    }
    p.addComponent(new EmptySpace(new TerminalSize(0, 1)));
    p.addComponent(row);
    w.setComponent(p);
    if (row.getChildCount() > 0) {
      ((Button) row.getChildrenList().get(0)).takeFocus();
    }
    gui.addWindowAndWait(w);
    return chosen.get();
  }

  void message(String title, String text) {
    show(title, text, List.of(m.get("tui.button.close")));
  }

  boolean confirm(String title, String text, String yes) {
    return show(title, text, List.of(yes, m.get("tui.button.cancel"))) == 0;
  }

  /** The skip dialog: a kind and the admin's own non-blank words, or empty when cancelled. */
  Optional<Skip> skip(String stepName) {
    BasicWindow w = window(m.get("tui.skip.title", stepName));
    Panel p = new Panel(new LinearLayout(Direction.VERTICAL));
    p.addComponent(new Label(m.get("tui.skip.kind")));
    RadioBoxList<String> kinds = new RadioBoxList<>();
    for (SkipKind k : SkipKind.values()) {
      kinds.addItem(m.get("tui.skip.kind." + k.name().toLowerCase(Locale.ROOT)));
    }
    kinds.setCheckedItemIndex(0);
    p.addComponent(kinds);
    p.addComponent(new Label(m.get("tui.skip.reason")));
    int width = Math.max(30, gui.getScreen().getTerminalSize().getColumns() - 12);
    TextBox reason = new TextBox(new TerminalSize(width, 1));
    p.addComponent(reason);
    Label error = new Label("");
    p.addComponent(error);
    List<Skip> result = new ArrayList<>();
    Panel row = new Panel(new LinearLayout(Direction.HORIZONTAL));
    row.addComponent(
        new Button(
            m.get("tui.button.skip-confirm"),
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
    row.addComponent(new Button(m.get("tui.button.cancel"), w::close));
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

    private Waiting() {
      waitingOpen.incrementAndGet();
    }

    void status(String text) {
      later(() -> status.setText(text));
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
  Waiting waiting(String title, String text, List<Action> buttons, Runnable onEscape) {
    Waiting waiting = new Waiting();
    later(
        () -> {
          int width = Math.max(30, gui.getScreen().getTerminalSize().getColumns() - 8);
          BasicWindow w = new BasicWindow(title);
          w.setHints(List.of(Window.Hint.MODAL, Window.Hint.CENTERED));
          w.addWindowListener(
              new WindowListenerAdapter() {
                @Override
                public void onInput(Window basePane, KeyStroke key, AtomicBoolean handled) {
                  if (key.getKeyType() == KeyType.Escape) {
                    onEscape.run();
                    handled.set(true);
                  }
                }
              });
          Panel p = new Panel(new LinearLayout(Direction.VERTICAL));
          p.addComponent(new Label(String.join("\n", hardWrap(text, width - 2))));
          p.addComponent(new EmptySpace(new TerminalSize(0, 1)));
          p.addComponent(waiting.status);
          p.addComponent(new EmptySpace(new TerminalSize(0, 1)));
          Panel row = new Panel(new LinearLayout(Direction.HORIZONTAL));
          for (Action a : buttons) {
            row.addComponent(new Button(a.label(), a.run()));
          }
          p.addComponent(row);
          w.setComponent(p);
          ((Button) row.getChildrenList().get(0)).takeFocus();
          waiting.w = w;
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

  private BasicWindow window(String title) {
    BasicWindow w = new BasicWindow(title);
    w.setHints(List.of(Window.Hint.MODAL, Window.Hint.CENTERED));
    w.addWindowListener(
        new WindowListenerAdapter() {
          @Override
          public void onInput(Window basePane, KeyStroke key, AtomicBoolean handled) {
            if (key.getKeyType() == KeyType.Escape) {
              basePane.close();
              handled.set(true);
            }
          }
        });
    return w;
  }

  /** Breaks long lines at the width without touching their inner spacing (diffs keep columns). */
  static List<String> hardWrap(String text, int width) {
    List<String> out = new ArrayList<>();
    for (String line : text.stripTrailing().split("\n", -1)) {
      String rest = line;
      while (rest.length() > width) {
        out.add(rest.substring(0, width));
        rest = rest.substring(width);
      }
      out.add(rest);
    }
    return out;
  }
}
