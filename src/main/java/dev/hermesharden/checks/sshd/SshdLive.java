package dev.hermesharden.checks.sshd;

import dev.hermesharden.host.SshAuthOffer;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the running sshd itself says, as opposed to its files: the methods it offers (its answer to
 * {@code none} authentication) next to what the files predict for the same connection, and when it
 * last loaded its configuration (the mtime of the PID file sshd writes at every start and every
 * SIGHUP re-exec) next to the files changed since.
 *
 * @param offers one per (address, port, user) asked
 * @param loadedAt epoch seconds of the PID file, empty when there is none
 * @param changedSince configuration files modified after {@code loadedAt}
 * @param others root's SSH servers ({@code sshd}, {@code dropbear}) listening on a port the files
 *     do not name, e.g. {@code 0.0.0.0:2200 sshd}: started with settings of their own, which no
 *     check of this step reads. Their offers are asked too, on one port each.
 * @param ownOptions the files' sshd started with options that set what its files would ({@code pid
 *     812: -o PermitRootLogin=yes}, {@link dev.hermesharden.system.sshd.SshdCommandLine}): {@code
 *     sshd -T} does not see them
 */
public record SshdLive(
    List<Offer> offers,
    Optional<Long> loadedAt,
    List<String> changedSince,
    List<String> others,
    List<String> ownOptions) {
  public SshdLive {
    offers = List.copyOf(offers);
    changedSince = List.copyOf(changedSince);
    others = List.copyOf(others);
    ownOptions = List.copyOf(ownOptions);
  }

  /** No other SSH server listens, and sshd runs with its files' settings only. */
  public SshdLive(List<Offer> offers, Optional<Long> loadedAt, List<String> changedSince) {
    this(offers, loadedAt, changedSince, List.of(), List.of());
  }

  public static final SshdLive UNKNOWN = new SshdLive(List.of(), Optional.empty(), List.of());

  /**
   * The {@code error} of an offer not asked because the listening socket is not root's ({@code uid
   * N} follows): only root's sshd (or systemd's socket for it) can be sshd, and another account's
   * server on a free port would answer whatever it likes.
   */
  public static final String NOT_ROOTS = "not root's socket";

  /**
   * @param answer the daemon's answer, empty when it could not be asked ({@code error} says why)
   * @param expected what the files say sshd offers on this connection; empty when sshd -T failed
   * @param other whether another SSH server answers here (one of {@link SshdLive#others}), not the
   *     sshd the files configure
   */
  public record Offer(
      String address,
      int port,
      String user,
      Optional<SshAuthOffer> answer,
      String error,
      Optional<List<String>> expected,
      boolean other) {
    public boolean drifted() {
      return answer.isPresent()
          && expected.isPresent()
          && !new HashSet<>(answer.get().methods()).equals(new HashSet<>(expected.get()));
    }

    public boolean offers(String method) {
      return answer.map(a -> a.noneAccepted() || a.methods().contains(method)).orElse(false);
    }

    public String label() {
      String where =
          user + "@" + (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
      return answer.map(SshAuthOffer::label).orElse(where + " " + error);
    }
  }

  public List<Offer> drifted() {
    return offers.stream().filter(Offer::drifted).toList();
  }

  /** The offers not asked because another account listens there ({@link #NOT_ROOTS}). */
  public List<Offer> impostors() {
    return offers.stream().filter(o -> o.error().startsWith(NOT_ROOTS)).toList();
  }

  public boolean answered() {
    return offers.stream().anyMatch(o -> o.answer().isPresent());
  }

  /** The running daemon's answers in one line for a verdict's details. */
  public String summary() {
    return offers.stream().map(Offer::label).collect(Collectors.joining("; "));
  }
}
