package dev.hermesharden.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.ActionListBox;
import com.googlecode.lanterna.gui2.Button;
import com.googlecode.lanterna.gui2.Component;
import com.googlecode.lanterna.gui2.Direction;
import com.googlecode.lanterna.gui2.Interactable;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.TextBox;
import dev.hermesharden.checks.CheckResult;
import dev.hermesharden.engine.StepState;
import dev.hermesharden.engine.StepStatus;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.words.Glyphs;
import dev.hermesharden.words.Words;
import dev.hermesharden.words.Wrap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the main screen of design §5 for a terminal size from the {@link ViewState}: header, step
 * list, the viewed step (title, teaching text, live checks, guard line, buttons), progress/status
 * line and key bar. Rebuilt whole after every change; {@link #focusKey}/{@link #focus} carry the
 * focus across a rebuild.
 */
final class MainView {
  /** The minimum the layout is designed for. */
  static final int MIN_COLS = 80;

  static final int MIN_ROWS = 24;

  /** What the buttons do; implemented by the controller. */
  interface Actions {
    void open(String stepId);

    void recheck();

    void showChanges();

    void apply();

    void prove();

    void skip();
  }

  private final Messages m;
  private final Glyphs g;
  private final Words t;
  private final List<StepDefinition> steps;
  private final Actions actions;
  private final Map<String, Interactable> focusables = new LinkedHashMap<>();

  MainView(Messages m, Glyphs g, Words t, List<StepDefinition> steps, Actions actions) {
    this.m = m;
    this.g = g;
    this.t = t;
    this.steps = steps;
    this.actions = actions;
  }

  Component build(ViewState s, TerminalSize size, String header) {
    focusables.clear();
    int cols = size.getColumns();
    int rows = size.getRows();
    if (cols < MIN_COLS || rows < MIN_ROWS) {
      return new Label(
          Wrap.join(Wrap.lines(m.get("tui.too-small", MIN_COLS, MIN_ROWS, cols, rows), cols, "")));
    }
    int left = Math.min(34, Math.max(26, cols / 4));
    int right = cols - left - 1;
    int body = rows - 5;
    Panel root = new Panel(new LinearLayout(Direction.VERTICAL).setSpacing(0));
    root.addComponent(new Label(fit(header, cols)));
    root.addComponent(new Rule(g.horizontal(), new TerminalSize(cols, 1)));
    Panel middle = new Panel(new LinearLayout(Direction.HORIZONTAL).setSpacing(0));
    middle.addComponent(stepList(s, left, body));
    middle.addComponent(new Rule(g.vertical(), new TerminalSize(1, body)));
    middle.addComponent(stepPane(s, right, body));
    root.addComponent(middle);
    root.addComponent(new Rule(g.horizontal(), new TerminalSize(cols, 1)));
    String line = s.progress.isEmpty() ? s.message : g.busy() + " " + s.progress;
    root.addComponent(new Label(fit(plain(line), cols)));
    String keys = m.get("tui.keys");
    if (keys.length() > cols) {
      keys = m.get("tui.keys.short");
    }
    root.addComponent(new Label(fit(plain(keys), cols)));
    return root;
  }

  private Component stepList(ViewState s, int width, int height) {
    Panel p = new Panel(new LinearLayout(Direction.VERTICAL).setSpacing(0));
    p.addComponent(new Label(m.get("tui.steps")));
    ActionListBox list = new ActionListBox(new TerminalSize(width, height - 1));
    Optional<String> current = s.current();
    int selected = 0;
    for (int i = 0; i < steps.size(); i++) {
      StepDefinition d = steps.get(i);
      StepState st = s.state(d.id()).orElse(StepState.locked(d.id(), java.time.Instant.EPOCH));
      boolean isCurrent = current.map(d.id()::equals).orElse(false);
      list.addItem(plain(listItem(d, st, isCurrent, width - 1)), () -> actions.open(d.id()));
      if (d.id().equals(s.viewed)) {
        selected = i;
      }
    }
    list.setSelectedIndex(selected);
    focusables.put("list", list);
    p.addComponent(list);
    return p;
  }

  private String listItem(StepDefinition d, StepState st, boolean current, int width) {
    String left = g.step(st.status(), current) + " " + d.order() + " " + t.shortName(d);
    String word = t.statusWord(st.status());
    int pad = Math.max(1, width - left.length() - word.length());
    if (left.length() + 1 + word.length() > width) {
      left = left.substring(0, Math.max(1, width - word.length() - 1));
    }
    return left + " ".repeat(pad) + word;
  }

  private Component stepPane(ViewState s, int width, int height) {
    Panel p = new Panel(new LinearLayout(Direction.VERTICAL).setSpacing(0));
    StepDefinition d = definition(s.viewed);
    if (d == null) {
      p.addComponent(new Label(m.get("tui.starting")));
      return p;
    }
    StepStatus status = s.status(d.id());
    p.addComponent(
        new Label(
            fit(
                plain(
                    m.get("tui.step.title", d.order(), m.get(d.titleKey()), t.statusWord(status))),
                width)));
    List<String> guard = new ArrayList<>();
    for (String gl : s.guard) {
      guard.addAll(Wrap.lines(plain(gl), width, "  "));
    }
    guard = guard.subList(0, Math.min(guard.size(), 3));
    List<List<Button>> buttonRows = buttons(d, status, width);
    int avail = height - 2 - guard.size() - buttonRows.size();
    int teach = Math.max(3, avail * 2 / 5);
    int checks = Math.max(2, avail - teach);
    TextBox teaching = readOnly(teaching(d, width - 2), width, teach);
    focusables.put("teach", teaching);
    p.addComponent(teaching);
    p.addComponent(new Label(m.get("tui.checks.heading")));
    TextBox live = readOnly(checks(d, s, width - 2), width, checks);
    focusables.put("checks", live);
    p.addComponent(live);
    if (!guard.isEmpty()) {
      p.addComponent(new Label(String.join("\n", guard)));
    }
    for (List<Button> row : buttonRows) {
      Panel r = new Panel(new LinearLayout(Direction.HORIZONTAL).setSpacing(1));
      row.forEach(r::addComponent);
      p.addComponent(r);
    }
    return p;
  }

  private List<List<Button>> buttons(StepDefinition d, StepStatus status, int width) {
    List<Button> all = new ArrayList<>();
    all.add(button("recheck", m.get("tui.button.recheck"), actions::recheck));
    all.add(button("changes", m.get("tui.button.changes"), actions::showChanges));
    if (!d.fixes().isEmpty()) {
      boolean destructive = d.fixes().stream().anyMatch(f -> f.destructive());
      String label = m.get(destructive ? "tui.button.apply-destructive" : "tui.button.apply");
      all.add(button("apply", label, actions::apply));
    }
    if (!d.produces().isEmpty()) {
      all.add(button("prove", m.get("tui.button.prove"), actions::prove));
    }
    if (!status.passed()) {
      all.add(button("skip", m.get("tui.button.skip"), actions::skip));
    }
    List<List<Button>> rows = new ArrayList<>();
    List<Button> row = new ArrayList<>();
    int used = 0;
    for (Button b : all) {
      int w = b.getLabel().length() + 5;
      if (used + w > width && !row.isEmpty()) {
        rows.add(row);
        row = new ArrayList<>();
        used = 0;
      }
      row.add(b);
      used += w;
    }
    rows.add(row);
    return rows;
  }

  private Button button(String key, String label, Runnable action) {
    Button b = new Button(plain(label), action);
    focusables.put("btn:" + key, b);
    return b;
  }

  private String teaching(StepDefinition d, int width) {
    List<String> out = new ArrayList<>();
    out.addAll(Wrap.lines(plain(m.get("tui.teach.why", m.get(d.teaching().whyKey()))), width, ""));
    out.add("");
    out.addAll(
        Wrap.lines(plain(m.get("tui.teach.breaks", m.get(d.teaching().breaksKey()))), width, ""));
    out.add("");
    out.addAll(
        Wrap.lines(plain(m.get("tui.teach.undo", m.get(d.teaching().undoKey()))), width, ""));
    return String.join("\n", out);
  }

  private String checks(StepDefinition d, ViewState s, int width) {
    List<CheckResult> results = s.state(d.id()).map(StepState::lastResults).orElse(List.of());
    if (results.isEmpty()) {
      return plain(m.get("tui.checks.none"));
    }
    List<String> out = new ArrayList<>();
    for (CheckResult r : results) {
      out.addAll(Wrap.lines(plain(t.checkLine(d, r)), width, "    "));
    }
    return String.join("\n", out);
  }

  private static TextBox readOnly(String text, int width, int height) {
    TextBox box = new TextBox(new TerminalSize(width, height), text, TextBox.Style.MULTI_LINE);
    box.setReadOnly(true);
    return box;
  }

  /** Which of our components has focus, to find it again after a rebuild. */
  String focusKey(Interactable focused) {
    for (Map.Entry<String, Interactable> e : focusables.entrySet()) {
      if (e.getValue() == focused) {
        return e.getKey();
      }
    }
    return "list";
  }

  Optional<Interactable> focus(String key) {
    return Optional.ofNullable(focusables.getOrDefault(key, focusables.get("list")));
  }

  StepDefinition definition(String id) {
    return steps.stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
  }

  String plain(String s) {
    if (!g.ascii()) {
      return s;
    }
    return s.replace('·', '-')
        .replace('—', '-')
        .replace('–', '-')
        .replace("…", "...")
        .replace('→', '>')
        .replace('✔', '+')
        .replace('✘', 'x');
  }

  static String fit(String s, int width) {
    String first = s.split("\n", 2)[0];
    return first.length() <= width ? first : first.substring(0, Math.max(0, width - 1)) + "~";
  }
}
