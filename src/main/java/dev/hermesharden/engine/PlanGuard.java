package dev.hermesharden.engine;

import dev.hermesharden.checks.Reason;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.PlannedAction;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.system.net.Cidr;
import dev.hermesharden.system.net.IpAddrShowParser;
import dev.hermesharden.system.sshd.ConfigEntry;
import dev.hermesharden.system.sshd.MatchSpec;
import dev.hermesharden.system.sshd.SshdConfigFiles;
import dev.hermesharden.system.sshd.SshdConfigReader;
import dev.hermesharden.system.sudoers.SudoAccess;
import dev.hermesharden.system.ufw.FirewallFacts;
import dev.hermesharden.system.ufw.SshPortReader;
import dev.hermesharden.system.ufw.UfwRule;
import dev.hermesharden.system.ufw.UfwStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The guards that look at the plan itself, after {@link Guard} found the proofs fresh: the proof
 * must still hold once the plan is applied.
 *
 * <ul>
 *   <li>A plan that writes sshd's files: the proven user (of the newest {@code key-login}) must be
 *       kept by the {@code AllowUsers} that sshd would then apply to the proven connection — the
 *       plan's own text plus the lines that stay in other files, parsed like sshd does ({@link
 *       SshdConfigFiles}, Match blocks for that user and address included).
 *   <li>A plan that writes sshd's files: the admin must be able to become root with sudo, since
 *       root's own SSH login closes.
 *   <li>A plan that enables ufw, or deletes rules of an active ufw: some SSH port must stay
 *       admitted for the proven private path — by a rule the plan adds or one ufw already has and
 *       the plan keeps — from the proof's client address, or on the interface that holds the
 *       proof's server address.
 * </ul>
 *
 * <p>Caveat: {@code DenyUsers}/{@code DenyGroups}/{@code AllowGroups} are not weighed, and a rule's
 * port is only read from the argv forms our fixes use ({@code PORT/tcp}, {@code port P}).
 */
final class PlanGuard {
  private PlanGuard() {}

  /**
   * @param evidence the session's proofs from this kind of host (practice or real)
   */
  static Optional<Missing> check(Plan plan, List<Evidence> evidence, String admin, Host host)
      throws HostException {
    Optional<Missing> m = allowUsers(plan, evidence, admin, host);
    m = m.isPresent() ? m : adminSudo(plan, admin, host);
    return m.isPresent() ? m : firewall(plan, evidence, admin, host);
  }

  /**
   * A plan that writes sshd's files closes root's SSH login (our drop-in says {@code
   * PermitRootLogin no} and {@code AllowUsers} the admin): the admin must then be able to become
   * root with sudo ({@link SudoAccess}), or nobody can. Asked live, whatever step 1 said (it may
   * have been skipped, or the password locked since).
   */
  private static Optional<Missing> adminSudo(Plan plan, String admin, Host host)
      throws HostException {
    if (sshdWrites(plan).isEmpty()) {
      return Optional.empty();
    }
    SudoAccess sudo = SudoAccess.ask(host, admin);
    if (sudo.problem() == SudoAccess.Problem.NONE) {
      return Optional.empty();
    }
    return Optional.of(
        new Missing(
            EvidenceKind.KEY_LOGIN,
            Reason.of("guard.missing.admin-sudo", admin, sudo.detail()),
            Reason.of("guard.how.admin-sudo", admin)));
  }

  /** What the plan writes below {@code /etc/ssh/}: path to new text. */
  private static Map<String, String> sshdWrites(Plan plan) {
    Map<String, String> writes = new LinkedHashMap<>();
    for (PlannedAction a : plan.actions()) {
      if (a instanceof WriteFile w && w.path().startsWith("/etc/ssh/")) {
        writes.put(w.path(), w.after());
      }
    }
    return writes;
  }

  private static Optional<Evidence> newest(List<Evidence> ev, EvidenceKind k, Host host) {
    return ev.stream().filter(e -> e.kind() == k).max(Comparator.comparing(Evidence::at));
  }

  private static Optional<Missing> allowUsers(
      Plan plan, List<Evidence> evidence, String admin, Host host) throws HostException {
    Map<String, String> writes = sshdWrites(plan);
    if (writes.isEmpty()) {
      return Optional.empty();
    }
    Optional<Evidence> proof = newest(evidence, EvidenceKind.KEY_LOGIN, host);
    String user = proof.map(Evidence::user).orElse(admin);
    String client = proof.map(Evidence::clientAddress).orElse("0.0.0.0");
    Map<String, String> files = new LinkedHashMap<>(SshdConfigReader.snapshot(host));
    files.putAll(writes);
    List<ConfigEntry> lines =
        SshdConfigFiles.parse(files)
            .effective(Optional.of(MatchSpec.of(user, client, client)))
            .getOrDefault("allowusers", List.of());
    if (lines.isEmpty() || lines.stream().anyMatch(l -> keeps(l.value(), user, client))) {
      return Optional.empty();
    }
    String where = String.join(", ", lines.stream().map(ConfigEntry::source).toList());
    return Optional.of(
        new Missing(
            EvidenceKind.KEY_LOGIN,
            Reason.of("guard.missing.allow-users", user, where),
            Reason.of("guard.how.allow-users", user)));
  }

