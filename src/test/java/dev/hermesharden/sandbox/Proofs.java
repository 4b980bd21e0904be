package dev.hermesharden.sandbox;

import java.io.IOException;

/**
 * Login proofs in the sandbox. Until the real proof flow ({@code prove}/{@code confirm TOKEN}) is
 * in the tree, a step that needs a proof is skipped with kind LATER so the later steps unlock.
 */
final class Proofs {
  private Proofs() {}

  /** Proves KIND for STEP from the workstation when possible, else skips STEP. */
  static void proveOrSkip(SandboxVps vps, String step, String kind) throws IOException {
    skip(vps, step);
  }

  static void skip(SandboxVps vps, String step) throws IOException {
    Cli.run(
        vps,
        0,
        "skip",
        "--step",
        step,
        "--kind",
        "LATER",
        "--reason",
        "sandbox test: the login proof flow is not in this tree yet");
  }
}
