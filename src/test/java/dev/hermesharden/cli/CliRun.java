package dev.hermesharden.cli;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the CLI in-process and keeps what it printed. */
record CliRun(int code, String out, String err) {
  static CliRun of(CliEnvironment env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** The same with {@code stdin} as standard input (e.g. a token piped into confirm). */
  static CliRun withInput(String stdin, CliEnvironment env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Cli.run(
            args,
            new StringReader(stdin),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            env);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** The CLI as {@link #user} on the practice VPS whose state lives in {@code home/state}. */
  static CliRun practice(Path home, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--practice", "--state-dir", home.resolve("state").toString()));
    return of(user(home), all.toArray(String[]::new));
  }

  /** A non-root user with an English locale and the given home. */
  static CliEnvironment user(Path home) {
    return new CliEnvironment(Map.of("LANG", "C.UTF-8", "USER", "alice"), 1000, home);
  }
}