  /** Whether one {@code AllowUsers} value lets USER in from CLIENT (USER or USER@HOST patterns). */
  static boolean keeps(String value, String user, String client) {
    for (String p : value.trim().split("\\s+")) {
      String name = p.contains("@") ? p.substring(0, p.indexOf('@')) : p;
      String from = p.contains("@") ? p.substring(p.indexOf('@') + 1) : "*";
      boolean hostOk =
          from.contains("/")
              ? Cidr.tryParse(from).map(c -> c.contains(client)).orElse(false)
              : glob(from, client);
      if (glob(name, user) && hostOk) {
        return true;
      }
    }
    return false;
  }

  private static Optional<Missing> firewall(
      Plan plan, List<Evidence> evidence, String admin, Host host) throws HostException {
    List<List<String>> ufw = new ArrayList<>();
    for (PlannedAction a : plan.actions()) {
      if (a instanceof RunCommand c && !c.argv().isEmpty() && c.argv().get(0).equals("ufw")) {
        ufw.add(c.argv());
      }
    }
    boolean enables = ufw.stream().anyMatch(a -> a.get(a.size() - 1).equals("enable"));
    boolean deletes = ufw.stream().anyMatch(a -> a.contains("delete"));
    if (!enables && !deletes) {
      return Optional.empty();
    }
    Optional<UfwStatus> st = FirewallFacts.status(host, "numbered");
    if (deletes && !enables && !st.map(UfwStatus::active).orElse(false)) {
      return Optional.empty();
    }
    Optional<Evidence> proof = newest(evidence, EvidenceKind.PRIVATE_PATH_LOGIN, host);
    if (proof.isEmpty()) {
      return Optional.empty(); // Guard already refused: it requires this proof
    }
    String client = proof.get().clientAddress();
    String iface = ifaceOf(host, proof.get().serverAddress());
    List<Integer> ports = SshPortReader.read(host).ports();
    List<Integer> deleted = new ArrayList<>();
    for (List<String> a : ufw) {
      if (a.contains("delete") && a.get(a.size() - 1).matches("\\d+")) {
        deleted.add(Integer.parseInt(a.get(a.size() - 1)));
      }
    }
    for (int port : ports) {
      for (List<String> a : ufw) {
        if (admitsArgv(a, port, client, iface)) {
          return Optional.empty();
        }
      }
      if (st.map(UfwStatus::active).orElse(false)) {
        for (UfwRule r : st.get().rules()) {
          if (!deleted.contains(r.number()) && admitsRule(r, port, client, iface)) {
            return Optional.empty();
          }
        }
      }
    }
    return Optional.of(
        new Missing(
            EvidenceKind.PRIVATE_PATH_LOGIN,
            Reason.of("guard.missing.no-rule-for-proof", client, iface, ports.toString()),
            Reason.of("guard.how.firewall-rule", client)));
  }

  /**
   * {@code ufw allow PORT[/tcp]}, {@code ... in on IF ... port P}, {@code ... from CIDR ... port
   * P}.
   */
  static boolean admitsArgv(List<String> a, int port, String client, String iface) {
    if (a.size() < 3 || !(a.get(1).equals("allow") || a.get(1).equals("limit"))) {
      return false;
    }
    if (a.size() == 3) {
      return a.get(2).equals(port + "/tcp") || a.get(2).equals(String.valueOf(port));
    }
    int p = a.indexOf("port");
    if (p < 0 || p + 1 >= a.size() || !a.get(p + 1).equals(String.valueOf(port))) {
      return false;
    }
    int on = a.indexOf("on");
    if (on > 0 && on + 1 < a.size() && !a.get(on + 1).equals(iface)) {
      return false;
    }
    int from = a.indexOf("from");
    return from < 0
        || a.get(from + 1).equals("any")
        || Cidr.tryParse(a.get(from + 1)).map(c -> c.contains(client)).orElse(false);
  }

  private static boolean admitsRule(UfwRule r, int port, String client, String iface) {
    if (!r.admitsIncoming() || !r.coversTcpPort(port)) {
      return false;
    }
    if (r.iface().isPresent() && !r.iface().get().equals(iface)) {
      return false;
    }
    return r.fromAnywhere() || Cidr.tryParse(r.from()).map(c -> c.contains(client)).orElse(false);
  }

  private static String ifaceOf(Host host, String address) throws HostException {
    return IpAddrShowParser.parse(host.exec("ip", "-o", "addr", "show").stdout()).stream()
        .filter(a -> a.address().equals(address))
        .map(IpAddrShowParser.InterfaceAddress::device)
        .findFirst()
        .orElse("?");
  }

  /** sshd's pattern match: {@code *} any run, {@code ?} one character, the rest literal. */
  static boolean glob(String pattern, String text) {
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      re.append(
          c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
    }
    return text.matches(re.toString());
  }
}
