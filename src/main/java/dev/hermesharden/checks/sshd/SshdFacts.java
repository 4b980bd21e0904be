package dev.hermesharden.checks.sshd;

import dev.hermesharden.system.sshd.MatchSpec;
import dev.hermesharden.system.sshd.OpensshVersion;
import dev.hermesharden.system.sshd.SshdAccounts;
import dev.hermesharden.system.sshd.SshdConfigFiles;
import dev.hermesharden.system.sshd.SshdConnection;
import dev.hermesharden.system.sshd.SshdEffectiveConfig;
import java.util.List;
import java.util.Optional;

/**
 * What the sshd checks know about the host.
 *
 * @param spec the admin's own connection ({@code sshd -T -C})
 * @param testExit exit code of {@code sshd -t}; {@code testError} its first stderr line
 * @param effective {@code sshd -T -C spec}, empty when sshd refused to print it
 * @param files the configuration files, to say which file:line set a value
 * @param socketActive whether {@code ssh.socket} is active (socket activation)
 * @param connections every connection asked about (admin, root, one per Match block) with sshd's
 *     answer for it
 * @param accounts the accounts and their groups, for AllowUsers/AllowGroups
 * @param live what the running daemon says
 */
public record SshdFacts(
    String adminUser,
    MatchSpec spec,
    int testExit,
    String testError,
    Optional<SshdEffectiveConfig> effective,
    Optional<OpensshVersion> version,
    SshdConfigFiles files,
    boolean socketActive,
    List<Asked> connections,
    SshdAccounts accounts,
    SshdLive live) {

  /** One connection and what {@code sshd -T -C} said for it (empty when it refused). */
  public record Asked(SshdConnection connection, Optional<SshdEffectiveConfig> effective) {}

  public SshdFacts {
    connections = List.copyOf(connections);
  }

  /** The keyword that switches keyboard-interactive logins on this host's OpenSSH. */
  public String kbdKeyword() {
    boolean old =
        version
            .map(v -> !v.usesKbdInteractiveKeyword())
            .orElseGet(
                () -> effective.map(e -> e.has("challengeresponseauthentication")).orElse(false));
    return old ? "challengeresponseauthentication" : "kbdinteractiveauthentication";
  }

  /** Where the deciding line for a keyword is, or "default" when no line sets it. */
  public String source(String keyword) {
    return files.decidingLine(keyword, Optional.of(spec)).map(e -> e.source()).orElse("default");
  }

  /** Where the deciding line for a keyword is on one connection. */
  public String source(String keyword, MatchSpec on) {
    return files.decidingLine(keyword, Optional.of(on)).map(e -> e.source()).orElse("default");
  }
}
