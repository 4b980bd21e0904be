package dev.hermesharden.checks.sshd;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.sshd.SshdConnection;
import dev.hermesharden.system.sshd.SshdEffectiveConfig;
import dev.hermesharden.system.sshd.SshdUserAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code sshd.allow-users}: the admin is the only account sshd lets try to log in. Judged as sshd
 * judges it, over every account of the user database: AllowUsers, DenyUsers, AllowGroups and
 * DenyGroups together (root also needs PermitRootLogin other than {@code no} on some connection).
 * {@code AllowUsers admin bob} fails (bob gets in too, and a name without an account today lets in
 * whoever gets that name tomorrow); {@code AllowGroups sudo} with only the admin in sudo passes,
 * recommending the explicit {@code AllowUsers} (the next account added to sudo would get in). A
 * list without the admin would lock them out.
 */
public final class SshdAllowUsersCheck extends SshdCheck {
  private static final int SHOWN = 5;

  /**
   * One effective configuration sshd applies to a connection asked.
   *
   * @param via the connection, for the report ({@code -}: the admin's own)
   * @param onlyFor the one account it applies to (a Match block on users or groups), else empty
   */
  private record Judged(SshdEffectiveConfig config, String via, Optional<String> onlyFor) {}

  @Override
  public Verdict evaluate(SshdFacts f, Params params, StepContext ctx) {
    if (f.effective().isEmpty()) {
      return unavailable(f);
    }
    SshdEffectiveConfig e = f.effective().get();
    String admin = f.adminUser();
    String list = String.join(" ", e.words("allowusers"));
    var adminRefused = SshdUserAccess.refusedBy(e, admin, f.accounts().groupsOf(admin));
    if (adminRefused.isPresent()) {
      return withLive(
          Verdict.fail("reason.sshd.allow-users-excludes", admin, adminRefused.get())
              .with("allowusers", list)
              .with("source", f.source("allowusers")),
          f);
    }
    // a Match block replaces AllowUsers/DenyUsers/AllowGroups/DenyGroups for the connections it
    // matches (Match Address 198.51.100.0/24 + AllowUsers admin bob let bob in from there while the
    // admin's own connection said AllowUsers admin): every connection asked is judged too
    List<Judged> configs = new ArrayList<>(List.of(new Judged(e, "-", Optional.empty())));
    for (SshdFacts.Asked a : f.connections()) {
      SshdConnection c = a.connection();
      if (a.effective().isPresent()
          && configs.stream().noneMatch(j -> j.config().equals(a.effective().get()))) {
        // a block that names users or groups was matched for the account asked, maybe no other
        Optional<String> onlyFor = c.byAccount() ? Optional.of(c.spec().user()) : Optional.empty();
        configs.add(new Judged(a.effective().get(), c.label(), onlyFor));
      }
    }
    List<String> others = new ArrayList<>();
    String otherVia = "-";
    for (String name : f.accounts().names()) {
      if (name.equals(admin) || (name.equals("root") && !rootMayLogIn(f))) {
        continue;
      }
      Optional<Judged> lets =
          configs.stream()
              .filter(j -> j.onlyFor().map(name::equals).orElse(true))
              .filter(
                  j ->
                      SshdUserAccess.refusedBy(j.config(), name, f.accounts().groupsOf(name))
                          .isEmpty())
              .findFirst();
      if (lets.isPresent()) {
        others.add(name);
        otherVia = otherVia.equals("-") ? lets.get().via() : otherVia;
      }
    }
    List<String> named = new ArrayList<>();
    for (Judged j : configs) {
      for (String entry : j.config().words("allowusers")) {
        String user = entry.contains("@") ? entry.substring(0, entry.indexOf('@')) : entry;
        if (!user.equals(admin) && !others.contains(user) && !named.contains(user)) {
          named.add(user);
        }
      }
    }
    Verdict v;
    boolean restricted =
        !list.isEmpty()
            || !e.words("allowgroups").isEmpty()
            || !e.words("denyusers").isEmpty()
            || !e.words("denygroups").isEmpty();
    boolean allowListed = !list.isEmpty() || !e.words("allowgroups").isEmpty();
    if ((!others.isEmpty() && !restricted) || (f.accounts().names().isEmpty() && !allowListed)) {
      v = Verdict.fail("reason.sshd.allow-users-unset", admin);
    } else if (!others.isEmpty()) {
      v = Verdict.fail("reason.sshd.allow-users-others", admin, shown(others), others.size());
    } else if (!named.isEmpty()) {
      v = Verdict.fail("reason.sshd.allow-users-names-others", admin, String.join(" ", named));
    } else if (list.isEmpty() || !e.words("allowusers").stream().allMatch(w -> isAdmin(w, admin))) {
      v = Verdict.pass("reason.sshd.allow-users-only-admin-by", admin, policy(e));
    } else {
      v = Verdict.pass("reason.sshd.allow-users-ok", admin, list);
    }
    return inEffect(
        v.with("allowusers", list)
            .with("policy", policy(e))
            .with("let-in-by", otherVia)
            .with("accounts", String.valueOf(f.accounts().names().size()))
            .with("source", f.source("allowusers")),
        f);
  }

  private static boolean isAdmin(String entry, String admin) {
    return (entry.contains("@") ? entry.substring(0, entry.indexOf('@')) : entry).equals(admin);
  }

  /** Whether some connection asked about lets root in by PermitRootLogin. */
  private static boolean rootMayLogIn(SshdFacts f) {
    return f.connections().stream()
        .filter(a -> a.connection().spec().user().equals("root"))
        .map(a -> a.effective().flatMap(e -> e.first("permitrootlogin")).orElse("no"))
        .anyMatch(v -> !v.toLowerCase(Locale.ROOT).equals("no"));
  }

  private static String policy(SshdEffectiveConfig e) {
    List<String> parts = new ArrayList<>();
    for (String k : List.of("AllowUsers", "DenyUsers", "AllowGroups", "DenyGroups")) {
      List<String> w = e.words(k.toLowerCase(Locale.ROOT));
      if (!w.isEmpty()) {
        parts.add(k + " " + String.join(" ", w));
      }
    }
    return parts.isEmpty() ? "-" : String.join("; ", parts);
  }

  private static String shown(List<String> names) {
    return names.size() <= SHOWN
        ? String.join(", ", names)
        : String.join(", ", names.subList(0, SHOWN)) + ", …";
  }
}
