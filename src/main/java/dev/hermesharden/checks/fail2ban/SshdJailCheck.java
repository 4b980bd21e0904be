package dev.hermesharden.checks.fail2ban;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.fail2ban.Fail2banStatus;
import dev.hermesharden.system.fail2ban.JailLive;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code fail2ban.sshd-jail}: the running server lists the jail (param {@code jail}, default {@code
 * sshd}) and its limits ban a guesser: at most {@link #MAX_RETRY} failures within at least {@link
 * #MIN_FINDTIME_S} seconds, a ban of at least {@link #MIN_BANTIME_S} seconds (or for ever). Asks
 * the server, not the files: a jail that failed to load is not listed, and {@code maxretry =
 * 100000} is a jail listed that never bans anyone.
 */
public final class SshdJailCheck implements Check<SshdJailCheck.Facts> {
  private static final ParamSchema SCHEMA = ParamSchema.of(Param.text("jail").orElse("sshd"));

  /** Debian's jail.conf allows 5; our jail writes 5. */
  static final long MAX_RETRY = 10;

  /** Debian's default window is 10 minutes; a shorter one lets a slow guesser through. */
  static final long MIN_FINDTIME_S = 300;

  /** Debian's default ban is 10 minutes; ours is an hour. A negative bantime bans for ever. */
  static final long MIN_BANTIME_S = 300;

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  /**
   * The parsed status, or empty with the client's complaint when the server did not answer; the
   * jail as the server runs it when it is listed.
   */
  public record Facts(Optional<Fail2banStatus> status, String error, Optional<JailLive> jail) {
    public Facts(Optional<Fail2banStatus> status, String error) {
      this(status, error, Optional.empty());
    }
  }

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    return gather(host, Params.NONE, ctx);
  }

  @Override
  public Facts gather(Host host, Params params, StepContext ctx) throws HostException {
    ExecResult r = host.exec("fail2ban-client", "status");
    if (!r.ok()) {
      return new Facts(Optional.empty(), (r.stderr() + r.stdout()).strip());
    }
    Fail2banStatus status;
    try {
      status = Fail2banStatus.parse(r.stdout());
    } catch (IllegalArgumentException e) {
      throw new HostException(HostException.Kind.IO, "fail2ban-client status: " + e.getMessage());
    }
    String jail = SCHEMA.resolve(params).string("jail");
    return new Facts(
        Optional.of(status),
        "",
        status.jails().contains(jail)
            ? Optional.of(JailLive.gather(host, jail))
            : Optional.empty());
  }

  @Override
  public Verdict evaluate(Facts facts, Params params, StepContext ctx) {
    String jail = SCHEMA.resolve(params).string("jail");
    if (facts.status().isEmpty()) {
      return Verdict.fail("reason.fail2ban.server-down").with("client", firstLine(facts.error()));
    }
    Fail2banStatus s = facts.status().get();
    if (!s.jails().contains(jail)) {
      return Verdict.fail("reason.fail2ban.jail-missing", jail)
          .with("jails", String.join(",", s.jails()));
    }
    Verdict v =
        facts.jail().map(j -> weak(j)).orElse(List.of()).isEmpty()
            ? Verdict.pass("reason.fail2ban.jail-listed", jail)
            : Verdict.fail(
                "reason.fail2ban.jail-weak", jail, String.join("; ", weak(facts.jail().get())));
    v = v.with("jails", String.join(",", s.jails()));
    if (facts.jail().isPresent()) {
      JailLive j = facts.jail().get();
      v =
          v.with(
              "limits",
              "maxretry="
                  + j.maxretry().orElse("-")
                  + " findtime="
                  + j.findtime().orElse("-")
                  + " bantime="
                  + j.bantime().orElse("-"));
    }
    return v;
  }

  /** What in the running jail's limits lets a guesser go on, each with the bound it misses. */
  static List<String> weak(JailLive j) {
    List<String> out = new ArrayList<>();
    j.maxretry()
        .flatMap(m -> RunningConfigCheck.seconds(m))
        .filter(m -> m > MAX_RETRY || m <= 0)
        .ifPresent(m -> out.add("maxretry " + m + " (1-" + MAX_RETRY + ")"));
    j.findtime()
        .flatMap(RunningConfigCheck::seconds)
        .filter(f -> f >= 0 && f < MIN_FINDTIME_S)
        .ifPresent(f -> out.add("findtime " + f + " s (>= " + MIN_FINDTIME_S + " s)"));
    j.bantime()
        .flatMap(RunningConfigCheck::seconds)
        .filter(b -> b >= 0 && b < MIN_BANTIME_S)
        .ifPresent(b -> out.add("bantime " + b + " s (>= " + MIN_BANTIME_S + " s)"));
    return out;
  }

  static String firstLine(String s) {
    return s.isEmpty() ? "-" : s.split("\n", 2)[0];
  }
}
