package dev.hermesharden.practice;

import java.util.Map;

/** {@code tailscale status --json} of the practice VPS: the real shape, trimmed of peers. */
final class SimTailscaleJson {
  private SimTailscaleJson() {}

  static String status(Map<String, String> s) {
    boolean running = "Running".equals(s.get("BackendState"));
    String ips = running ? "[\"" + s.get("IPv4") + "\", \"" + s.get("IPv6") + "\"]" : "null";
    String suffix = s.get("MagicDNSSuffix");
    return """
        {
          "Version": "1.76.6-t2b2e7a0d7-g1e2a8e1fb",
          "TUN": true,
          "BackendState": "%s",
          "HaveNodeKey": true,
          "AuthURL": "",
          "TailscaleIPs": %s,
          "Self": {
            "ID": "nKq5Xb3CNTRL",
            "PublicKey": "nodekey:6f0c9a1de2b34c5f8a7e6d5c4b3a29180f7e6d5c4b3a2918a7b6c5d4e3f2a1b0",
            "HostName": "%s",
            "DNSName": "%s.%s.",
            "OS": "linux",
            "UserID": 4127658890123456,
            "TailscaleIPs": %s,
            "AllowedIPs": null,
            "Addrs": null,
            "CurAddr": "",
            "Relay": "fra",
            "RxBytes": 0,
            "TxBytes": 0,
            "Created": "2024-11-20T09:14:02.118367913Z",
            "LastWrite": "0001-01-01T00:00:00Z",
            "LastSeen": "0001-01-01T00:00:00Z",
            "LastHandshake": "0001-01-01T00:00:00Z",
            "Online": %s,
            "ExitNode": false,
            "ExitNodeOption": false,
            "Active": false,
            "PeerAPIURL": null,
            "InNetworkMap": true,
            "InMagicSock": false,
            "InEngine": false
          },
          "Health": [],
          "MagicDNSSuffix": "%s",
          "CurrentTailnet": {
            "Name": "%s",
            "MagicDNSSuffix": "%s",
            "MagicDNSEnabled": true
          },
          "CertDomains": null,
          "Peer": {},
          "User": null,
          "ClientVersion": null
        }
        """
        .formatted(
            s.get("BackendState"),
            ips,
            s.get("HostName"),
            s.get("HostName"),
            suffix,
            ips,
            running,
            suffix,
            s.get("Tailnet"),
            suffix);
  }
}
