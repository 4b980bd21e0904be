package dev.hermesharden.cli;

import dev.hermesharden.host.HostException;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.BadInputException;
import java.io.PrintWriter;
import java.io.Reader;
import java.util.Enumeration;
import java.util.ResourceBundle;
import picocli.CommandLine;

/**
 * The command line, runnable in-process: {@link #run} parses, runs one command and returns its exit
 * code. Usage errors and bad input ({@link BadInputException}: a file, an answer or a name that
 * cannot be used) are localised sentences with exit code 2.
 */
public final class Cli {
  private Cli() {}

  /** The same with an empty standard input (nothing to read for any command but confirm). */
  public static int run(String[] args, PrintWriter out, PrintWriter err, CliEnvironment env) {
    return run(args, Reader.nullReader(), out, err, env);
  }

  /**
   * @param in standard input: {@code confirm} reads its token from here, never from {@code args}
   */
  public static int run(
      String[] args, Reader in, PrintWriter out, PrintWriter err, CliEnvironment env) {
    String lang = languageOf(args, env);
    Messages messages = Messages.forLanguage(lang);
    RootCommand root = new RootCommand(in, out, err, env, messages);
    CommandLine cl = commandLine(root, messages, false);
    if (!rootAlone(cl, args)) {
      root = new RootCommand(in, out, err, env, messages);
      cl = commandLine(root, messages, true);
    }
    RootCommand parsed = root;
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          String detail =
              ex instanceof CommandLine.UnmatchedArgumentException u
                  ? messages.get("cli.error.unknown-option", String.join(" ", u.getUnmatched()))
                  : ex.getMessage();
          err.println(messages.get("cli.error.usage", detail));
          if (ex instanceof CommandLine.UnmatchedArgumentException u
              && !u.getSuggestions().isEmpty()) {
            err.println(
                messages.get("cli.error.did-you-mean", String.join(", ", u.getSuggestions())));
          }
          err.println(messages.get("cli.error.usage.hint"));
          return ExitCode.USAGE.code();
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parse) -> {
          ExitCode code = ExitCode.INTERNAL;
          if (ex instanceof BadInputException b) {
            // a file, answer or name the admin can correct: say where and why, never "internal"
            String why = messages.get(b.key(), b.args().toArray());
            err.println(messages.get("cli.error.bad-input", b.where(), why));
            code = ExitCode.USAGE;
          } else if (ex instanceof HostException h) {
            // a file the host would not read (a trap, too large), an account or place missing:
            // a reason about this server, never an "internal error"
            err.println(say(messages, h));
            code = exitOf(h);
          } else {
            err.println(messages.get("cli.error.internal", String.valueOf(ex.getMessage())));
          }
          if (parsed.globals.debug()) {
            ex.printStackTrace(err);
          }
          return code.code();
        });
    return cl.execute(args);
  }

  /**
   * The exit code of a host failure: 4 when the server cannot be reached, logged in to, trusted
   * (host key unknown or changed, a proxy configured) or made root (sudo refused); else 2.
   */
  static ExitCode exitOf(HostException h) {
    return switch (h.kind()) {
      case UNREACHABLE, AUTH, TIMEOUT, HOST_KEY_CHANGED, HOST_KEY_UNKNOWN, SSH_CONFIG ->
          ExitCode.UNREACHABLE;
      case PERMISSION ->
          h.sentence().filter(s -> s.startsWith("host.error.sudo")).isPresent()
              ? ExitCode.UNREACHABLE
              : ExitCode.USAGE;
      default -> ExitCode.USAGE;
    };
  }

  /** A host failure in words: its own sentence where it names one, else the kind and message. */
  static String say(Messages messages, HostException h) {
    if (h.sentence().isPresent()) {
      return messages.get(h.sentence().get(), h.sentenceArgs().toArray());
    }
    boolean unreachable =
        h.kind() == HostException.Kind.UNREACHABLE
            || h.kind() == HostException.Kind.AUTH
            || h.kind() == HostException.Kind.TIMEOUT;
    return unreachable
        ? messages.get("cli.error.unreachable", h.getMessage())
        : messages.get("cli.error.host", h.kind(), h.getMessage());
  }

  /**
   * The command model with its texts in one language: what {@link #run} parses with, and what the
   * man page and the shell completion are generated from (so they can never drift apart).
   */
  public static CommandLine model(String lang) {
    PrintWriter none = new PrintWriter(java.io.Writer.nullWriter());
    Messages messages = Messages.forLanguage(lang);
    return commandLine(
        new RootCommand(Reader.nullReader(), none, none, CliEnvironment.current(), messages),
        messages,
        true);
  }

  /**
   * Whether the arguments are the root command's alone (the wizard's start: {@code --practice},
   * {@code --state-dir DIR}, …): then the model without its sub-commands parses them, and picocli
   * builds most of what it builds at start for nothing. Anything else (a sub-command's name
   * anywhere, help, version, an argument the root does not know) goes to the whole model, so what
   * is parsed and printed is the same.
   */
  private static boolean rootAlone(CommandLine rootOnly, String[] args) {
    for (String a : args) {
      if (RootCommand.namesSubcommand(a)) {
        return false;
      }
    }
    try {
      CommandLine.ParseResult r = rootOnly.parseArgs(args);
      return !r.isUsageHelpRequested() && !r.isVersionHelpRequested();
    } catch (CommandLine.ParameterException e) {
      return false;
    }
  }

  private static CommandLine commandLine(RootCommand root, Messages messages, boolean subcommands) {
    CommandLine cl = new CommandLine(root);
    if (subcommands) {
      RootCommand.SUBCOMMANDS.forEach(cl::addSubcommand);
    }
    cl.setResourceBundle(unescaped(messages.bundle()));
    return cl;
  }

  /**
   * The bundle picocli shows in {@code --help}: our files are MessageFormat patterns, where an
   * apostrophe is written twice; picocli prints the text as it is, so the pairs are made one here.
   */
  static ResourceBundle unescaped(ResourceBundle b) {
    return new ResourceBundle() {
      @Override
      protected Object handleGetObject(String key) {
        Object v = b.getObject(key);
        return v instanceof String s ? s.replace("''", "'") : v;
      }

      @Override
      public Enumeration<String> getKeys() {
        return b.getKeys();
      }
    };
  }

  /** {@code --lang X} (or {@code --lang=X}) anywhere, else LANG/LC_ALL, else English. */
  static String languageOf(String[] args, CliEnvironment env) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--lang") && i + 1 < args.length) {
        return args[i + 1];
      }
      if (args[i].startsWith("--lang=")) {
        return args[i].substring("--lang=".length());
      }
    }
    String fromEnv = env.get("LC_ALL").or(() -> env.get("LANG")).orElse("en");
    String code = fromEnv.split("[_.@-]")[0];
    return Messages.supported(code) ? code : "en";
  }
}
