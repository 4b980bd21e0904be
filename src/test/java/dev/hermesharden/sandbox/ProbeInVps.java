package dev.hermesharden.sandbox;

import dev.hermesharden.host.LocalHost;
import dev.hermesharden.host.SshAuthOffer;
import java.security.Security;

/**
 * Test-only entry point run INSIDE the sandbox VPS ({@link SandboxVps#javaMain}) in a JVM of its
 * own: asks the VPS's sshd which methods it offers a user, as the audit does ({@link
 * LocalHost#sshAuthOffer}), and prints them with whether BouncyCastle got registered on the way.
 * Usage: {@code ProbeInVps ADDRESS PORT USER}; prints {@code methods=a,b bc=false}.
 */
public final class ProbeInVps {
  private ProbeInVps() {}

  public static void main(String[] args) throws Exception {
    SshAuthOffer o = new LocalHost().sshAuthOffer(args[0], Integer.parseInt(args[1]), args[2]);
    System.out.println(
        "methods=" + String.join(",", o.methods()) + " bc=" + (Security.getProvider("BC") != null));
  }
}
