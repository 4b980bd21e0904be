package dev.hermesharden.practice;

import static dev.hermesharden.practice.SimComponent.fail;
import static dev.hermesharden.practice.SimComponent.ok;

import dev.hermesharden.host.ExecResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tailscale and the network interfaces of the practice VPS. The node is logged in and running as
 * {@code vps1} with 100.64.0.10; the state ({@code key=value} lines) is kept under {@link
 * SimFs#SIM_DIR}. Answers {@code tailscale status --json}, {@code tailscale ip -4|-6}, {@code
 * tailscale up|down} and {@code ip -o -4|-6 addr show [dev X]}; {@code tailscale0} exists only
 * while Tailscale runs.
 */
final class SimTailscale implements SimComponent {
  static final String STATE = SimFs.SIM_DIR + "/tailscale/state";

  @Override
  public void seed(SimFs fs) {
    fs.write(
        STATE,
        "BackendState=Running\nIPv4=100.64.0.10\nIPv6=fd7a:115c:a1e0::a\nHostName=vps1\n"
            + "Tailnet=admin@example.com\nMagicDNSSuffix=tail4c2a9e.ts.net\n");
  }

  static Map<String, String> state(SimFs fs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : fs.read(STATE).orElse("").split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        m.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return m;
  }

  private static void setState(SimFs fs, String backendState) {
    Map<String, String> m = state(fs);
    m.put("BackendState", backendState);
    StringBuilder sb = new StringBuilder();
    m.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    fs.write(STATE, sb.toString());
  }

  @Override
  public Optional<ExecResult> handle(List<String> argv, SimFs fs) {
    if (argv.get(0).equals("ip") && argv.contains("addr")) {
      return Optional.of(ipAddr(argv, fs));
    }
    if (!argv.get(0).equals("tailscale") || !fs.exists(STATE)) {
      return Optional.empty();
    }
    Map<String, String> s = state(fs);
    boolean running = "Running".equals(s.get("BackendState"));
    String sub = argv.size() > 1 ? argv.get(1) : "";
    return Optional.of(
        switch (sub) {
          case "status" ->
              argv.contains("--json")
                  ? ok(argv, SimTailscaleJson.status(s))
                  : running
                      ? ok(
                          argv,
                          s.get("IPv4")
                              + "  "
                              + s.get("HostName")
                              + "  "
                              + s.get("Tailnet")
                              + " linux   -\n")
                      : fail(argv, 1, "Tailscale is stopped.\n");
          case "ip" ->
              !running
                  ? fail(argv, 1, "Tailscale is stopped.\n")
                  : argv.contains("-4")
                      ? ok(argv, s.get("IPv4") + "\n")
                      : argv.contains("-6")
                          ? ok(argv, s.get("IPv6") + "\n")
                          : ok(argv, s.get("IPv4") + "\n" + s.get("IPv6") + "\n");
          case "down" -> {
            setState(fs, "Stopped");
            yield ok(argv, "");
          }
          case "up" -> {
            setState(fs, "Running");
            yield ok(argv, "");
          }
          default -> fail(argv, 1, "tailscale: unknown subcommand: " + sub + "\n");
        });
  }

  private static ExecResult ipAddr(List<String> argv, SimFs fs) {
    boolean v6 = argv.contains("-6");
    int d = argv.indexOf("dev");
    String dev = d >= 0 && d + 1 < argv.size() ? argv.get(d + 1) : null;
    boolean tsUp = "Running".equals(state(fs).get("BackendState"));
    Map<String, String> ts = state(fs);
    List<String[]> all = new ArrayList<>(); // {index, device, rest}
    if (!v6) {
      all.add(
          new String[] {
            "1",
            "lo",
            "inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever"
          });
      all.add(
          new String[] {
            "2",
            "eth0",
            "inet 203.0.113.10/24 metric 100 brd 203.0.113.255 scope global dynamic eth0\\       valid_lft 85841sec preferred_lft 85841sec"
          });
      if (tsUp) {
        all.add(
            new String[] {
              "4",
              "tailscale0",
              "inet "
                  + ts.get("IPv4")
                  + "/32 scope global tailscale0\\       valid_lft forever preferred_lft forever"
            });
      }
    } else {
      all.add(
          new String[] {
            "1",
            "lo",
            "inet6 ::1/128 scope host noprefixroute \\       valid_lft forever preferred_lft forever"
          });
      all.add(
          new String[] {
            "2",
            "eth0",
            "inet6 2001:db8:1234::10/64 scope global \\       valid_lft forever preferred_lft forever"
          });
      all.add(
          new String[] {
            "2",
            "eth0",
            "inet6 fe80::5054:ff:fe4a:2b1c/64 scope link \\       valid_lft forever preferred_lft forever"
          });
      if (tsUp) {
        all.add(
            new String[] {
              "4",
              "tailscale0",
              "inet6 "
                  + ts.get("IPv6")
                  + "/128 scope global \\       valid_lft forever preferred_lft forever"
            });
        all.add(
            new String[] {
              "4",
              "tailscale0",
              "inet6 fe80::8e1f:64a2:b3c4:d5e6/64 scope link stable-privacy \\       valid_lft forever preferred_lft forever"
            });
      }
    }
    if (dev != null
        && !List.of("lo", "eth0").contains(dev)
        && !(tsUp && dev.equals("tailscale0"))) {
      return fail(argv, 1, "Device \"" + dev + "\" does not exist.\n");
    }
    StringBuilder out = new StringBuilder();
    for (String[] a : all) {
      if (dev == null || dev.equals(a[1])) {
        out.append(a[0]).append(": ").append(a[1]).append("    ").append(a[2]).append('\n');
      }
    }
    return ok(argv, out.toString());
  }
}
