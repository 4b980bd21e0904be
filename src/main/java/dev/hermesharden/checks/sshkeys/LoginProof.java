package dev.hermesharden.checks.sshkeys;

import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.StepContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The newest login proof of one kind for one user, with the current sha256 (lower-case hex) of
 * every file it rests on, read through the host; what {@code Freshness.check} needs.
 */
public record LoginProof(Optional<Evidence> evidence, Map<String, String> currentHashes) {
  public LoginProof {
    currentHashes = Map.copyOf(currentHashes);
  }

  public static LoginProof gather(Host host, StepContext ctx, EvidenceKind kind, String user)
      throws HostException {
    Optional<Evidence> e =
        ctx.evidence().stream()
            .filter(x -> x.kind() == kind && x.user().equals(user))
            .max(Comparator.comparing(Evidence::at));
    Map<String, String> hashes = new LinkedHashMap<>();
    if (e.isPresent()) {
      for (String path : e.get().restsOn().keySet()) {
        Optional<String> text = host.readFile(path);
        if (text.isPresent()) {
          hashes.put(path, sha256Hex(text.get()));
        }
      }
    }
    return new LoginProof(e, hashes);
  }

  /** sha256 of a file's UTF-8 text as lower-case hex: the form {@code Evidence.restsOn} holds. */
  public static String sha256Hex(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException("every JVM has SHA-256", ex);
    }
  }
}
