package dev.hermesharden.proof;

import dev.hermesharden.model.PollResult.Rejected;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The pure rules a confirm record must pass, in the order the waiting side applies them. Each
 * returns why the record is refused, or empty when this rule is satisfied.
 */
final class ProofJudge {
  private ProofJudge() {}

  /**
   * A plain file of sane size, created by the admin's own account (the kernel's owner uid; root's
   * records do not count either: {@code confirm} runs without sudo).
   */
  static Optional<Rejected> file(RecordFile f, int adminUid, String admin) {
    if (!f.plainFile()) {
      return Optional.of(Rejected.retry("proof.local.not-a-file", f.type()));
    }
    if (f.size() > ConfirmRecord.MAX_BYTES) {
      return Optional.of(Rejected.retry("proof.local.bad-record"));
    }
    if (f.ownerUid() != adminUid) {
      return Optional.of(wrongUser(f.ownerUid(), admin));
    }
    return Optional.empty();
  }

  /** The record parses and carries exactly this token. */
  static Optional<Rejected> record(Optional<ConfirmRecord> rec, String token) {
    if (rec.isEmpty() || rec.get().connection().isEmpty()) {
      return Optional.of(Rejected.retry("proof.local.bad-record"));
    }
    if (!ProofToken.sameToken(rec.get().token(), token)) {
      return Optional.of(Rejected.retry("proof.local.token-mismatch"));
    }
    return Optional.empty();
  }

  /** The login reached the server over the expected way. */
  static Optional<Rejected> path(ExpectedPath expected, String server, String client) {
    if (expected.admits(server, client)) {
      return Optional.empty();
    }
    return Optional.of(
        expected.clientNetwork().isPresent()
            ? Rejected.retry("proof.local.wrong-path.cidr", client, expected.clientNetwork().get())
            : Rejected.retry(
                "proof.local.wrong-path." + expected.kind().id(),
                server,
                String.join(", ", expected.serverAddresses())));
  }

  /**
   * The login is a new connection: one still open that is older than the token (by more than the
   * second {@code ps} rounds to) was opened before the proof was asked for and is being shared
   * ({@code ControlMaster}), so it does not show that a new login works now, after a change.
   */
  static Optional<Rejected> newConnection(OptionalLong ageSeconds, Instant issued, Clock clock) {
    if (ageSeconds.isEmpty()) {
      return Optional.empty();
    }
    long tokenAge = Math.max(0, Duration.between(issued, clock.instant()).getSeconds());
    if (ageSeconds.getAsLong() <= tokenAge + 1) {
      return Optional.empty();
    }
    return Optional.of(
        Rejected.retry("proof.local.old-connection", String.valueOf(ageSeconds.getAsLong())));
  }

  /** Only public keys, and sshd told us so (SSH_USER_AUTH or its log). */
  static Optional<Rejected> method(Optional<LoginMethod> m, boolean exposed) {
    if (m.isEmpty()) {
      return Optional.of(
          Rejected.retry(exposed ? "proof.local.no-method" : "proof.local.no-auth-info"));
    }
    if (!m.get().keyOnly()) {
      return Optional.of(Rejected.retry("proof.local.not-key-only", m.get().otherMethod()));
    }
    return Optional.empty();
  }

  private static Rejected wrongUser(int uid, String admin) {
    return Rejected.retry("proof.local.wrong-user", String.valueOf(uid), admin);
  }
}
