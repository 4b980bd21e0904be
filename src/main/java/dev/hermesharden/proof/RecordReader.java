package dev.hermesharden.proof;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PasswdEntry;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.PollResult;
import dev.hermesharden.model.PollResult.Pending;
import dev.hermesharden.model.PollResult.Proven;
import dev.hermesharden.model.PollResult.Rejected;
import dev.hermesharden.model.Sha256;
import dev.hermesharden.system.sshkeys.AuthorizedKey;
import dev.hermesharden.system.sshkeys.AuthorizedKeysFiles;
import dev.hermesharden.system.sshkeys.AuthorizedKeysParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one confirm record for the current token and turns it into evidence or a refusal: the
 * admin's drop-box directory and the record by {@code lstat} (owner, mode, plain file), the
 * record's own text (read without following a symlink), the path, that the connection was opened
 * after the token was issued ({@link SshConnectionAge}), the login method (from {@code
 * SSH_USER_AUTH}, else sshd's journal lines for that client address and port, {@link SshdLog}) and
 * the {@code authorized_keys} files that list the key, whose sha256 the evidence then rests on.
 *
 * <p>Caveat: sshd's journal line can trail the login by a moment, so a record without {@code
 * SSH_USER_AUTH} is left pending for {@link #LOG_GRACE} before it is refused.
 */
final class RecordReader {
  static final Duration LOG_GRACE = Duration.ofSeconds(3);

  private final Host host;
  private final Clock clock;
  private final ProofToken token;
  private final ExpectedPath expected;
  private final PasswdEntry admin;
  private Instant firstSeen;

  RecordReader(Host host, Clock clock, ProofToken token, ExpectedPath expected, PasswdEntry admin) {
    this.host = host;
    this.clock = clock;
    this.token = token;
    this.expected = expected;
    this.admin = admin;
  }

  PollResult judge(String path) throws HostException {
    Optional<RecordFile> f = RecordFile.lstat(host, path);
    if (f.isEmpty()) {
      return new Pending();
    }
    String user = token.user();
    int uid = admin.uid();
    Optional<Rejected> no = ProofJudge.file(f.get(), uid, user);
    if (no.isPresent()) {
      return no.get();
    }
    Optional<ConfirmRecord> parsed = readNoFollow(path).flatMap(ConfirmRecord::parse);
    no = ProofJudge.record(parsed, token.value());
    if (no.isPresent()) {
      return no.get();
    }
    ConfirmRecord rec = parsed.get();
    String[] conn = rec.connection().orElseThrow();
    String client = conn[0];
    String server = conn[2];
    no = ProofJudge.path(expected, server, client);
    if (no.isPresent()) {
      return no.get();
    }
    no = ProofJudge.newConnection(SshConnectionAge.seconds(host, conn), token.issued(), clock);
    if (no.isPresent()) {
      return no.get();
    }
    Optional<LoginMethod> method;
    if (rec.authLines().isEmpty()) {
      SshdLog.Answer answer = SshdLog.judge(sshdLog(), user, client, conn[1]);
      if (answer instanceof SshdLog.Ambiguous) {
        return Rejected.retry("proof.local.log-ambiguous", client, conn[1]);
      }
      method =
          answer instanceof SshdLog.Found found ? Optional.of(found.method()) : Optional.empty();
    } else {
      method = LoginMethod.fromUserAuth(rec.authLines());
    }
    Instant now = clock.instant();
    if (firstSeen == null) {
      firstSeen = now;
    }
    if (method.isEmpty() && rec.authLines().isEmpty() && now.isBefore(firstSeen.plus(LOG_GRACE))) {
      return new Pending();
    }
    no = ProofJudge.method(method, rec.authExposed());
    if (no.isPresent()) {
      return no.get();
    }
    String fp = method.get().fingerprint();
    Map<String, String> restsOn = keyFiles(host, admin, client, fp);
    if (restsOn.isEmpty()) {
      return Rejected.retry("proof.local.key-not-listed", fp, user);
    }
    // a confirm record comes from a real login to a real server: never simulated
    return new Proven(new Evidence(token.kind(), user, fp, server, client, now, restsOn, false));
  }

  /**
   * The record's text, opened with {@code O_NOFOLLOW|O_NONBLOCK}: if the admin's account swapped
   * the checked file for a symlink or a FIFO, root neither reads another file nor hangs.
   */
  private Optional<String> readNoFollow(String path) throws HostException {
    ExecResult r =
        host.exec(
            List.of(
                "dd",
                "if=" + path,
                "iflag=nofollow,nonblock",
                "bs=" + (ConfirmRecord.MAX_BYTES + 1),
                "count=1",
                "status=none"),
            Host.DEFAULT_TIMEOUT);
    return r.ok() && r.stdout().length() <= ConfirmRecord.MAX_BYTES
        ? Optional.of(r.stdout())
        : Optional.empty();
  }

  /** sshd's own messages since the token was issued; journald's _UID/_COMM cannot be forged. */
  private String sshdLog() throws HostException {
    long since = token.issued().getEpochSecond() - 60;
    ExecResult r =
        host.exec(
            "journalctl",
            "--no-pager",
            "-q",
            "-o",
            "cat",
            "--since",
            "@" + since,
            "_UID=0",
            "_COMM=sshd",
            "_COMM=sshd-session");
    return r.ok() ? r.stdout() : "";
  }

  /** Each authorized_keys file sshd reads for this user that lists the key: path to sha256. */
  static Map<String, String> keyFiles(Host host, PasswdEntry a, String client, String fingerprint)
      throws HostException {
    ExecResult dump =
        host.exec("sshd", "-T", "-C", "user=" + a.name() + ",host=" + client + ",addr=" + client);
    List<String> patterns =
        dump.ok()
            ? AuthorizedKeysFiles.fromSshdT(dump.stdout()).orElse(AuthorizedKeysFiles.DEFAULT)
            : AuthorizedKeysFiles.DEFAULT;
    Map<String, String> out = new LinkedHashMap<>();
    for (String file : AuthorizedKeysFiles.resolve(patterns, a.name(), a.uid(), a.home())) {
      Optional<String> text = host.readFile(file);
      if (text.isPresent() && lists(text.get(), fingerprint)) {
        out.put(file, Sha256.hex(text.get()));
      }
    }
    return out;
  }

  private static boolean lists(String authorizedKeys, String fingerprint) {
    for (AuthorizedKey k : AuthorizedKeysParser.parse(authorizedKeys).keys()) {
      if (k.key().fingerprint().equals(fingerprint)) {
        return true;
      }
    }
    return false;
  }
}
