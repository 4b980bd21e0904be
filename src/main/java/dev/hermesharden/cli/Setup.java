package dev.hermesharden.cli;

import dev.hermesharden.engine.Guard;
import dev.hermesharden.engine.Journal;
import dev.hermesharden.engine.JournalLoad;
import dev.hermesharden.engine.WizardEngine;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.LocalHost;
import dev.hermesharden.host.PathTrust;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.Prover;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.PracticeProver;
import dev.hermesharden.practice.PracticeStore;
import dev.hermesharden.practice.PracticeWorkstation;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.proof.DropBox;
import dev.hermesharden.proof.LocalProver;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.steps.StepFileException;
import dev.hermesharden.steps.StepFiles;
import dev.hermesharden.system.probe.HostProbe;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What every command needs, built from the global options: the host (practice VPS or this machine),
 * the state directory, the validated step files and the words.
 */
final class Setup {
  static final Path REAL_STATE_DIR = Path.of("/var/lib/hermes-harden");

  /** Where backups and revert scripts live on the host (inside the practice VPS for practice). */
  static final String HOST_STATE_DIR = "/var/lib/hermes-harden";

  /** Answers key filled with the user who started the tool ({@code SUDO_USER}/{@code USER}). */
  static final String LOGIN_USER = "session.login-user";

  /** Answers key that lets step 9 generate a strong {@code API_SERVER_KEY}. */
  static final String GENERATE_API_KEY = "approvals.generate-api-key";

  final GlobalOptions globals;
  final CliEnvironment env;
  final Messages messages;
  final PrintWriter out;
  final PrintWriter err;
  final Catalog catalog = Catalog.standard();
  final Clock clock = Clock.systemUTC();
  private Host host;

  Setup(
      GlobalOptions globals,
      CliEnvironment env,
      Messages messages,
      PrintWriter out,
      PrintWriter err) {
    this.globals = globals;
    this.env = env;
    this.messages = messages;
    this.out = out;
    this.err = err;
  }

  Path stateDir() {
    if (globals.stateDir() != null) {
      return globals.stateDir();
    }
    if (globals.practice()) {
      Path base =
          env.get("XDG_STATE_HOME").map(Path::of).orElse(env.home().resolve(".local/state"));
      return base.resolve("hermes-harden-practice");
    }
    return REAL_STATE_DIR;
  }

  /**
   * The practice VPS, or this machine when the caller is root.
   *
   * @param why i18n key of the reason this command needs root, told when it is not
   */
  Host host(String why) throws Refusal {
    if (host != null) {
      return host;
    }
    if (globals.practice()) {
      host = new PracticeStore(stateDir()).load();
    } else {
      if (!env.root()) {
        throw new Refusal(ExitCode.USAGE, messages.get("cli.needs-root", messages.get(why)));
      }
      host = local();
      requireRootOnlyStateDir(host);
    }
    return host;
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
   * The host for reading only ({@code audit}, {@code facts}): this machine even without root. The
   * caller runs checks with {@link #unprivileged()} in mind and must never write through it.
   */
  Host readOnlyHost() throws Refusal {
    if (globals.practice() || env.root()) {
      return host("cli.needs-root.audit");
    }
    if (host == null) {
      host = local();
    }
    return host;
  }

  /** True on a real host without root: some checks cannot see what they need. */
  boolean unprivileged() {
    return !globals.practice() && !env.root();
  }

  /** Saves the practice VPS after a command changed it; nothing to do on a real host. */
  void persist() throws IOException {
    if (host instanceof SimulatedHost sim) {
      new PracticeStore(stateDir()).save(sim);
    }
  }

  /**
   * The answers a command starts from: on a real host who started the tool; on the practice VPS the
   * practice workstation's key, so step 2 has a key to add.
   */
  Answers baseAnswers() {
    Answers a = Answers.EMPTY;
    if (globals.practice()) {
      // In practice the wizard generates Hermes' API key: the practice .env holds "changeme".
      return a.with(Answers.PUBLIC_KEY, PracticeWorkstation.PUBLIC_KEY)
          .with(LOGIN_USER, "admin")
          .with(GENERATE_API_KEY, "yes");
    }
    return env.loginUser().map(u -> Answers.EMPTY.with(LOGIN_USER, u)).orElse(a);
  }

  /** The admin's address as the server sees it. */
  Optional<String> clientAddress() {
    return globals.practice()
        ? Optional.of(PracticeWorkstation.PUBLIC_ADDRESS)
        : HostProbe.admin(env.env()).clientAddress();
  }

  Journal journal() {
    return new Journal(stateDir(), clock);
  }

  /**
   * The context for read-only commands: the saved session's answers and evidence when there is one,
   * else the base answers. Reading never starts a session.
   */
  StepContext savedContext() {
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
    Host h = host(whyRoot);
    return new WizardEngine(
        h, steps(), catalog, journal(), clock, HOST_STATE_DIR, new Guard(), clientAddress());
  }

  /** Who performs login proofs: simulated on the practice VPS, the admin on a real server. */
  Prover prover() {
    if (host instanceof SimulatedHost sim) {
      return new PracticeProver(sim, clock);
    }
    return new LocalProver(host, clock, proofSettings());
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

  List<StepDefinition> steps() throws Refusal {
    try {
      return StepFiles.loadPackaged(catalog, messages);
    } catch (StepFileException e) {
      throw new Refusal(ExitCode.INTERNAL, messages.get("cli.error.step-file", e.getMessage()));
    }
  }
}
