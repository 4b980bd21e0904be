package dev.hermesharden.practice;

import dev.hermesharden.system.sshd.ConfigEntry;
import dev.hermesharden.system.sshd.MatchSpec;
import dev.hermesharden.system.sshd.SshdConfigFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders what OpenSSH 9.6 (Ubuntu 24.04) prints for {@code sshd -T}: its keywords in its order,
 * lowercase, flags lowercased, one line per value of list keywords, defaults for everything the
 * files do not set. Flags: {@code f} lowercase value, {@code u} uppercase, {@code s} as written.
 */
final class SimSshdDump {
  private static final String DEFAULTS =
      """
      f addressfamily any
      f usepam no
      s logingracetime 120
      s x11displayoffset 10
      s maxauthtries 6
      s maxsessions 10
      s clientaliveinterval 0
      s clientalivecountmax 3
      s requiredrsasize 1024
      s streamlocalbindmask 0177
      s unusedconnectiontimeout 0
      f permitrootlogin without-password
      f ignorerhosts yes
      f ignoreuserknownhosts no
      f hostbasedauthentication no
      f hostbasedusesnamefrompacketonly no
      f pubkeyauthentication yes
      f kerberosauthentication no
      f kerberosorlocalpasswd yes
      f kerberosticketcleanup yes
      f kerberosgetafstoken no
      f gssapiauthentication no
      f gssapicleanupcredentials yes
      f gssapikeyexchange no
      f gssapistrictacceptorcheck yes
      f gssapistorecredentialsonrekey no
      s gssapikexalgorithms gss-group14-sha256-,gss-group16-sha512-,gss-nistp256-sha256-,gss-curve25519-sha256-,gss-group14-sha1-,gss-gex-sha1-
      f passwordauthentication yes
      f kbdinteractiveauthentication yes
      f printmotd yes
      f printlastlog yes
      f x11forwarding no
      f x11uselocalhost yes
      f permittty yes
      f permituserrc yes
      f strictmodes yes
      f tcpkeepalive yes
      f permitemptypasswords no
      f compression yes
      f gatewayports no
      f usedns no
      f allowtcpforwarding yes
      f allowagentforwarding yes
      f disableforwarding no
      f allowstreamlocalforwarding yes
      f streamlocalbindunlink no
      u fingerprinthash SHA256
      f exposeauthinfo no
      s pidfile /run/sshd.pid
      s modulifile /etc/ssh/moduli
      s xauthlocation /usr/bin/xauth
      s ciphers chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com
      s macs umac-64-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha1-etm@openssh.com,umac-64@openssh.com,umac-128@openssh.com,hmac-sha2-256,hmac-sha2-512,hmac-sha1
      s banner none
      s forcecommand none
      s chrootdirectory none
      s trustedusercakeys none
      s revokedkeys none
      s securitykeyprovider internal
      s authorizedprincipalsfile none
      s versionaddendum none
      s authorizedkeyscommand none
      s authorizedkeyscommanduser none
      s authorizedprincipalscommand none
      s authorizedprincipalscommanduser none
      s hostkeyagent none
      s kexalgorithms sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group14-sha256
      s casignaturealgorithms ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,sk-ssh-ed25519@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com,rsa-sha2-512,rsa-sha2-256
      s hostbasedacceptedalgorithms ssh-ed25519-cert-v01@openssh.com,ecdsa-sha2-nistp256-cert-v01@openssh.com,ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521-cert-v01@openssh.com,sk-ssh-ed25519-cert-v01@openssh.com,sk-ecdsa-sha2-nistp256-cert-v01@openssh.com,rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com,ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,sk-ssh-ed25519@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com,rsa-sha2-512,rsa-sha2-256
      s hostkeyalgorithms ssh-ed25519-cert-v01@openssh.com,ecdsa-sha2-nistp256-cert-v01@openssh.com,ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521-cert-v01@openssh.com,sk-ssh-ed25519-cert-v01@openssh.com,sk-ecdsa-sha2-nistp256-cert-v01@openssh.com,rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com,ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,sk-ssh-ed25519@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com,rsa-sha2-512,rsa-sha2-256
      s pubkeyacceptedalgorithms ssh-ed25519-cert-v01@openssh.com,ecdsa-sha2-nistp256-cert-v01@openssh.com,ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521-cert-v01@openssh.com,sk-ssh-ed25519-cert-v01@openssh.com,sk-ecdsa-sha2-nistp256-cert-v01@openssh.com,rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com,ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,sk-ssh-ed25519@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com,rsa-sha2-512,rsa-sha2-256
      u loglevel INFO
      u syslogfacility AUTH
      s authorizedkeysfile .ssh/authorized_keys .ssh/authorized_keys2
      L hostkey /etc/ssh/ssh_host_rsa_key|/etc/ssh/ssh_host_ecdsa_key|/etc/ssh/ssh_host_ed25519_key
      W allowusers
      W denyusers
      W allowgroups
      W denygroups
      W acceptenv
      s authenticationmethods any
      L subsystem
      s maxstartups 10:30:100
      s persourcemaxstartups none
      s persourcenetblocksize 32:128
      f permittunnel no
      s ipqos lowdelay throughput
      s rekeylimit 0 0
      s permitopen any
      s permitlisten any
      f permituserenvironment no
      s pubkeyauthoptions none
      """;

