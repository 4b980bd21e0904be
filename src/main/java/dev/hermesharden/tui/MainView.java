package dev.hermesharden.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.ActionListBox;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the main screen of design §5 for a terminal size from the {@link ViewState}: header, step
 * list with progress, the viewed step (progress and title, one part of its teaching text chosen by
 * w/b/u, live checks, skip reason, guard lines, buttons that show their keys), a two-line status
 * line and the key bar. Rebuilt whole after every change; {@link #focusKey}/{@link #focus} carry
 * the focus across a rebuild, and the focused area is marked with an arrow, not only by colour.
 */
final class MainView {
  /** The minimum the layout is designed for. */
  static final int MIN_COLS = 80;

  static final int MIN_ROWS = 24;

  /** The focus order of Tab: the list, the teaching text, the checks, then the buttons. */
  static final List<String> AREAS = List.of("list", "teach", "checks");

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
  private String focused = "list";
  private ActionListBox list;

  MainView(Messages m, Glyphs g, Words t, List<StepDefinition> steps, Actions actions) {
    this.m = m;
    this.g = g;
    this.t = t;
    this.steps = steps;
    this.actions = actions;
  }

  /** Whether the layout fits: below 80×24 only a message is shown, also over dialogs. */
  static boolean fits(TerminalSize size) {
    return size.getColumns() >= MIN_COLS && size.getRows() >= MIN_ROWS;
  }

  /** The message shown when the terminal is smaller than the layout needs. */
  Component tooSmall(TerminalSize size) {
    int cols = size.getColumns();
    return new Label(
        Wrap.join(
            Wrap.lines(
                plain(m.get("tui.too-small", MIN_COLS, MIN_ROWS, cols, size.getRows())),
                cols,
                "")));
  }

  /**
   * @param focusKey the area or button that has focus (it is marked)
   * @param now for the revert countdown on the status line
   */
  Component build(ViewState s, TerminalSize size, String header, String focusKey, Instant now) {
    focusables.clear();
    focused = focusKey;
    if (!fits(size)) {
      return tooSmall(size);
    }
    int cols = size.getColumns();
    int rows = size.getRows();
    int left = listWidth();
    int right = cols - left - 1;
    int body = rows - 6;
    Panel root = new Panel(new LinearLayout(Direction.VERTICAL).setSpacing(0));
    root.addComponent(new Label(fit(plain(header), cols)));
    root.addComponent(new Rule(g.horizontal(), new TerminalSize(cols, 1)));
    Panel middle = new Panel(new LinearLayout(Direction.HORIZONTAL).setSpacing(0));
    middle.addComponent(stepList(s, left, body));
    middle.addComponent(new Rule(g.vertical(), new TerminalSize(1, body)));
    middle.addComponent(stepPane(s, right, body));
    root.addComponent(middle);
    root.addComponent(new Rule(g.horizontal(), new TerminalSize(cols, 1)));
    List<String> status = new ArrayList<>(Wrap.lines(plain(statusText(s, now)), cols, ""));
    while (status.size() < 2) {
      status.add(" "); // a Label drops trailing empty lines: keep the row
    }
    if (status.size() > 2) {
      status = List.of(status.get(0), fit(status.get(1) + " " + g.busy(), cols));
    }
    root.addComponent(new Lines(status, cols));
    String keys = m.get("tui.keys");
    if (keys.length() > cols) {
      keys = m.get("tui.keys.short");
    }
    root.addComponent(new Label(fit(plain(keys), cols)));
    return root;
  }

  /**
   * The status line: the task running, else the last message; an armed revert's countdown goes
   * first, since it matters most.
   */
  private String statusText(ViewState s, Instant now) {
    String line = s.progress.isEmpty() ? s.message : g.busy() + " " + s.progress;
    Optional<String> countdown =
        s.pendingRevert()
            .map(
                r ->
                    m.get(
                        "tui.revert.status",
                        Math.max(
                            0, (r.deadline().toEpochMilli() - now.toEpochMilli() + 999) / 1000),
                        t.stepName(r.stepId())));
    return countdown.map(c -> line.isEmpty() ? c : c + " " + line).orElse(line);
  }

  /** Wide enough for the longest "✔ 9 name status" of this language (10 and on: two digits). */
  private int listWidth() {
    int longest = 0;
    for (StepDefinition d : steps) {
      int number = String.valueOf(d.order()).length();
      for (StepStatus st : StepStatus.values()) {
        longest =
            Math.max(longest, 4 + number + t.shortName(d).length() + 1 + t.statusWord(st).length());
      }
    }
    return Math.max(24, Math.min(32, longest + 1));
  }

  private Component stepList(ViewState s, int width, int height) {
    Panel p = new Panel(new LinearLayout(Direction.VERTICAL).setSpacing(0));
    p.addComponent(new Label(marked("list", m.get("tui.steps"))));
    list = new ActionListBox(new TerminalSize(width, height - 3));
    Optional<String> current = s.current();
    int selected = 0;
    for (int i = 0; i < steps.size(); i++) {
      StepDefinition d = steps.get(i);
      StepState st = s.state(d.id()).orElse(StepState.locked(d.id(), Instant.EPOCH));
      boolean isCurrent = current.map(d.id()::equals).orElse(false);
      list.addItem(plain(listItem(d, st, isCurrent, width - 1)), () -> actions.open(d.id()));
      if (d.id().equals(s.viewed)) {
        selected = i;
      }
    }
    list.setSelectedIndex(selected);
    focusables.put("list", list);
    p.addComponent(list);
    p.addComponent(new Label(""));
    p.addComponent(
        new Label(fit(plain(m.get("tui.progress.done", s.done(), steps.size())), width)));
    return p;
  }

  /** The step the list's selection is on (it moves before the admin opens it). */
  Optional<String> selectedInList() {
    if (list == null || list.getSelectedIndex() < 0) {
      return Optional.empty();
    }
    return Optional.of(steps.get(list.getSelectedIndex()).id());
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
                plain(m.get("tui.step.of", d.order(), steps.size(), t.statusWord(status))),
                width)));
    p.addComponent(new Label(fit(plain(m.get(d.titleKey())), width)));
    p.addComponent(new Label(fit(plain(marked("teach", teachTabs(s.teach))), width)));
    List<String> extra = new ArrayList<>();
    s.state(d.id())
        .flatMap(StepState::skip)
        .ifPresent(
            k ->
                extra.addAll(
                    Wrap.lines(
                        plain(m.get("tui.skipped.line", t.skipKind(k.kind()), k.text())),
                        width,
                        "  ")));
    for (String gl : s.guards.getOrDefault(d.id(), List.of())) {
      extra.addAll(Wrap.lines(plain(gl), width, "  "));
    }
    List<Component> bottom = new ArrayList<>();
    int bottomRows;
    if (status == StepStatus.LOCKED) {
      String unlock = s.current().map(t::stepName).orElse("");
      List<String> lines =
          Wrap.lines(plain(m.get("tui.locked.pane", t.stepName(d.id()), unlock)), width, "");
      bottom.add(new Lines(lines, width));
      bottomRows = lines.size();
    } else {
      for (List<KeyButton> row : buttons(d, status, width)) {
        Panel r = new Panel(new LinearLayout(Direction.HORIZONTAL).setSpacing(1));
        row.forEach(r::addComponent);
        bottom.add(r);
      }
      bottomRows = bottom.size();
    }
    List<String> shown = extra.subList(0, Math.min(extra.size(), 3));
    int avail = Math.max(6, height - 4 - shown.size() - bottomRows);
    List<String> teachLines = Wrap.lines(plain(teaching(d, s.teach)), width - 2, "");
    int teach = Math.max(3, Math.min(teachLines.size(), avail / 2));
    int checks = Math.max(3, avail - teach);
    TextBox teaching = readOnly(String.join("\n", teachLines), width, teach);
    focusables.put("teach", teaching);
    p.addComponent(teaching);
    List<CheckResult> results = s.state(d.id()).map(StepState::lastResults).orElse(List.of());
    long ok = results.stream().filter(r -> r.status().satisfied()).count();
    String heading =
        results.isEmpty()
            ? m.get("tui.checks.heading")
            : m.get("tui.checks.count", ok, results.size());
    p.addComponent(new Label(fit(plain(marked("checks", heading)), width)));
    TextBox live = readOnly(checks(d, results, width - 2), width, checks);
    focusables.put("checks", live);
    p.addComponent(live);
    if (!shown.isEmpty()) {
      p.addComponent(new Lines(shown, width));
    }
    bottom.forEach(p::addComponent);
    return p;
  }

  /** "[w Why] · b What can break · u How to undo": the part shown, and the keys of the others. */
  private String teachTabs(ViewState.Teach shown) {
    List<String> tabs = new ArrayList<>();
    for (ViewState.Teach k : ViewState.Teach.values()) {
      String key = k.name().toLowerCase(java.util.Locale.ROOT);
      String tab = m.get("tui.teach.tab." + key);
      tabs.add(k == shown ? "[" + tab + "]" : tab);
    }
    return String.join(" " + g.dot() + " ", tabs);
  }

  private String teaching(StepDefinition d, ViewState.Teach part) {
    return switch (part) {
      case WHY -> m.get(d.teaching().whyKey());
      case BREAKS -> m.get(d.teaching().breaksKey());
      case UNDO -> m.get(d.teaching().undoKey());
    };
  }

  private List<List<KeyButton>> buttons(StepDefinition d, StepStatus status, int width) {
    List<KeyButton> all = new ArrayList<>();
    all.add(button('r', "recheck", m.get("tui.button.recheck"), actions::recheck));
    all.add(button('c', "changes", m.get("tui.button.changes"), actions::showChanges));
    if (!d.fixes().isEmpty()) {
      boolean guarded =
          d.fixes().stream().anyMatch(f -> f.destructive() && !f.requires().isEmpty());
      String label = m.get(guarded ? "tui.button.apply-destructive" : "tui.button.apply");
      all.add(button('a', "apply", label, actions::apply));
    }
    if (!d.produces().isEmpty()) {
      all.add(button('p', "prove", m.get("tui.button.prove"), actions::prove));
    }
    if (!status.passed()) {
      all.add(button('s', "skip", m.get("tui.button.skip"), actions::skip));
    }
    List<List<KeyButton>> rows = new ArrayList<>();
    List<KeyButton> row = new ArrayList<>();
    int used = 0;
    for (KeyButton b : all) {
      int w = b.getLabel().length() + 2;
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

  private KeyButton button(char key, String name, String label, Runnable action) {
    KeyButton b = new KeyButton(key, plain(label), focusMark(), action);
    focusables.put("btn:" + name, b);
    return b;
  }

  private String checks(StepDefinition d, List<CheckResult> results, int width) {
    if (results.isEmpty()) {
      return plain(m.get("tui.checks.none"));
    }
    // what is not satisfied first: it is what the admin has to see without scrolling
    List<CheckResult> ordered = new ArrayList<>();
    results.stream().filter(r -> !r.status().satisfied()).forEach(ordered::add);
    results.stream().filter(r -> r.status().satisfied()).forEach(ordered::add);
    List<String> out = new ArrayList<>();
    for (CheckResult r : ordered) {
      out.addAll(Wrap.lines(plain(t.checkLine(d, r)), width, "    "));
    }
    return String.join("\n", out);
  }

  /** What marks the focused area or button (not the current step's ▶): seen without colour. */
  String focusMark() {
    return g.ascii() ? ">" : "»";
  }

  /** A heading, with a mark when its area has the focus. */
  private String marked(String area, String text) {
    return (focused.equals(area) ? focusMark() + " " : "") + text;
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

  /** The area or button after (or before) {@code key} in Tab order. */
  String nextFocus(String key, boolean back) {
    List<String> order = new ArrayList<>(focusables.keySet());
    order.sort((a, b) -> Integer.compare(rank(a), rank(b)));
    int i = Math.max(0, order.indexOf(key));
    int n = order.size();
    return order.get(((back ? i - 1 : i + 1) % n + n) % n);
  }

  private static int rank(String key) {
    int area = AREAS.indexOf(key);
    return area >= 0 ? area : AREAS.size();
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
        .replace('▶', '>')
        .replace('✔', '+')
        .replace('✘', 'x')
        .replace('↷', '~')
        .replace('„', '"')
        .replace('“', '"');
  }

  /** The first line of {@code s}, cut with an ellipsis when it is wider than {@code width}. */
  String fit(String s, int width) {
    String first = s.split("\n", 2)[0];
    String more = g.ascii() ? "~" : "…";
    return first.length() <= width ? first : first.substring(0, Math.max(0, width - 1)) + more;
  }
}
