package dev.hermesharden.system.sshd;

import java.util.Locale;
import java.util.Set;

/**
 * What OpenSSH 9.6's sshd knows: its keywords (lowercase) and which of them may be given several
 * times and add up instead of "first value wins".
 */
public final class SshdKeywords {
  /** Keywords whose lines accumulate (sshd prints them one value per line in {@code -T}). */
  public static final Set<String> MULTI =
      Set.of(
          "allowusers",
          "denyusers",
          "allowgroups",
          "denygroups",
          "hostkey",
          "hostcertificate",
          "listenaddress",
          "port",
          "acceptenv",
          "subsystem");

  /** Keywords sshd 9.6 accepts (including deprecated ones it still parses, and Debian's). */
  public static final Set<String> KNOWN =
      Set.of(
          "acceptenv",
          "addressfamily",
          "allowagentforwarding",
          "allowgroups",
          "allowstreamlocalforwarding",
          "allowtcpforwarding",
          "allowusers",
          "authenticationmethods",
          "authorizedkeyscommand",
          "authorizedkeyscommanduser",
          "authorizedkeysfile",
          "authorizedprincipalscommand",
          "authorizedprincipalscommanduser",
          "authorizedprincipalsfile",
          "banner",
          "casignaturealgorithms",
          "channeltimeout",
          "challengeresponseauthentication",
          "chrootdirectory",
          "ciphers",
          "clientalivecountmax",
          "clientaliveinterval",
          "compression",
          "debianbanner",
          "denygroups",
          "denyusers",
          "disableforwarding",
          "exposeauthinfo",
          "fingerprinthash",
          "forcecommand",
          "gatewayports",
          "gssapiauthentication",
          "gssapicleanupcredentials",
          "gssapikexalgorithms",
          "gssapikeyexchange",
          "gssapistorecredentialsonrekey",
          "gssapistrictacceptorcheck",
          "hostbasedacceptedalgorithms",
          "hostbasedacceptedkeytypes",
          "hostbasedauthentication",
          "hostbasedusesnamefrompacketonly",
          "hostcertificate",
          "hostkey",
          "hostkeyagent",
          "hostkeyalgorithms",
          "ignorerhosts",
          "ignoreuserknownhosts",
          "include",
          "ipqos",
          "kbdinteractiveauthentication",
          "kerberosauthentication",
          "kerberosgetafstoken",
          "kerberosorlocalpasswd",
          "kerberosticketcleanup",
          "kexalgorithms",
          "listenaddress",
          "logingracetime",
          "loglevel",
          "logverbose",
          "macs",
          "match",
          "maxauthtries",
          "maxsessions",
          "maxstartups",
          "modulifile",
          "passwordauthentication",
          "permitemptypasswords",
          "permitlisten",
          "permitopen",
          "permitrootlogin",
          "permittty",
          "permittunnel",
          "permituserenvironment",
          "permituserrc",
          "persourcemaxstartups",
          "persourcenetblocksize",
          "pidfile",
          "port",
          "printlastlog",
          "printmotd",
          "pubkeyacceptedalgorithms",
          "pubkeyacceptedkeytypes",
          "pubkeyauthentication",
          "pubkeyauthoptions",
          "rdomain",
          "rekeylimit",
          "requiredrsasize",
          "revokedkeys",
          "securitykeyprovider",
          "setenv",
          "streamlocalbindmask",
          "streamlocalbindunlink",
          "strictmodes",
          "subsystem",
          "syslogfacility",
          "tcpkeepalive",
          "trustedusercakeys",
          "unusedconnectiontimeout",
          "usedns",
          "usepam",
          "versionaddendum",
          "x11displayoffset",
          "x11forwarding",
          "x11uselocalhost",
          "xauthlocation");

  private SshdKeywords() {}

  public static boolean known(String keyword) {
    return KNOWN.contains(keyword.toLowerCase(Locale.ROOT));
  }

  public static boolean multi(String keyword) {
    return MULTI.contains(keyword.toLowerCase(Locale.ROOT));
  }
}
