package dev.hermesharden.sandbox;

import dev.hermesharden.host.HostException;
import dev.hermesharden.host.LocalHost;

/**
 * Test-only entry point run INSIDE the sandbox VPS ({@link SandboxVps#javaMain}): asks the VPS's
 * sshd which methods it offers a user, as the audit does ({@link LocalHost#sshAuthOffer}), right
 * after {@code systemctl reload ssh} when ROUNDS is given (that many reloads, each followed at once
 * by the question). Usage: {@code ProbeInVps ADDRESS PORT USER [ROUNDS]}; prints one line per
 * question, {@code methods=a,b} or {@code refused: …}.
 */
public final class ProbeInVps {
  private ProbeInVps() {}

  public static void main(String[] args) throws Exception {
    LocalHost host = new LocalHost();
    boolean reload = args.length > 3;
    int rounds = reload ? Integer.parseInt(args[3]) : 1;
    for (int i = 0; i < rounds; i++) {
      if (reload && !host.exec("systemctl", "reload", "ssh").ok()) {
        throw new IllegalStateException("systemctl reload ssh failed");
      }
      try {
        System.out.println(
            "methods="
                + String.join(
                    ",", host.sshAuthOffer(args[0], Integer.parseInt(args[1]), args[2]).methods()));
      } catch (HostException e) {
        System.out.println(e.kind() + ": " + e.getMessage());
      }
    }
  }
}
