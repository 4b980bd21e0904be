package dev.hermesharden.host;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a running sshd which authentication methods it offers a user, with the host's own OpenSSH
 * client ({@code openssh-server} depends on {@code openssh-client}, so it is there wherever sshd
 * is): {@code none} authentication only, no configuration file, agent, key or known_hosts read. No
 * credential is sent and no session is opened; the server logs at most "Connection closed by
 * authenticating user … [preauth]". The same command runs on this machine and, in remote mode, on
 * the server (nothing but OpenSSH is needed there).
 *
 * <p>The host key is not verified: nothing is sent that an impostor could use, and the answer is
 * only ever about the daemon listening on the host's own address.
 *
 * <p>sshd re-executes itself on a reload, and for that moment its port refuses connections (the
 * re-check right after {@code sshd.drop-in}'s reload can meet it): a refused connection is asked
 * again every 100 ms for up to {@link #SETTLE}. Only a refusal that lasts is the answer.
 */
public final class SshAuthProbe {
  /** How long a refused connection is asked again. */
  static final Duration SETTLE = Duration.ofSeconds(2);

  private static final Pattern DENIED = Pattern.compile("Permission denied \\(([^)]*)\\)\\.");

  private SshAuthProbe() {}

  /**
   * The client's default key exchange's first choice since OpenSSH 9.0, {@code
   * sntrup761x25519-sha512}, costs its client ~0.13 s of CPU (0.22 s a question instead of 0.08 s
   * with {@code curve25519-sha256}, sandbox VPS): the probe leaves it out, and asks again with the
   * defaults only when the server offers nothing else. What is asked needs no secrecy.
   */
  static final String FAST_KEX = "KexAlgorithms=-sntrup*";

  /** The command that asks: {@code ssh … -p PORT -l USER -- ADDRESS true}. */
  static List<String> argv(String address, int port, String user, boolean fast) {
    List<String> argv = new ArrayList<>(List.of("ssh", "-F", "/dev/null"));
    for (String option :
        List.of(
            "BatchMode=yes",
            "PreferredAuthentications=none",
            "IdentityAgent=none",
            "StrictHostKeyChecking=no",
            "UserKnownHostsFile=/dev/null",
            "GlobalKnownHostsFile=/dev/null",
            "LogLevel=ERROR",
            "ConnectTimeout=10")) {
      argv.addAll(List.of("-o", option));
    }
    if (fast) {
      argv.addAll(List.of("-o", FAST_KEX));
    }
    argv.addAll(List.of("-p", String.valueOf(port), "-l", user, "--", address, "true"));
    return List.copyOf(argv);
  }

  /** Asks on {@code host}, as {@link Host#sshAuthOffer} describes. */
  public static SshAuthOffer offer(Host host, String address, int port, String user)
      throws HostException {
    long settled = System.nanoTime() + SETTLE.toNanos();
    boolean fast = true;
    while (true) {
      ExecResult r = host.exec(argv(address, port, user, fast), Duration.ofSeconds(20));
      if (fast && r.stderr().contains("no matching key exchange method")) {
        fast = false; // a server that offers only what the probe left out
        continue;
      }
      if (!r.stderr().contains("Connection refused") || System.nanoTime() >= settled) {
        return read(address, port, user, r);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return read(address, port, user, r);
      }
    }
  }

  /** {@code ssh}'s answer to {@code none} authentication as an offer, or why there is none. */
  static SshAuthOffer read(String address, int port, String user, ExecResult r)
      throws HostException {
    if (r.exitCode() == 0) {
      return new SshAuthOffer(address, port, user, List.of(), true);
    }
    String err = r.stderr();
    Matcher m = DENIED.matcher(err);
    String methods = null;
    while (m.find()) {
      methods = m.group(1);
    }
    if (methods != null) {
      return new SshAuthOffer(address, port, user, List.of(methods.split(",")), false);
    }
    String what = "ssh " + address + ":" + port + ": " + err.strip();
    if (err.contains("timed out")) {
      throw new HostException(HostException.Kind.TIMEOUT, what);
    }
    if (err.contains("Connection refused")
        || err.contains("No route to host")
        || err.contains("Network is unreachable")) {
      throw new HostException(HostException.Kind.UNREACHABLE, what);
    }
    throw new HostException(HostException.Kind.IO, what);
  }
}
