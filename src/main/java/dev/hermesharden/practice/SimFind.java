package dev.hermesharden.practice;

import dev.hermesharden.host.ExecResult;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code find START [-xdev] EXPR… [-print|-print0] [-quit]} over the practice VPS's files, with GNU
 * find's grammar for the primaries the wizard uses: {@code -perm -MODE|/MODE|MODE}, {@code -type
 * f|d|l}, {@code -user U}, {@code -group G}, {@code -links N}, negated by {@code !} or {@code
 * -not}, joined by {@code -a} (or nothing) and {@code -o}, grouped by {@code ( )}. An {@code -exec}
 * or {@code -execdir} action is cut off by {@link SimulatedHost}, which runs it on the matches.
 */
final class SimFind {
  private SimFind() {}

  static ExecResult run(List<String> argv, SimFs fs) {
    int s = 1;
    while (s < argv.size() && List.of("-P", "-H", "-L").contains(argv.get(s))) {
      s++; // the practice VPS has no symlinks: how to treat them changes nothing
    }
    if (argv.size() <= s) {
      return new ExecResult(argv, 0, "", "");
    }
    List<String> expr = new ArrayList<>();
    for (String a : argv.subList(s + 1, argv.size())) {
      if (!List.of("-xdev", "-print", "-print0", "-quit").contains(a)) {
        expr.add(a);
      }
    }
    String start = argv.get(s);
    if (!fs.exists(start)) {
      return new ExecResult(argv, 1, "", "find: ‘" + start + "’: No such file or directory\n");
    }
    boolean quit = argv.contains("-quit");
    String end = argv.contains("-print0") ? "\0" : "\n";
    StringBuilder out = new StringBuilder();
    for (String path : fs.walk(start)) {
      if (new Parser(expr, fs.get(path).orElseThrow()).matches()) {
        out.append(path).append(end);
        if (quit) {
          break;
        }
      }
    }
    return new ExecResult(argv, 0, out.toString(), "");
  }

  /** Recursive descent over find's expression: or := and (-o and)*; and := not (-a? not)*. */
  private static final class Parser {
    private final List<String> t;
    private final SimFile f;
    private int i;

    Parser(List<String> tokens, SimFile f) {
      this.t = tokens;
      this.f = f;
    }

    boolean matches() {
      return t.isEmpty() || or();
    }

    private boolean or() {
      boolean v = and();
      while (i < t.size() && (t.get(i).equals("-o") || t.get(i).equals("-or"))) {
        i++;
        boolean r = and();
        v = v || r;
      }
      return v;
    }

    private boolean and() {
      boolean v = not();
      while (i < t.size() && !t.get(i).equals("-o") && !t.get(i).equals(")")) {
        if (t.get(i).equals("-a") || t.get(i).equals("-and")) {
          i++;
        }
        boolean r = not();
        v = v && r;
      }
      return v;
    }

    private boolean not() {
      if (t.get(i).equals("!") || t.get(i).equals("-not")) {
        i++;
        return !not();
      }
      return primary();
    }

    private boolean primary() {
      String a = t.get(i++);
      return switch (a) {
        case "(" -> {
          boolean v = or();
          i++; // ")"
          yield v;
        }
        case "-perm" -> perm(t.get(i++), f.mode());
        case "-type" -> type(t.get(i++), f);
        case "-user" -> f.owner().equals(t.get(i++));
        case "-group" -> f.group().equals(t.get(i++));
        case "-links" -> Integer.parseInt(t.get(i++)) == (f.directory() ? 2 : 1);
        default -> true;
      };
    }
  }

  private static boolean perm(String spec, int mode) {
    if (spec.startsWith("-")) {
      int bits = Integer.parseInt(spec.substring(1), 8);
      return (mode & bits) == bits;
    }
    if (spec.startsWith("/")) {
      return (mode & Integer.parseInt(spec.substring(1), 8)) != 0;
    }
    return (mode & 07777) == Integer.parseInt(spec, 8);
  }

  private static boolean type(String t, SimFile f) {
    return switch (t) {
      case "d" -> f.directory();
      case "f" -> !f.directory();
      default -> false; // the practice VPS has no symlinks, sockets or devices
    };
  }
}
