package dev.hermesharden.practice;

/**
 * The admin's laptop in practice mode: its key pair's public half and the addresses it connects
 * from. Practice proofs log in "from" here; the key is offered as the one to paste in step 2.
 */
public final class PracticeWorkstation {
  /** A real ed25519 public key (its private half was thrown away: it only ever lives here). */
  public static final String PUBLIC_KEY =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAP1/KiECx9z/iao7pOZJLtT2bxAx++COWk9Vw2SjwZu"
          + " you@practice-workstation";

  /** {@code ssh-keygen -lf} of {@link #PUBLIC_KEY}. */
  public static final String FINGERPRINT = "SHA256:zWDM2h8qzSDm8yIasQ1f8RILa4ui/p7pJ3eF32YL/Go";

  /** The workstation's public address (documentation range, RFC 5737). */
  public static final String PUBLIC_ADDRESS = "198.51.100.7";

  /** The workstation's address on the tailnet. */
  public static final String TAILNET_ADDRESS = "100.64.0.2";

  /** The practice VPS's public and tailnet addresses. */
  public static final String VPS_PUBLIC_ADDRESS = "203.0.113.10";

  public static final String VPS_TAILNET_ADDRESS = "100.64.0.10";

  private PracticeWorkstation() {}
}
