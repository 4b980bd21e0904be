package dev.hermesharden.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermesharden.cli.Cli;
import dev.hermesharden.cli.CliEnvironment;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only entry point run INSIDE the sandbox VPS ({@link SandboxVps#cli}): the wizard's CLI kept
 * in one JVM for many read-only commands. Each line on standard input is a JSON array of arguments;
 * each answer is one JSON line {@code {"code":…,"out":…,"err":…}} — exactly what {@code Cli.run}
 * returned and printed. The fidelity tables audit a hundred and forty situations: a JVM start for
 * each would cost minutes, and what is measured (the audit) is the same code either way.
 */
public final class CliServer {
  private CliServer() {}

  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper();
    PrintStream answers = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] argv = json.readValue(line, String[].class);
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code;
      try {
        code =
            Cli.run(
                argv,
                Reader.nullReader(),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                CliEnvironment.current());
      } catch (RuntimeException e) {
        code = 1;
        err.write(e.toString());
      }
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("code", code);
      a.put("out", out.toString());
      a.put("err", err.toString());
      answers.println(json.writeValueAsString(a));
    }
  }

  /** The JSON request line for an argv. */
  static String request(List<String> argv) throws Exception {
    return new ObjectMapper().writeValueAsString(argv);
  }
}