  private SimSshdDump() {}

  static String render(SshdConfigFiles files, Optional<MatchSpec> spec) {
    Map<String, List<ConfigEntry>> eff = files.effective(spec);
    StringBuilder out = new StringBuilder();
    List<String> ports = values(eff, "port");
    if (ports.isEmpty()) {
      ports = List.of("22");
    }
    ports.forEach(p -> out.append("port ").append(p).append('\n'));
    for (String line : DEFAULTS.strip().split("\n")) {
      String[] f = line.strip().split(" ", 3);
      String kind = f[0];
      String kw = f[1];
      String dflt = f.length > 2 ? f[2] : "";
      List<String> set = values(eff, kw);
      switch (kind) {
        case "L" -> {
          List<String> v = set.isEmpty() && !dflt.isEmpty() ? List.of(dflt.split("\\|")) : set;
          v.forEach(x -> out.append(kw).append(' ').append(x.replaceAll("\\s+", " ")).append('\n'));
        }
        case "W" ->
            set.stream()
                .flatMap(x -> List.of(x.split("\\s+")).stream())
                .forEach(x -> out.append(kw).append(' ').append(x).append('\n'));
        default ->
            out.append(kw)
                .append(' ')
                .append(format(kind, kw, set.isEmpty() ? dflt : set.get(0)))
                .append('\n');
      }
      if (kw.equals("addressfamily")) {
        listenAddresses(values(eff, "listenaddress"), ports, out);
      }
    }
    return out.toString();
  }

  private static void listenAddresses(List<String> set, List<String> ports, StringBuilder out) {
    List<String> lines = new ArrayList<>();
    if (set.isEmpty()) {
      ports.forEach(p -> lines.addAll(List.of("[::]:" + p, "0.0.0.0:" + p)));
    }
    for (String a : set) {
      String addr = a.split("\\s+")[0];
      boolean hasPort =
          addr.startsWith("[")
              ? addr.contains("]:")
              : addr.chars().filter(c -> c == ':').count() == 1;
      if (hasPort) {
        lines.add(addr);
      } else {
        String host = addr.contains(":") ? "[" + addr + "]" : addr;
        ports.forEach(p -> lines.add(host + ":" + p));
      }
    }
    lines.forEach(l -> out.append("listenaddress ").append(l).append('\n'));
  }

  private static List<String> values(Map<String, List<ConfigEntry>> eff, String kw) {
    return eff.getOrDefault(kw, List.of()).stream().map(ConfigEntry::value).toList();
  }

  private static String format(String kind, String kw, String value) {
    String v = value.strip().replaceAll("\\s+", " ");
    if (v.length() > 1 && v.startsWith("\"") && v.endsWith("\"")) {
      v = v.substring(1, v.length() - 1);
    }
    return switch (kind) {
      case "f" -> {
        String low = v.toLowerCase(Locale.ROOT);
        yield kw.equals("permitrootlogin") && low.equals("prohibit-password")
            ? "without-password"
            : low;
      }
      case "u" -> v.toUpperCase(Locale.ROOT);
      default -> v;
    };
  }
}
