package dev.hermesharden.cli;

import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/** The process entry point: the only place that calls {@code System.exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    StartAhead.beginFor(args);
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    Reader in = new InputStreamReader(System.in, StandardCharsets.UTF_8);
    int code = Cli.run(args, in, out, err, CliEnvironment.current());
    out.flush();
    err.flush();
    System.exit(code);
  }
}
