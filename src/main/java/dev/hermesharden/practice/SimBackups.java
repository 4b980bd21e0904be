package dev.hermesharden.practice;

import static dev.hermesharden.practice.SimComponent.ok;

import dev.hermesharden.host.ExecResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The backup step on the practice VPS: {@code systemctl start hermes-harden-backup.service} leaves
 * one gpg-encrypted (armored) archive and its listing in {@code /var/backups/hermes-harden}, as the
 * real script would; {@code od -An -tx1 -N COUNT -- FILE} shows a file's first bytes, and {@code
 * date -u +%s} answers the practice VPS's clock, one hour after the time its {@code stat} gives
 * every file.
 */
final class SimBackups implements SimComponent {
  static final String DIR = "/var/backups/hermes-harden";
  static final String SERVICE = "hermes-harden-backup.service";

  /** The practice VPS's "now": an hour after the mtime {@code stat} reports for every file. */
  static final long NOW = 1732406400L + 3600;

  @Override
  public void seed(SimFs fs) {}

  @Override
  public Optional<ExecResult> handle(List<String> argv, SimFs fs) {
    if (argv.equals(List.of("systemctl", "start", SERVICE))
        && SimServices.get(fs, SERVICE).isPresent()) {
      fs.mkdirs(DIR);
      fs.put(DIR, SimFile.dir("root", "root", 0700));
      String name = DIR + "/hermes-20241124T000000Z";
      fs.put(
          name + ".tar.gpg",
          SimFile.file(
              "-----BEGIN PGP MESSAGE-----\n\njA0ECQMC…practice…\n-----END PGP MESSAGE-----\n",
              "root",
              "root",
              0600));
      fs.put(name + ".list", SimFile.file("./\n./.env\n./config.yaml\n", "root", "root", 0600));
      return Optional.of(ok(argv, ""));
    }
    if (argv.equals(List.of("date", "-u", "+%s"))) {
      return Optional.of(ok(argv, NOW + "\n"));
    }
    if (argv.size() == 7 && argv.get(0).equals("od") && argv.get(5).equals("--")) {
      byte[] b = fs.read(argv.get(6)).orElse("").getBytes(StandardCharsets.UTF_8);
      int n = Math.min(b.length, Integer.parseInt(argv.get(4)));
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < n; i++) {
        out.append(i % 16 == 0 ? (i == 0 ? " " : "\n ") : " ");
        out.append(String.format(Locale.ROOT, "%02x", b[i] & 0xff));
      }
      return Optional.of(ok(argv, n == 0 ? "" : out + "\n"));
    }
    return Optional.empty();
  }
}
