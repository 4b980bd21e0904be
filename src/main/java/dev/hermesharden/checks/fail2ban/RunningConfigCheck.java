package dev.hermesharden.checks.fail2ban;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.fail2ban.JailConfig;
import dev.hermesharden.system.fail2ban.JailLive;
import dev.hermesharden.system.net.Cidr;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code fail2ban.running-config}: the running sshd jail uses what its files say. The server keeps
 * the configuration it read at its last start or {@code reload}; a jail fixed on disk (backend,
 * ignoreip, maxretry, findtime, bantime, port) does nothing before that. Compared: the files merged
 * as fail2ban merges them ({@link JailConfig}) and the server's answers ({@link JailLive}).
 */
public final class RunningConfigCheck implements Check<RunningConfigCheck.Facts> {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([a-z]*)");

  public record Facts(JailConfig files, JailLive jail) {}

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    return new Facts(JailConfig.read(host), JailLive.gather(host, "sshd"));
  }

  @Override
  public Verdict evaluate(Facts f, Params params, StepContext ctx) {
    JailConfig disk = f.files();
    JailLive live = f.jail();
    if (!live.running()) {
      return disk.enabled("sshd")
          ? Verdict.fail("reason.fail2ban.jail-not-in-effect")
              .with("client", SshdJailCheck.firstLine(live.error()))
          : Verdict.fail("reason.fail2ban.server-down")
              .with("client", SshdJailCheck.firstLine(live.error()));
    }
    List<String> diff = new ArrayList<>();
    compareSeconds(
        diff, "maxretry", disk.get("sshd", "maxretry").orElse("5"), live.maxretry(), false);
    compareSeconds(
        diff, "findtime", disk.get("sshd", "findtime").orElse("600"), live.findtime(), true);
    compareSeconds(
        diff, "bantime", disk.get("sshd", "bantime").orElse("600"), live.bantime(), true);
    Set<Object> diskIgnore =
        networks(List.of(disk.get("sshd", "ignoreip").orElse("").split("[,\\s]+")));
    if (!diskIgnore.equals(networks(live.ignoreip()))) {
      diff.add(
          "ignoreip "
              + disk.get("sshd", "ignoreip").orElse("-").strip()
              + " / "
              + String.join(" ", live.ignoreip()));
    }
    boolean diskJournal = disk.get("sshd", "backend").orElse("auto").startsWith("systemd");
    if (diskJournal != live.backendKind().equals("journal")) {
      diff.add(
          "backend " + disk.get("sshd", "backend").orElse("auto") + " / " + live.backendKind());
    }
    Set<String> diskActions = actionNames(disk.get("sshd", "action").orElse(""));
    Set<String> liveActions = new HashSet<>();
    live.actions().forEach(a -> liveActions.add(a.name()));
    if (!diskActions.isEmpty() && !diskActions.equals(liveActions)) {
      diff.add(
          "actions "
              + String.join(",", diskActions)
              + " / "
              + (liveActions.isEmpty() ? "none" : String.join(",", liveActions)));
    }
    Optional<String> diskPort = disk.get("sshd", "port");
    if (diskPort.isPresent() && !live.actions().isEmpty()) {
      String livePort = live.actions().get(0).port();
      if (!norm(diskPort.get()).equals(norm(livePort))) {
        diff.add("port " + diskPort.get().strip() + " / " + livePort);
      }
    }
    Verdict v =
        diff.isEmpty()
            ? Verdict.pass("reason.fail2ban.running-matches")
            : Verdict.fail("reason.fail2ban.not-in-effect", String.join("; ", diff));
    return v.with(
        "running",
        live.backendKind()
            + " maxretry="
            + live.maxretry().orElse("-")
            + " findtime="
            + live.findtime().orElse("-")
            + " bantime="
            + live.bantime().orElse("-")
            + " ignoreip="
            + String.join(" ", live.ignoreip()));
  }

  private static void compareSeconds(
      List<String> diff, String key, String disk, Optional<String> live, boolean duration) {
    if (live.isEmpty()) {
      return;
    }
    Optional<Long> d = duration ? seconds(disk) : number(disk);
    Optional<Long> l = duration ? seconds(live.get()) : number(live.get());
    if (d.isPresent() && l.isPresent() && !d.equals(l)) {
      diff.add(key + " " + disk.strip() + " / " + live.get());
    }
  }

  private static Optional<Long> number(String s) {
    return s.strip().matches("-?\\d+") ? Optional.of(Long.parseLong(s.strip())) : Optional.empty();
  }

  /** fail2ban's time abbreviations: {@code 600}, {@code 10m}, {@code 1h}, {@code 1d 2h}. */
  static Optional<Long> seconds(String s) {
    String t = s.strip().toLowerCase(Locale.ROOT);
    if (t.matches("-?\\d+(\\.0)?")) {
      return Optional.of((long) Double.parseDouble(t));
    }
    Matcher m = DURATION.matcher(t);
    long total = 0;
    boolean any = false;
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      String u = m.group(2);
      long mul =
          u.isEmpty() || u.startsWith("s")
              ? 1
              : u.startsWith("mo")
                  ? 2_592_000
                  : u.startsWith("m")
                      ? 60
                      : u.startsWith("h")
                          ? 3600
                          : u.startsWith("d")
                              ? 86_400
                              : u.startsWith("w") ? 604_800 : u.startsWith("y") ? 31_536_000 : -1;
      if (mul < 0) {
        return Optional.empty();
      }
      total += n * mul;
      any = true;
    }
    return any ? Optional.of(total) : Optional.empty();
  }

  /** The action names of a jail's {@code action} value: {@code name[params]}, one per line. */
  static Set<String> actionNames(String action) {
    Set<String> out = new java.util.LinkedHashSet<>();
    for (String line : action.split("\n")) {
      String l = line.strip();
      int bracket = l.indexOf('[');
      String name = (bracket < 0 ? l : l.substring(0, bracket)).strip();
      if (name.matches("[\\w.-]+")) {
        out.add(name);
      }
    }
    return out;
  }

  private static String norm(String port) {
    return String.join(",", port.toLowerCase(Locale.ROOT).strip().split("[,\\s]+"));
  }

  private static Object masked(Cidr c) {
    byte[] n = c.network();
    for (int bit = c.prefix(); bit < n.length * 8; bit++) {
      n[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
    }
    return new Cidr(n, c.prefix());
  }

  /** ignoreip entries as networks ({@code 127.0.0.1/8} equals {@code 127.0.0.0/8}); names kept. */
  private static Set<Object> networks(List<String> entries) {
    Set<Object> out = new HashSet<>();
    for (String e : entries) {
      if (!e.isBlank()) {
        out.add(Cidr.tryParse(e.strip()).map(RunningConfigCheck::masked).orElse(e.strip()));
      }
    }
    return out;
  }
}
