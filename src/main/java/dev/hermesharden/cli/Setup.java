package dev.hermesharden.cli;

import dev.hermesharden.engine.Journal;
import dev.hermesharden.engine.JournalLoad;
import dev.hermesharden.engine.RunMode;
import dev.hermesharden.engine.WizardEngine;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.LocalHost;
import dev.hermesharden.host.PathTrust;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.PracticeMode;
import dev.hermesharden.proof.DropBox;
import dev.hermesharden.proof.LocalProver;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.steps.StepFileException;
import dev.hermesharden.steps.StepFiles;
import dev.hermesharden.words.Glyphs;
import dev.hermesharden.words.Words;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What every command needs, built from the global options: the {@link RunMode} (the practice VPS or
 * this machine, decided here once), the state directory, the validated step files and the words.
 */
final class Setup {
  static final Path REAL_STATE_DIR = Path.of("/var/lib/hermes-harden");

  /** Where backups and revert scripts live on the host (inside the practice VPS for practice). */
  static final String HOST_STATE_DIR = "/var/lib/hermes-harden";

  final GlobalOptions globals;
  final CliEnvironment env;
  final Messages messages;
  final java.io.Reader in;
  final PrintWriter out;
  final PrintWriter err;
  final Catalog catalog = StartAhead.catalog();
  final Clock clock = Clock.systemUTC();
  private RunMode mode;
  private RunMode readOnly;
  private RemoteMode.Connected remote;
  private PrintWriter reconnectsTo;
  private Words words;
  private List<StepDefinition> steps;

  Setup(
      GlobalOptions globals,
      CliEnvironment env,
      Messages messages,
      java.io.Reader in,
      PrintWriter out,
      PrintWriter err) {
    this.in = in;
    this.globals = globals;
    this.env = env;
    this.messages = messages;
    this.out = out;
    this.err = err;
  }

  Path stateDir() throws Refusal {
    if (globals.stateDir() != null) {
      return globals.stateDir();
    }
    if (globals.remote() != null) {
      return remote().mode().stateDir();
    }
    if (globals.practice()) {
      Path base =
          env.get("XDG_STATE_HOME").map(Path::of).orElse(env.home().resolve(".local/state"));
      return base.resolve("hermes-harden-practice");
    }
    return REAL_STATE_DIR;
  }

  /**
   * Where this command runs: the practice VPS, or this machine when the caller is root.
   *
   * @param why i18n key of the reason this command needs root, told when it is not
   */
  RunMode mode(String why) throws Refusal {
    if (mode != null) {
      return mode;
    }
    if (globals.remote() != null) {
      mode = remote().mode();
    } else if (globals.practice()) {
      mode = PracticeMode.load(stateDir(), clock);
    } else {
      if (!env.root()) {
        throw new Refusal(ExitCode.USAGE, messages.get("cli.needs-root", messages.get(why)));
      }
      Host local = local();
      requireRootOnlyStateDir(local);
      mode = LocalMode.of(local, stateDir(), env, proofSettings(), clock);
    }
    return mode;
  }

  /**
   * The server of {@code --remote}, connected once (what the admin is asked comes first, on the
   * terminal); a connection that fails is a sentence and an exit code.
   */
  RemoteMode.Connected remote() throws Refusal {
    if (remote == null) {
      if (globals.practice()) {
        throw new Refusal(ExitCode.USAGE, messages.get("cli.remote.not-with-practice"));
      }
      try {
        remote =
            RemoteMode.connect(
                globals.remote(),
                Optional.ofNullable(globals.privateAddress()),
                env,
                new LinePrompts(in, err, messages, env.terminal() ? System.console() : null),
                Optional.ofNullable(globals.stateDir()),
                clock,
                h -> globals.debug() ? new TracingHost(h, err) : h);
        if (reconnectsTo != null) {
          tellReconnects(reconnectsTo);
        }
      } catch (IllegalArgumentException e) {
        throw new Refusal(ExitCode.USAGE, messages.get("cli.remote.bad-target", globals.remote()));
      } catch (HostException e) {
        throw new Refusal(Cli.exitOf(e), Cli.say(messages, e));
      }
    }
    return remote;
  }

  /** Where the header says the wizard works: the address and port used, and which path. */
  Optional<String> remoteWhere() {
    if (remote == null) {
      return Optional.empty();
    }
    var at = remote.ssh().dialled();
    return Optional.of(
        messages.get(
            "cli.remote.header." + RemoteMode.pathOf(at.hostName()),
            at.hostName() + (at.port() == 22 ? "" : ":" + at.port())));
  }

  /**
   * Says on {@code to}, as it happens, when the remote connection was lost and opened again, and
   * over which address and path it goes now (the line-mode commands; the full-screen wizard does
   * not say it yet, and its header keeps the address it started with). Nothing for a local host.
   */
  void tellReconnects(PrintWriter to) {
    reconnectsTo = to;
    if (remote == null) {
      return;
    }
    remote
        .ssh()
        .onReconnect(
            moved -> {
              to.println(
                  messages.get(
                      "cli.remote.reconnected",
                      moved.from().hostName(),
                      messages.get("cli.remote.path." + RemoteMode.pathOf(moved.from().hostName())),
                      moved.to().hostName(),
                      messages.get("cli.remote.path." + RemoteMode.pathOf(moved.to().hostName()))));
              to.flush();
            });
  }

