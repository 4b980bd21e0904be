package dev.hermesharden.checks.sshd;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.StepContext;
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
    // admitted by a block that names users or groups: only the account it was asked as (sshd
    // matched the block for that account, maybe for no other)
    List<SshdEffectiveConfig> configs = new ArrayList<>(List.of(e));
    List<String> via = new ArrayList<>(List.of("-"));
    List<Optional<String>> onlyFor = new ArrayList<>(List.of(Optional.empty()));
    for (SshdFacts.Asked a : f.connections()) {
      if (a.effective().isPresent() && !configs.contains(a.effective().get())) {
        configs.add(a.effective().get());
        via.add(a.connection().label());
        String origin = a.connection().origin().toLowerCase(Locale.ROOT);
        onlyFor.add(
            a.connection().fromMatchBlock()
                    && (origin.contains(" user ") || origin.contains(" group "))
                ? Optional.of(a.connection().spec().user())
                : Optional.empty());
      }
    }
    List<String> others = new ArrayList<>();
    String otherVia = "-";
    for (String name : f.accounts().names()) {
      if (name.equals(admin) || (name.equals("root") && !rootMayLogIn(f))) {
        continue;
      }
      for (int i = 0; i < configs.size(); i++) {
        if (onlyFor.get(i).filter(u -> !u.equals(name)).isPresent()) {
          continue;
        }
        if (SshdUserAccess.refusedBy(configs.get(i), name, f.accounts().groupsOf(name)).isEmpty()) {
          others.add(name);
          otherVia = otherVia.equals("-") ? via.get(i) : otherVia;
          break;
        }
      }
    }
    List<String> named = new ArrayList<>();
    for (SshdEffectiveConfig c : configs) {
      for (String entry : c.words("allowusers")) {
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
