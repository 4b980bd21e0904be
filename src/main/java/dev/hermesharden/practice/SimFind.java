package dev.hermesharden.practice;

import dev.hermesharden.host.ExecResult;
import java.util.List;

/**
 * {@code find START [-xdev] EXPR… [-print] [-quit]} over the practice VPS's files. Understands the
 * primaries the wizard uses, ANDed left to right: {@code -perm -MODE|/MODE|MODE}, {@code -type
 * f|d|l}, {@code -user U}, {@code -group G}, each optionally negated by {@code -not} or {@code !}.
 */
final class SimFind {
  private SimFind() {}

  static ExecResult run(List<String> argv, SimFs fs) {
    if (argv.size() < 2) {
      return new ExecResult(argv, 0, "", "");
    }
    String start = argv.get(1);
    if (!fs.exists(start)) {
      return new ExecResult(argv, 1, "", "find: ‘" + start + "’: No such file or directory\n");
    }
    boolean quit = argv.contains("-quit");
    StringBuilder out = new StringBuilder();
    for (String path : fs.walk(start)) {
      if (matches(argv, fs.get(path).orElseThrow())) {
        out.append(path).append('\n');
        if (quit) {
          break;
        }
      }
    }
    return new ExecResult(argv, 0, out.toString(), "");
  }

  private static boolean matches(List<String> argv, SimFile f) {
    boolean negate = false;
    for (int i = 2; i < argv.size(); i++) {
      String a = argv.get(i);
      Boolean test =
          switch (a) {
            case "-not", "!" -> {
              negate = true;
              yield null;
            }
            case "-perm" -> perm(argv.get(++i), f.mode());
            case "-type" -> type(argv.get(++i), f);
            case "-user" -> f.owner().equals(argv.get(++i));
            case "-group" -> f.group().equals(argv.get(++i));
            default -> null; // -xdev, -print, -quit
          };
      if (test != null) {
        if (test == negate) {
          return false;
        }
        negate = false;
      }
    }
    return true;
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
