package dev.hermesharden.model;

/** The proofs a destructive change can require. The ids are stable (step files and state). */
public enum EvidenceKind {
  /** A fresh key-only SSH login as the admin user succeeded. Produced by step {@code ssh-keys}. */
  KEY_LOGIN("key-login"),
  /** A fresh key-only login over the private path succeeded. Produced by {@code private-path}. */
  PRIVATE_PATH_LOGIN("private-path-login");

  private final String id;

  EvidenceKind(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static EvidenceKind fromId(String id) {
    for (EvidenceKind k : values()) {
      if (k.id.equals(id)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown evidence kind: " + id);
  }
}