  /** The host of {@link #mode}. */
  Host host(String why) throws Refusal {
    return mode(why).host();
  }

  /**
   * Root keeps backups of its files and the revert scripts it runs in the state dir: no other
   * account may be able to change it or any directory above it.
   */
  private void requireRootOnlyStateDir(Host h) throws Refusal {
    try {
      if (PathTrust.classify(h, stateDir().toAbsolutePath().toString())
          instanceof PathTrust.RootOnly) {
        return;
      }
    } catch (HostException e) {
      // cannot judge it: refuse as for a directory others can change
    }
    throw new Refusal(
        ExitCode.USAGE, messages.get("cli.error.state-dir-untrusted", stateDir().toString()));
  }

  private Host local() {
    Host local = new LocalHost(env.get("PATH").orElse(null));
    return globals.debug() ? new TracingHost(local, err) : local;
  }

  /**
   * Where a read-only command ({@code audit}, {@code facts}, {@code report}) runs: {@link #mode},
   * or this machine without root. The caller runs checks with {@link #unprivileged()} in mind and
   * must never write through it.
   */
  RunMode readOnlyMode() throws Refusal {
    if (globals.practice() || env.root() || globals.remote() != null) {
      return mode("cli.needs-root.audit");
    }
    if (readOnly == null) {
      readOnly = LocalMode.of(local(), stateDir(), env, proofSettings(), clock);
    }
    return readOnly;
  }

  /** The host of {@link #readOnlyMode}. */
  Host readOnlyHost() throws Refusal {
    return readOnlyMode().host();
  }

  /** True with {@code --remote}: the host is a server reached over SSH. */
  boolean remoteTarget() {
    return globals.remote() != null;
  }

  /** True on a real host without root: some checks cannot see what they need. */
  boolean unprivileged() {
    return !globals.practice() && !env.root() && globals.remote() == null;
  }

  /** Saves what a command changed on the host (the practice VPS); nothing on a real host. */
  void persist() {
    if (mode != null) {
      mode.hostChanged().run();
    }
  }

  /** The answers a session starts from: the run mode's own. */
  Answers baseAnswers() throws Refusal {
    return readOnlyMode().baseAnswers();
  }

  /** The admin's address as the server sees it. */
  Optional<String> clientAddress() throws Refusal {
    return readOnlyMode().clientAddress();
  }

  Journal journal() throws Refusal {
    return new Journal(stateDir(), clock);
  }

  /**
   * The context for read-only commands: the saved session's answers and evidence when there is one,
   * else the base answers. Reading never starts a session.
   */
  StepContext savedContext() throws Refusal {
    Answers answers = baseAnswers();
    List<Evidence> evidence = List.of();
    if (Files.exists(journal().file()) && journal().load() instanceof JournalLoad.Loaded loaded) {
      TreeMap<String, String> merged = new TreeMap<>(loaded.session().answers().values());
      merged.putAll(answers.values());
      answers = new Answers(merged);
      evidence = loaded.session().evidence();
    }
    return new StepContext(answers, evidence, clock, clientAddress());
  }

  /** The engine over this host's saved session (resumed or started). */
  WizardEngine engine(String whyRoot) throws Refusal {
    return new WizardEngine(mode(whyRoot), steps(), catalog, clock);
  }

  /** The drop box, how the second session calls us, and this session's server address. */
  LocalProver.Settings proofSettings() {
    LocalProver.Settings d = LocalProver.Settings.defaults();
    Optional<String[]> conn =
        env.get("SSH_CONNECTION").map(c -> c.strip().split("\\s+")).filter(f -> f.length == 4);
    return new LocalProver.Settings(
        new DropBox(confirmDir()),
        globals.confirmProgram() == null ? d.confirmProgram() : List.of(globals.confirmProgram()),
        d.lifetime(),
        conn.map(f -> f[2]),
        conn.map(f -> f[3]));
  }

  String confirmDir() {
    return globals.confirmDir() == null ? DropBox.DEFAULT_DIR : globals.confirmDir();
  }

  /** Engine values in words, for the lines a command prints. */
  Words words() throws Refusal {
    if (words == null) {
      words = new Words(messages, Glyphs.forEnvironment(env.env()), steps());
    }
    return words;
  }

  /** The packaged step files, validated: read and parsed once per command. */
  List<StepDefinition> steps() throws Refusal {
    if (steps != null) {
      return steps;
    }
    try {
      Optional<List<StepDefinition>> ahead = StartAhead.steps(catalog);
      steps = ahead.isPresent() ? ahead.get() : StepFiles.loadPackaged(catalog, messages);
      return steps;
    } catch (StepFileException e) {
      throw new Refusal(
          ExitCode.INTERNAL, messages.get("cli.error.step-file", e.describe(messages)));
    }
  }
}
