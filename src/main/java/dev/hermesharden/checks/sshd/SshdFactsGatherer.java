package dev.hermesharden.checks.sshd;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.SideBySide;
import dev.hermesharden.host.SshAuthOffer;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.net.SsListeners;
import dev.hermesharden.system.sshd.MatchSpec;
import dev.hermesharden.system.sshd.SshdAccounts;
import dev.hermesharden.system.sshd.SshdAuthMethods;
import dev.hermesharden.system.sshd.SshdCommandLine;
import dev.hermesharden.system.sshd.SshdConfigFiles;
import dev.hermesharden.system.sshd.SshdConfigReader;
import dev.hermesharden.system.sshd.SshdConnection;
import dev.hermesharden.system.sshd.SshdConnections;
import dev.hermesharden.system.sshd.SshdEffectiveConfig;
import dev.hermesharden.system.sshd.SshdProbe;
import dev.hermesharden.system.ufw.SshPortReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Asks the host what sshd does: {@code sshd -t}; {@code sshd -T -C} for the admin's own connection
 * ({@link SshdProbe#specFor}), root's and one per Match block ({@link SshdConnections}); the
 * version, the files, the accounts, whether {@code ssh.socket} is active; and the running daemon
 * itself: its {@code none} answer for the admin and root on this machine's own address, and when it
 * last loaded its files. Only reads (the {@code none} requests leave a "Connection closed by
 * authenticating user" line in sshd's log).
 */
final class SshdFactsGatherer {
  /** Ports asked live at most: one probe per user and port. */
  private static final int MAX_LIVE_PORTS = 2;

  private SshdFactsGatherer() {}

  static SshdFacts gather(Host host, StepContext ctx) throws HostException {
    ExecResult test = host.exec("sshd", "-t");
    SshdConfigFiles files = SshdConfigFiles.parse(SshdConfigReader.snapshot(host));
    // plain sshd -T: the ports and addresses to name in every -C (a Match LocalPort or
    // LocalAddress block makes sshd refuse a -C without lport or laddr)
    ExecResult plain = host.exec("sshd", "-T");
    Map<String, Integer> listen =
        listen(
            plain.ok() ? Optional.of(SshdEffectiveConfig.parse(plain.stdout())) : Optional.empty());
    String first = listen.keySet().iterator().next();
    String firstPort = String.valueOf(listen.get(first));
    Optional<String> laddr =
        files.matchBlocks().stream()
                .anyMatch(
                    b -> b.criteria().toLowerCase(java.util.Locale.ROOT).contains("localaddress"))
            ? Optional.of(first.substring(0, first.indexOf('\0')))
            : Optional.empty();
    MatchSpec base = SshdProbe.specFor(ctx);
    MatchSpec spec =
        new MatchSpec(base.user(), base.host(), base.addr(), laddr, Optional.of(firstPort));
    boolean socket =
        host.exec("systemctl", "is-active", "ssh.socket").stdout().strip().equals("active");
    String error = test.stderr().strip().lines().findFirst().orElse("");
    Optional<SshdEffectiveConfig> effective = SshdProbe.effective(host, spec);
    SshdAccounts accounts = SshdAccounts.read(host);
    List<SshdFacts.Asked> asked = new ArrayList<>();
    if (effective.isPresent()) {
      List<SshdConnection> connections = new ArrayList<>();
      for (SshdConnection c :
          SshdConnections.of(files, spec.user(), ctx.clientAddress(), firstPort, accounts)) {
        MatchSpec s = c.spec();
        if (s.laddr().isEmpty() && laddr.isPresent()) {
          s = new MatchSpec(s.user(), s.host(), s.addr(), laddr, s.lport());
        }
        connections.add(new SshdConnection(s, c.origin(), c.byAccount()));
      }
      asked.addAll(
          SideBySide.map(
              connections, c -> new SshdFacts.Asked(c, SshdProbe.effective(host, c.spec()))));
    }
    List<Integer> configured =
        plain.ok() ? SshPortReader.parse(plain.stdout()) : List.copyOf(listen.values());
    SshdLive live =
        effective.isPresent()
            ? live(host, spec.user(), listen, configured, effective.get(), files)
            : SshdLive.UNKNOWN;
    return new SshdFacts(
        spec.user(),
        spec,
        test.exitCode(),
        error,
        effective,
        SshdProbe.version(host),
        files,
        socket,
        asked,
        accounts,
        live);
  }

  /**
   * Where to reach sshd from this machine: address to port, from {@code listenaddress} (a wildcard
   * address is reached on loopback).
   */
  static Map<String, Integer> listen(Optional<SshdEffectiveConfig> e) {
    Map<String, Integer> out = new LinkedHashMap<>();
    List<String> all = new ArrayList<>(e.map(c -> c.all("listenaddress")).orElse(List.of()));
    all.sort(java.util.Comparator.comparing(la -> la.startsWith("["))); // IPv4 first
    for (String la : all) {
      int colon = la.lastIndexOf(':');
      if (colon < 0 || !la.substring(colon + 1).matches("\\d{1,5}")) {
        continue;
      }
      String addr = la.substring(0, colon).replace("[", "").replace("]", "");
      int port = Integer.parseInt(la.substring(colon + 1));
      String reach = reach(addr);
      if (out.values().stream().noneMatch(p -> p == port) && out.size() < MAX_LIVE_PORTS) {
        out.put(reach + "\0" + port, port);
      }
    }
    if (out.isEmpty()) {
      out.put("127.0.0.1\u0000" + 22, 22);
    }
    return out;
  }

  /**
   * The options on the command line of root's sshd on the files' ports that set what the files
   * would ({@code sshd -D -o PermitRootLogin=yes}), read from {@code /proc/PID/cmdline}.
   */
  private static List<String> ownOptions(
      Host host, List<SsListeners.Listener> sockets, List<Integer> configured)
      throws HostException {
    Set<Long> pids = new LinkedHashSet<>();
    for (SsListeners.Listener l : SsListeners.sshServers(sockets)) {
      if (l.pid() > 0
          && l.port().matches("\\d{1,5}")
          && configured.contains(Integer.parseInt(l.port()))) {
        pids.add(l.pid());
      }
    }
    List<String> out = new ArrayList<>();
    for (long pid : pids) {
      Optional<String> cmdline = host.readFile("/proc/" + pid + "/cmdline");
      if (cmdline.isPresent()) {
        List<String> opts = SshdCommandLine.settingOptions(cmdline.get());
        if (!opts.isEmpty()) {
          out.add("pid " + pid + ": " + String.join(" ", opts));
        }
      }
    }
    return out;
  }

  /** Where a socket bound to {@code bound} is reached from this machine: a wildcard on loopback. */
  private static String reach(String bound) {
    return bound.equals("0.0.0.0") || bound.equals("*")
        ? "127.0.0.1"
        : bound.equals("::") ? "::1" : bound;
  }

  /**
   * One question to the running daemon: what it offers {@code user} on {@code address:port}; {@code
   * other} when another SSH server than the files' sshd listens there.
   */
  private record Ask(String address, int port, String user, boolean other) {}

  private static SshdLive.Offer offer(Host host, Ask a, List<SsListeners.Listener> sockets)
      throws HostException {
    Optional<SsListeners.Listener> foreign =
        sockets.stream()
            .filter(l -> l.port().equals(String.valueOf(a.port())) && l.uid() != 0)
            .filter(l -> serves(l.address(), a.address()))
            .findFirst();
    MatchSpec on =
        new MatchSpec(
            a.user(),
            a.address(),
            a.address(),
            Optional.of(a.address()),
            Optional.of(String.valueOf(a.port())));
    Optional<List<String>> expected = SshdProbe.effective(host, on).map(SshdAuthMethods::offered);
    if (foreign.isPresent()) {
      return new SshdLive.Offer(
          a.address(),
          a.port(),
          a.user(),
          Optional.empty(),
          SshdLive.NOT_ROOTS + " (uid " + foreign.get().uid() + ")",
          expected,
          a.other());
    }
    try {
      SshAuthOffer o = host.sshAuthOffer(a.address(), a.port(), a.user());
      return new SshdLive.Offer(
          a.address(), a.port(), a.user(), Optional.of(o), "", expected, a.other());
    } catch (HostException e) {
      return new SshdLive.Offer(
          a.address(),
          a.port(),
          a.user(),
          Optional.empty(),
          e.kind().name().toLowerCase(),
          expected,
          a.other());
    }
  }

  /** Whether a socket bound to {@code bound} takes a connection to {@code address}. */
  private static boolean serves(String bound, String address) {
    return bound.equals(address)
        || bound.equals("*")
        || (bound.equals("0.0.0.0") && !address.contains(":"))
        || (bound.equals("::") && address.contains(":"));
  }

  private static SshdLive live(
      Host host,
      String admin,
      Map<String, Integer> listen,
      List<Integer> configured,
      SshdEffectiveConfig effective,
      SshdConfigFiles files)
      throws HostException {
    List<Ask> asks = new ArrayList<>();
    for (Map.Entry<String, Integer> l : listen.entrySet()) {
      for (String user : List.of(admin, "root")) {
        asks.add(
            new Ask(l.getKey().substring(0, l.getKey().indexOf('\0')), l.getValue(), user, false));
      }
    }
    // whose sockets: only root's can be sshd's (the table is the one other steps ask for)
    ExecResult ss = SsListeners.ask(host);
    List<SsListeners.Listener> sockets =
        ss.ok() ? SsListeners.parse(ss.stdout()) : List.<SsListeners.Listener>of();
    // another SSH server of root's on a port the files do not name: its settings are its own
    // (`sshd -p 2200 -o PasswordAuthentication=yes` let a password in while every file said no)
    List<String> others = new ArrayList<>();
    Set<String> otherPorts = new LinkedHashSet<>();
    for (SsListeners.Listener l : SsListeners.otherSshServers(sockets, configured)) {
      others.add(l.label() + " " + l.process());
      if (otherPorts.size() < MAX_LIVE_PORTS && otherPorts.add(l.port())) {
        for (String user : List.of(admin, "root")) {
          asks.add(new Ask(reach(l.address()), Integer.parseInt(l.port()), user, true));
        }
      }
    }
    // each address and user is a connection of its own: asked side by side
    List<SshdLive.Offer> offers = SideBySide.map(asks, a -> offer(host, a, sockets));
    String pidFile = effective.first("pidfile").orElse("/run/sshd.pid");
    Optional<Long> loadedAt = host.stat(pidFile).map(FileStat::mtimeEpochSeconds);
    List<String> changed = new ArrayList<>();
    if (loadedAt.isPresent()) {
      for (String f : files.filesRead()) {
        Optional<FileStat> st = host.stat(f);
        if (st.isPresent() && st.get().mtimeEpochSeconds() > loadedAt.get()) {
          changed.add(f);
        }
      }
    }
    return new SshdLive(offers, loadedAt, changed, others, ownOptions(host, sockets, configured));
  }
}
