package dev.hermesharden.fixes;

import dev.hermesharden.host.ShellQuoting;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal unified diff (LCS over lines, 3 lines of context) for showing planned file edits.
 *
 * <p>The headers ({@code ---}/{@code +++} with the path) and the {@code @@} ranges are always
 * written as they are; a {@link BodyMask} may only change the text of body lines, one for one, so
 * hiding a secret can never hide which file changes or which lines are added or removed. Control
 * characters in a path or a line are written out ({@link ShellQuoting#visible}): a diff is shown on
 * a terminal, and a file's lines may be the hostile account's.
 */
public final class UnifiedDiff {
  private static final int CONTEXT = 3;

  /** One body line: {@code op} is {@code ' '} (context), {@code '-'} or {@code '+'}. */
  public record Line(char op, String text) {}

  /** Shows the body lines of one hunk of the diff of {@code path}: one text per line, in order. */
  @FunctionalInterface
  public interface BodyMask {
    /** Shows every line as it is. */
    BodyMask NONE = (path, hunk) -> hunk.stream().map(Line::text).toList();

    List<String> show(String path, List<Line> hunk);
  }

  private UnifiedDiff() {}

  public static String of(String path, String before, String after, boolean newFile) {
    return of(path, before, after, newFile, BodyMask.NONE);
  }

  /** The diff with each hunk's body lines shown through {@code mask}. */
  public static String of(
      String path, String before, String after, boolean newFile, BodyMask mask) {
    List<String> a = before.isEmpty() ? List.of() : List.of(before.split("\n", -1));
    List<String> b = after.isEmpty() ? List.of() : List.of(after.split("\n", -1));
    a = dropTrailingEmpty(a);
    b = dropTrailingEmpty(b);
    List<String[]> ops = diff(a, b); // each: {" " | "-" | "+", line}
    StringBuilder sb = new StringBuilder();
    // shown to the admin: a name or a line from the host never drives the terminal (ShellQuoting)
    String shownPath = ShellQuoting.visible(path);
    sb.append("--- ").append(newFile ? "/dev/null" : "a" + shownPath).append('\n');
    sb.append("+++ b").append(shownPath).append('\n');
    int i = 0;
    while (i < ops.size()) {
      if (ops.get(i)[0].equals(" ")) {
        i++;
        continue;
      }
      int start = Math.max(0, i - CONTEXT);
      int end = i;
      // extend the hunk while changes are within 2*CONTEXT of each other
      int lastChange = i;
      while (end < ops.size()) {
        if (!ops.get(end)[0].equals(" ")) {
          lastChange = end;
        } else if (end - lastChange > 2 * CONTEXT) {
          break;
        }
        end++;
      }
      end = Math.min(ops.size(), lastChange + CONTEXT + 1);
      int aLine = 1;
      int bLine = 1;
      for (int k = 0; k < start; k++) {
        if (!ops.get(k)[0].equals("+")) aLine++;
        if (!ops.get(k)[0].equals("-")) bLine++;
      }
      int aCount = 0;
      int bCount = 0;
      for (int k = start; k < end; k++) {
        if (!ops.get(k)[0].equals("+")) aCount++;
        if (!ops.get(k)[0].equals("-")) bCount++;
      }
      sb.append("@@ -")
          .append(aCount == 0 ? aLine - 1 : aLine)
          .append(',')
          .append(aCount)
          .append(" +")
          .append(bCount == 0 ? bLine - 1 : bLine)
          .append(',')
          .append(bCount)
          .append(" @@\n");
      List<Line> hunk = new ArrayList<>();
      for (int k = start; k < end; k++) {
        hunk.add(new Line(ops.get(k)[0].charAt(0), ops.get(k)[1]));
      }
      List<String> shown = mask.show(path, List.copyOf(hunk));
      if (shown.size() != hunk.size()) {
        throw new IllegalStateException("a body mask must show every line of the hunk");
      }
      for (int k = 0; k < hunk.size(); k++) {
        sb.append(hunk.get(k).op()).append(ShellQuoting.visible(shown.get(k))).append('\n');
      }
      i = end;
    }
    return sb.toString();
  }

  private static List<String> dropTrailingEmpty(List<String> l) {
    if (!l.isEmpty() && l.get(l.size() - 1).isEmpty()) {
      return l.subList(0, l.size() - 1);
    }
    return l;
  }

  /**
   * Line operations turning {@code a} into {@code b}. The common head and tail are matched
   * directly, so the quadratic LCS table only spans the changed middle (a one-line edit in a
   * 2,000-line config costs almost nothing).
   */
  private static List<String[]> diff(List<String> a, List<String> b) {
    int head = 0;
    while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
      head++;
    }
    int tail = 0;
    while (tail < a.size() - head
        && tail < b.size() - head
        && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
      tail++;
    }
    List<String[]> ops = new ArrayList<>();
    for (int k = 0; k < head; k++) {
      ops.add(new String[] {" ", a.get(k)});
    }
    ops.addAll(lcsDiff(a.subList(head, a.size() - tail), b.subList(head, b.size() - tail)));
    for (int k = a.size() - tail; k < a.size(); k++) {
      ops.add(new String[] {" ", a.get(k)});
    }
    return ops;
  }

  private static List<String[]> lcsDiff(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String[]> ops = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n && j < m) {
      if (a.get(i).equals(b.get(j))) {
        ops.add(new String[] {" ", a.get(i)});
        i++;
        j++;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        ops.add(new String[] {"-", a.get(i++)});
      } else {
        ops.add(new String[] {"+", b.get(j++)});
      }
    }
    while (i < n) ops.add(new String[] {"-", a.get(i++)});
    while (j < m) ops.add(new String[] {"+", b.get(j++)});
    return ops;
  }
}
