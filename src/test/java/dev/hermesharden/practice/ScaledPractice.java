package dev.hermesharden.practice;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * The practice VPS at size, for the flatness tests and {@code src/bench/audit-scale.sh}: the fresh
 * VPS with one of its files grown by things that change no verdict (10,000 more admin RSA keys,
 * 5,000 ufw rules from single documentation addresses to high ports, 3,200 loopback-only compose
 * services, a 5 MB {@code config.yaml}). Deterministic: the same variant is the same VPS.
 *
 * <p>{@code main(stateDir, variant)} saves it where {@code --practice --state-dir stateDir} loads
 * it; {@code main("--print", variant)} prints what the variant appends to its file (keys, compose,
 * config), which {@code src/bench/audit-sandbox-scale.sh} appends to the sandbox VPS's own file.
 */
public final class ScaledPractice {
  /** The large variants; each is compared with its {@link #baseline}. */
  public static final List<String> LARGE = List.of("keys", "ufw", "compose", "config");

  /**
   * The 1x VPS a large variant is compared with: the fresh VPS ("1x"), or for the ufw rules the
   * fresh VPS with ufw enabled ("ufw-1x"), since an inactive ufw lists no rules.
   */
  public static String baseline(String variant) {
    return variant.startsWith("ufw") ? "ufw-1x" : "1x";
  }

  private ScaledPractice() {}

  public static SimulatedHost of(String variant) {
    SimulatedHost vps = SimulatedHost.fresh();
    switch (variant) {
      case "1x" -> {}
      case "keys" -> edit(vps, "/home/admin/.ssh/authorized_keys", t -> t + addition(variant));
      case "ufw-1x" -> enableUfw(vps);
      case "ufw" -> {
        edit(vps, SimUfwRules.FILE, t -> t + addition(variant));
        enableUfw(vps);
      }
      case "compose" -> edit(vps, SimDocker.COMPOSE_FILE, t -> t + addition(variant));
      case "config" -> edit(vps, SimHermes.HOME + "/config.yaml", t -> t + addition(variant));
      default -> throw new IllegalArgumentException("no variant " + variant);
    }
    return vps;
  }

  /**
   * What a large variant appends to its file. The ufw rules are in the simulator's own format; the
   * sandbox benchmark writes the same rules in ufw's.
   */
  static String addition(String variant) {
    return switch (variant) {
      case "keys" -> keys(10_000);
      case "ufw" -> ufwRules(5_000);
      case "compose" -> services(3_200);
      case "config" -> notes(5 * 1024 * 1024);
      default -> throw new IllegalArgumentException("no large variant " + variant);
    };
  }

  private static void enableUfw(SimulatedHost vps) {
    try {
      if (!vps.exec("ufw", "--force", "enable").ok()) {
        throw new IllegalStateException("ufw enable failed on the practice VPS");
      }
    } catch (dev.hermesharden.host.HostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void edit(SimulatedHost vps, String path, UnaryOperator<String> change) {
    SimFile old = vps.fs().get(path).orElse(SimFile.file("", "root", "root", 0644));
    vps.fs()
        .put(path, SimFile.file(change.apply(old.content()), old.owner(), old.group(), old.mode()));
  }

  /**
   * Real-format 2048-bit RSA public keys like the admin's own (random moduli; nothing here factors
   * them), so the strength verdicts stay those of 1x.
   */
  static String keys(int n) {
    Random random = new Random(14);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      byte[] modulus = new byte[257]; // a leading zero, then 2048 bits with the top one set
      random.nextBytes(modulus);
      modulus[0] = 0;
      modulus[1] |= (byte) 0x80;
      modulus[256] |= 1;
      ByteArrayOutputStream blob = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(blob)) {
        byte[] type = "ssh-rsa".getBytes(StandardCharsets.US_ASCII);
        out.writeInt(type.length);
        out.write(type);
        out.writeInt(3);
        out.write(new byte[] {1, 0, 1});
        out.writeInt(modulus.length);
        out.write(modulus);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      sb.append("ssh-rsa ")
          .append(Base64.getEncoder().encodeToString(blob.toByteArray()))
          .append(" team")
          .append(i)
          .append("@laptop\n");
    }
    return sb.toString();
  }

  /** Rules allowing one documentation address each to a high TCP port (no SSH, no Hermes port). */
  static String ufwRules(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String src = "198.51." + (100 + i / 250) + "." + (1 + i % 250) + "/32";
      sb.append(
              new SimUfwRules.Rule(false, "ALLOW IN", "", src, String.valueOf(20000 + i), "tcp", "")
                  .line())
          .append('\n');
    }
    return sb.toString();
  }

  /** Services that publish nothing beyond loopback and mount nothing of Hermes'. */
  static String services(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append("  worker")
          .append(i)
          .append(":\n    image: busybox:1.36\n    command: sleep infinity\n")
          .append("    ports:\n      - \"127.0.0.1:")
          .append(20000 + i)
          .append(":8080\"\n    environment:\n      - WORKER_ID=")
          .append(i)
          .append('\n');
    }
    return sb.toString();
  }

  /** A top-level list of plain notes until the text has grown by {@code bytes}. */
  static String notes(int bytes) {
    StringBuilder sb = new StringBuilder("\nbench_notes:\n");
    for (int i = 0; sb.length() < bytes; i++) {
      sb.append("  - \"note ").append(i).append(": nothing in particular, kept for size\"\n");
    }
    return sb.toString();
  }

  /**
   * Saves a variant as the practice VPS of a state directory: {@code main(stateDir, variant)}; or
   * prints what a large variant appends: {@code main("--print", variant)}.
   */
  public static void main(String[] args) throws IOException {
    if (args[0].equals("--print")) {
      System.out.print(addition(args[1]));
      System.out.flush();
      return;
    }
    new PracticeStore(Path.of(args[0])).save(of(args[1]));
  }
}
