package dev.hermesharden.fixes.sshd;

import dev.hermesharden.system.sshd.ConfigEntry;
import dev.hermesharden.system.sshd.SshdConfigFiles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Works out, purely from a snapshot of the sshd files, what the drop-in fix writes: our drop-in
 * (sorted before cloud-init's {@code 50-} file, since sshd keeps the first value it reads), the
 * {@code Include} line when the main file lacks it, and a {@code # hermes-harden: } comment in
 * front of any line that would still beat ours (an earlier line, or a Match block turning passwords
 * back on, which no drop-in can override). Never touches UsePAM.
 */
public final class SshdDropIn {
  public static final String PATH = SshdConfigFiles.DROP_IN_DIR + "/00-hermes-harden.conf";
  public static final String INCLUDE = "Include " + SshdConfigFiles.DROP_IN_GLOB;
  public static final String COMMENT = "# hermes-harden: ";

  private SshdDropIn() {}

  /** Our drop-in's text for an admin user and the keyboard-interactive keyword of this OpenSSH. */
  public static String content(String admin, boolean kbdKeyword) {
    return "# Written by hermes-harden (step sshd). sshd keeps the FIRST value it reads, and this\n"
        + "# file sorts before 50-cloud-init.conf, so these settings win. To undo: delete this\n"
        + "# file, run `sshd -t`, then `systemctl reload ssh`.\n"
        + "PermitRootLogin no\n"
        + "PasswordAuthentication no\n"
        + (kbdKeyword
            ? "KbdInteractiveAuthentication no\n"
            : "ChallengeResponseAuthentication no\n")
        + "PubkeyAuthentication yes\n"
        + "StrictModes yes\n"
        + "AllowUsers "
        + admin
        + "\n"
        + "MaxAuthTries 3\n"
        + "ExposeAuthInfo yes\n";
  }

  /** The files to write (path to new text), in the order to write them; empty when none change. */
  public static Map<String, String> changes(
      Map<String, String> snapshot, String admin, boolean kbdKeyword) {
    Map<String, String> next = new LinkedHashMap<>(snapshot);
    next.put(PATH, content(admin, kbdKeyword));
    SshdConfigFiles files = SshdConfigFiles.parse(next);
    if (!files.mainIncludesDropIns()) {
      next.put(SshdConfigFiles.MAIN, INCLUDE + "\n" + next.getOrDefault(SshdConfigFiles.MAIN, ""));
    }
    List<String> ours =
        SshdConfigFiles.parse(Map.of(SshdConfigFiles.MAIN, next.get(PATH))).entries().stream()
            .map(ConfigEntry::keyword)
            .filter(k -> !k.equals("allowusers"))
            .toList();
    // Comment out whatever still wins over our lines; one at a time, as each changes what follows.
    for (int round = 0; round < 64; round++) {
      files = SshdConfigFiles.parse(next);
      Optional<ConfigEntry> beats = firstConflict(files, ours);
      if (beats.isEmpty()) {
        break;
      }
      next.put(beats.get().file(), commentOut(next.get(beats.get().file()), beats.get().line()));
    }
    Map<String, String> changed = new LinkedHashMap<>();
    if (!next.get(PATH).equals(snapshot.get(PATH))) {
      changed.put(PATH, next.get(PATH));
    }
    for (String path : next.keySet()) {
      if (!path.equals(PATH) && !next.get(path).equals(snapshot.get(path))) {
        changed.put(path, next.get(path));
      }
    }
    return changed;
  }

  private static Optional<ConfigEntry> firstConflict(SshdConfigFiles files, List<String> ours) {
    for (String kw : ours) {
      Optional<ConfigEntry> d = files.decidingLine(kw, Optional.empty());
      if (d.isPresent() && !d.get().file().equals(PATH)) {
        return d;
      }
    }
    List<ConfigEntry> match = files.matchLinesSetting(PASSWORD_KEYWORDS, "yes");
    return match.isEmpty() ? Optional.empty() : Optional.of(match.get(0));
  }

  static final List<String> PASSWORD_KEYWORDS =
      List.of(
          "passwordauthentication",
          "kbdinteractiveauthentication",
          "challengeresponseauthentication");

  static String commentOut(String text, int line) {
    String[] lines = text.split("\n", -1);
    lines[line - 1] = COMMENT + lines[line - 1];
    return String.join("\n", lines);
  }
}
