package dev.hermesharden.system.compose;

import dev.hermesharden.system.docker.Confinement;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds the confinement settings a Hermes compose service lacks, as lines inserted right after the
 * service's name, in the service's own indent; every other byte of the file stays. Only keys the
 * service does not write at all are added: a key that is there but judged wrong is left to the
 * admin (the check's reason says what to change), never rewritten behind their back.
 *
 * <p>Refuses ({@link IllegalStateException}) when the result would not read back as meant (a
 * service written as a flow mapping …).
 *
 * <p>The added {@code cap_add} keeps what the Hermes image's start needs as root (docs/decisions-
 * containers.md): CHOWN, DAC_OVERRIDE and FOWNER to fix ownership and modes in the data volume,
 * SETUID and SETGID to drop to the {@code hermes} user, KILL for the root supervisor to signal the
 * services that now run as {@code hermes}. Everything else Docker grants by default (NET_RAW,
 * MKNOD, SYS_CHROOT, AUDIT_WRITE, …) is dropped.
 */
public final class ComposeHardeningRewriter {
  private ComposeHardeningRewriter() {}

  /** The values written: {@code cpus}, {@code memory}, {@code max-size}, {@code max-file}. */
  public record Values(String cpus, String memory, String maxSize, String maxFile) {}

  /** The new text (equal to {@code text} when nothing was missing). */
  public static String rewrite(String path, String text, Values v) {
    ComposeFile f = ComposeFile.parse(path, text);
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    // bottom-up, so earlier services' line numbers stay right
    List<ComposeService> services = new ArrayList<>(f.hermesServices());
    services.sort((a, b) -> Integer.compare(b.line(), a.line()));
    for (ComposeService s : services) {
      List<String> add = missing(s, v);
      if (add.isEmpty()) {
        continue;
      }
      String indent = childIndent(lines, s.line());
      List<String> block = new ArrayList<>();
      for (String a : add) {
        block.add(indent + a.replace("\n", "\n" + indent));
      }
      lines.addAll(s.line(), List.of(String.join("\n", block).split("\n", -1)));
    }
    String out = String.join("\n", lines);
    if (!out.equals(text)) {
      // like HermesConfigEditor: refuse unless the result reads back as meant
      ComposeFile back;
      try {
        back = ComposeFile.parse(path, out);
      } catch (RuntimeException e) {
        throw new IllegalStateException("the edited file is not valid compose YAML", e);
      }
      if (back.services().size() != f.services().size()
          || back.hermesServices().stream().anyMatch(s -> !missing(s, v).isEmpty())) {
        throw new IllegalStateException("the service is not written in block style");
      }
    }
    return out;
  }

  private static List<String> missing(ComposeService s, Values v) {
    Confinement h = s.hardening();
    List<String> out = new ArrayList<>();
    if (h.securityOpt().isEmpty()) {
      out.add("security_opt:\n  - no-new-privileges:true");
    }
    if (h.capDrop().isEmpty()) {
      out.add("cap_drop:\n  - ALL\ncap_add: [CHOWN, DAC_OVERRIDE, FOWNER, KILL, SETUID, SETGID]");
    }
    if (h.cpus().isEmpty()) {
      out.add("cpus: \"" + v.cpus() + "\"");
    }
    if (h.memory().isEmpty()) {
      out.add("mem_limit: " + v.memory());
    }
    if (h.logDriver().isEmpty() && h.logOptions().isEmpty()) {
      out.add(
          "logging:\n  driver: json-file\n  options:\n    max-size: \""
              + v.maxSize()
              + "\"\n    max-file: \""
              + v.maxFile()
              + "\"");
    }
    return out;
  }

  /** The indent of the service's keys: that of the first key line below its name. */
  private static String childIndent(List<String> lines, int nameLine) {
    String own = lines.get(nameLine - 1).replaceAll("^(\\s*).*$", "$1");
    for (int i = nameLine; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.isBlank() || l.strip().startsWith("#")) {
        continue;
      }
      String ind = l.replaceAll("^(\\s*).*$", "$1");
      if (ind.length() > own.length()) {
        return ind;
      }
      break;
    }
    return own + "  ";
  }
}
