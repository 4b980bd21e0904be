package dev.hermesharden.checks.updates;

import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.system.probe.OsRelease;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which distribution and release this host runs, from {@code /etc/os-release} (else {@code
 * /usr/lib/os-release}).
 *
 * @param id {@code ID}, lower case ({@code debian}, {@code ubuntu}); empty when unknown
 * @param codename {@code VERSION_CODENAME}, else {@code UBUNTU_CODENAME}; empty when unknown
 *     (Debian testing/sid have none)
 * @param pretty {@code PRETTY_NAME}, for the admin
 */
public record OsIdentity(String id, String codename, String pretty) {
  public static OsIdentity read(Host host) throws HostException {
    Optional<String> text = host.readFile("/etc/os-release");
    if (text.isEmpty()) {
      text = host.readFile("/usr/lib/os-release");
    }
    return parse(text.orElse(""));
  }

  public static OsIdentity parse(String text) {
    Map<String, String> f = OsRelease.fields(text);
    String codename = f.getOrDefault("VERSION_CODENAME", "");
    if (codename.isEmpty()) {
      codename = f.getOrDefault("UBUNTU_CODENAME", "");
    }
    return new OsIdentity(
        f.getOrDefault("ID", "").toLowerCase(Locale.ROOT),
        codename.toLowerCase(Locale.ROOT),
        f.getOrDefault("PRETTY_NAME", f.getOrDefault("NAME", "")));
  }

  /** Debian or Ubuntu: the distributions this tool and {@code distro-info-data} know. */
  public boolean known() {
    return id.equals("debian") || id.equals("ubuntu");
  }

  /** The name unattended-upgrades gives the distribution ({@code ${distro_id}}): Debian, Ubuntu. */
  public String distroId() {
    return id.isEmpty() ? "" : Character.toUpperCase(id.charAt(0)) + id.substring(1);
  }
}
