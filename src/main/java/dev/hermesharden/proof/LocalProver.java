package dev.hermesharden.proof;

import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PasswdEntry;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.PendingProof;
import dev.hermesharden.model.PollResult;
import dev.hermesharden.model.PollResult.Pending;
import dev.hermesharden.model.PollResult.Proven;
import dev.hermesharden.model.PollResult.Rejected;
import dev.hermesharden.model.ProofChannel;
import dev.hermesharden.model.ProofException;
import dev.hermesharden.model.ProofSession;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The proof channel of a real server: {@link #begin} prepares the admin's {@link DropBox}
 * directory, issues a one-time token and the ssh command the admin runs from a second terminal;
 * that session's {@code hermes-harden confirm} reads the token from its standard input (never from
 * the command line, which every account can read in {@code /proc}) and drops a record into the
 * admin's directory; {@link #poll} (every ~250 ms, on the waiting side, as root) judges it with
 * {@link ProofJudge} and returns the evidence once.
 *
 * <p>Not thread-safe: one waiting side drives one prover. A session begun earlier is stale once a
 * new one begins: its poll says {@code proof.local.stale}.
 */
public final class LocalProver implements ProofChannel {
  /**
   * @param confirmProgram how the second session calls us, e.g. {@code [hermes-harden]}
   * @param sessionServer the server address and port of the wizard's own SSH session, if any
   */
  public record Settings(
      DropBox dropBox,
      List<String> confirmProgram,
      Duration lifetime,
      Optional<String> sessionServer,
      Optional<String> sessionPort) {
    public Settings {
      confirmProgram = List.copyOf(confirmProgram);
    }

    public static Settings defaults() {
      return new Settings(
          new DropBox(DropBox.DEFAULT_DIR),
          List.of("hermes-harden"),
          ProofToken.DEFAULT_LIFETIME,
          Optional.empty(),
          Optional.empty());
    }
  }

  private enum State {
    WAITING,
    USED,
    SUPERSEDED
  }

  private final Host host;
  private final Clock clock;
  private final Settings settings;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, State> issued = new LinkedHashMap<>();
  private ProofToken current;
  private RecordReader reader;
  private int adminUid;

  public LocalProver(Host host, Clock clock, Settings settings) {
    this.host = host;
    this.clock = clock;
    this.settings = settings;
  }

  @Override
  public ProofSession begin(EvidenceKind kind, Answers answers) throws ProofException {
    PendingProof ask = issue(kind, answers);
    ProofToken mine = current;
    return new ProofSession() {
      @Override
      public PendingProof ask() {
        return ask;
      }

      @Override
      public PollResult poll() {
        return current == mine ? LocalProver.this.poll() : Rejected.end("proof.local.stale");
      }
    };
  }

  /** Issues a new token (any earlier one is now stale) and the command to show the admin. */
  PendingProof issue(EvidenceKind kind, Answers answers) throws ProofException {
    try {
      ExpectedPath path = ExpectedPath.onHost(host, kind, answers, settings.sessionServer());
      String user = answers.adminUser();
      PasswdEntry admin =
          PasswdEntry.parseFirst(host.exec("getent", "passwd", user).stdout())
              .orElseThrow(() -> new ProofException("proof.local.no-user", user));
      settings.dropBox().prepare(host, admin.uid(), admin.gid());
      adminUid = admin.uid();
      if (current != null && issued.get(current.fileName()) == State.WAITING) {
        issued.put(current.fileName(), State.SUPERSEDED);
      }
      current = ProofToken.generate(random, kind, user, clock.instant(), settings.lifetime());
      issued.put(current.fileName(), State.WAITING);
      reader = new RecordReader(host, clock, current, path, admin);
      return new PendingProof(
          kind,
          current.value(),
          current.user(),
          path.shownAddress(),
          command(current.user(), path),
          current.expires(),
          true);
    } catch (HostException e) {
      throw new ProofException("proof.local.host-error", String.valueOf(e.getMessage()));
    }
  }

  /**
   * Looks into the admin's drop-box directory once (one command while it is empty). Never blocks
   * longer than a few commands.
   */
  public PollResult poll() {
    if (current == null) {
      return Rejected.end("proof.local.not-started");
    }
    try {
      DropBox box = settings.dropBox();
      List<String> names = box.names(host, adminUid);
      if (!names.isEmpty()) {
        Optional<String> unsafe = box.userDirProblem(host, adminUid);
        if (unsafe.isPresent()) {
          return Rejected.end("proof.local.drop-box-changed", box.userDir(adminUid), unsafe.get());
        }
      }
      for (Map.Entry<String, State> e : issued.entrySet()) {
        if (e.getValue() != State.WAITING && names.contains(e.getKey())) {
          host.deleteFile(box.recordPath(adminUid, e.getKey()));
          return e.getValue() == State.USED
              ? Rejected.end("proof.local.used")
              : Rejected.retry("proof.local.stale");
        }
      }
      if (issued.get(current.fileName()) == State.USED) {
        return Rejected.end("proof.local.used");
      }
      String path = box.recordPath(adminUid, current.fileName());
      if (current.expiredAt(clock.instant())) {
        issued.put(current.fileName(), State.SUPERSEDED);
        host.deleteFile(path);
        return Rejected.end("proof.local.expired", String.valueOf(settings.lifetime().toMinutes()));
      }
      if (!names.contains(current.fileName())) {
        return new Pending();
      }
      PollResult r = reader.judge(path);
      if (r instanceof Pending) {
        return r;
      }
      host.deleteFile(path); // judged: the admin may write a new record with the same token
      if (r instanceof Proven) {
        issued.put(current.fileName(), State.USED);
      }
      return r;
    } catch (HostException | RuntimeException e) {
      return Rejected.retry("proof.local.host-error", String.valueOf(e.getMessage()));
    }
  }

  /** The token being waited for, if any. */
  public Optional<ProofToken> current() {
    return Optional.ofNullable(current);
  }

  /** The ssh command without the token: {@code confirm} asks for it on standard input. */
  private List<String> command(String user, ExpectedPath path) {
    return command(user, path.shownAddress(), settings);
  }

  /**
   * The command the admin runs from a second terminal to prove a key-only login as {@code user} to
   * {@code address}: ssh with key-only options and {@code ControlPath=none} (a new connection,
   * never one shared through the admin's {@code ControlMaster}: {@link SshConnectionAge}), then
   * {@code hermes-harden confirm}. The token is not part of it: {@code confirm} reads it from
   * standard input.
   */
  public static List<String> command(String user, String address, Settings settings) {
    List<String> argv = new ArrayList<>(List.of("ssh"));
    settings
        .sessionPort()
        .filter(p -> !p.equals("22"))
        .ifPresent(p -> argv.addAll(List.of("-p", p)));
    argv.addAll(
        List.of(
            "-o",
            "PreferredAuthentications=publickey",
            "-o",
            "PasswordAuthentication=no",
            "-o",
            "ControlPath=none",
            user + "@" + address));
    argv.addAll(settings.confirmProgram());
    if (!settings.dropBox().dir().equals(DropBox.DEFAULT_DIR)) {
      argv.addAll(List.of("--confirm-dir", settings.dropBox().dir()));
    }
    argv.add("confirm");
    return argv;
  }
}
