package dev.hermesharden.fixes.backups;

import dev.hermesharden.host.ShellQuoting;

/**
 * The daily backup of HERMES_HOME as files: the script root runs and its two systemd units (written
 * like the monthly review's, docs/backups.md). Every value is single-quoted into the script ({@link
 * ShellQuoting#quote}); nothing is read from a file another account can change at run time. The
 * admin's age recipient is never part of the script: {@code age} reads it from root's {@link
 * #RECIPIENTS} file, which the fix writes.
 *
 * <p>HERMES_HOME belongs to the service account, which we assume hostile (docs/threat-model.md):
 * {@code tar} runs <em>as the directory's owner</em> ({@code setpriv … --clear-groups
 * --no-new-privs}), so whatever it swaps in — a link to {@code /etc/shadow}, a FIFO, a bind of
 * another tree — tar reaches only what that account could read itself. It also never follows a link
 * ({@code --no-dereference}, the default, said aloud), stays on one filesystem, opens files
 * non-blocking (GNU tar, so a FIFO never hangs it) and is bounded in time ({@code timeout}); the
 * encrypted output is bounded in size ({@code ulimit -f} on the encrypting process: a huge file
 * kills the run, which then fails and leaves no partial archive). tar's exit 1 ("file changed as we
 * read it": Hermes writes its files at any time) still makes an archive; before, one such change
 * failed the whole night's backup.
 */
public final class BackupScript {
  public static final String PATH = "/usr/local/sbin/hermes-harden-backup";
  public static final String DIR = "/var/backups/hermes-harden";
  public static final String PASSPHRASE = "/etc/hermes-harden/backup.pass";

  /** The age recipients file ({@code age --recipients-file}): public keys only, one a line. */
  public static final String RECIPIENTS = "/etc/hermes-harden/backup.age-recipients";

  public static final String SERVICE = "hermes-harden-backup.service";
  public static final String TIMER = "hermes-harden-backup.timer";
  public static final String UNIT_DIR = "/etc/systemd/system";

  /**
   * @param home HERMES_HOME
   * @param account who owns it: tar runs as this account ({@code root}: directly)
   * @param group its group: tar's group
   * @param ageRecipient the admin's {@code age1…} public key (the fix writes it to {@link
   *     #RECIPIENTS}), or empty for {@code gpg --symmetric} with a passphrase kept in {@link
   *     #PASSPHRASE} (root's, 0600, made on the first run)
   */
  public record Settings(
      String home, String account, String group, String ageRecipient, int keep, int maxMegabytes) {
    public boolean age() {
      return !ageRecipient.isEmpty();
    }

    public String extension() {
      return age() ? ".tar.age" : ".tar.gpg";
    }

    /** The Debian package of the encrypting tool: {@code age}, or {@code gpg}. */
    public String tool() {
      return age() ? "age" : "gpg";
    }
  }

  private BackupScript() {}

  public static String script(Settings s) {
    return script(s, DIR, s.age() ? RECIPIENTS : PASSPHRASE);
  }

  /**
   * The script with other places for the archives and the key file (tests).
   *
   * @param keyFile the age recipients file (age) or the passphrase file (gpg)
   */
  public static String script(Settings s, String dir, String keyFile) {
    String encrypt =
        s.age()
            ? "age --encrypt --recipients-file \"$keys\" > \"$tmp\""
            : "gpg --batch --yes --quiet --pinentry-mode loopback --passphrase-file \"$keys\""
                + " --symmetric --cipher-algo AES256 --output - > \"$tmp\"";
    String asOwner =
        s.account().equals("root")
            ? ""
            : "setpriv --reuid="
                + ShellQuoting.quote(s.account())
                + " --regid="
                + ShellQuoting.quote(s.group())
                + " --clear-groups --no-new-privs -- ";
    return "#!/bin/bash\n"
        + "# Written by hermes-harden (step backups); runs as root from "
        + SERVICE
        + ".\n"
        + "# Restore: see docs/backups.md (the private key or passphrase never needs this server).\n"
        + "set -euo pipefail\n"
        + "umask 077\n"
        + "export LC_ALL=C PATH=/usr/sbin:/usr/bin:/sbin:/bin\n"
        + "home="
        + ShellQuoting.quote(s.home())
        + "\n"
        + "dest="
        + ShellQuoting.quote(dir)
        + "\n"
        + "keys="
        + ShellQuoting.quote(keyFile)
        + "\n"
        + "keep="
        + s.keep()
        + "\n"
        + "max_kb="
        + (s.maxMegabytes() * 1024L)
        + "\n"
        + "# Without its tool the run would fail in the pipe with a bare \"not found\": say it here.\n"
        + "if ! command -v "
        + s.tool()
        + " >/dev/null; then\n"
        + "  echo \"hermes-harden-backup: "
        + s.tool()
        + " is not installed (apt-get install "
        + s.tool()
        + "); no backup made\" >&2\n"
        + "  exit 1\n"
        + "fi\n"
        + "install -d -m 0700 -o root -g root \"$dest\"\n"
        + (s.age()
            ? "if [ ! -s \"$keys\" ]; then\n"
                + "  echo \"hermes-harden-backup: no age recipient in $keys; no backup made\" >&2\n"
                + "  exit 1\n"
                + "fi\n"
            : "if [ ! -s \"$keys\" ]; then\n"
                + "  install -d -m 0700 \"$(dirname \"$keys\")\"\n"
                + "  head -c 48 /dev/urandom | base64 -w0 > \"$keys\"\n"
                + "fi\n")
        + "stamp=$(date -u +%Y%m%dT%H%M%SZ)\n"
        + "name=\"hermes-$stamp\"\n"
        + "tmp=$(mktemp \"$dest/.partial.XXXXXX\")\n"
        + "list=$(mktemp \"$dest/.partial.XXXXXX\")\n"
        + "trap 'rm -f -- \"$tmp\" \"$list\"' EXIT\n"
        + "# tar as HERMES_HOME's owner: no link followed, one filesystem, its listing to $list.\n"
        + "# Exit 1 is tar's \"file changed as we read it\": the agent writes while it runs; the\n"
        + "# archive is whole. Anything else (2, a timeout, a signal) fails the run.\n"
        + "cd /\n"
        + "{ timeout 3600 "
        + asOwner
        + "tar --create --one-file-system --sparse --verbose --directory \"$home\" . 2> \"$list\""
        + " || [ \"$?\" -eq 1 ]; } \\\n"
        + "  | ( ulimit -f \"$max_kb\"; "
        + encrypt
        + " )\n"
        + "[ -s \"$tmp\" ]\n"
        + "mv -T -- \"$list\" \"$dest/$name.list\"\n"
        + "mv -T -- \"$tmp\" \"$dest/$name"
        + s.extension()
        + "\"\n"
        + "trap - EXIT\n"
        + "# Retention: the newest $keep archives (names are ours, in root's own directory).\n"
        + "find \"$dest\" -maxdepth 1 -type f -name 'hermes-*.tar.*' -printf '%f\\n' | sort | head -n \"-$keep\" \\\n"
        + "  | while read -r old; do rm -f -- \"$dest/$old\" \"$dest/${old%.tar.*}.list\"; done\n";
  }

  public static String serviceUnit() {
    return """
        # Written by hermes-harden (step backups).
        [Unit]
        Description=hermes-harden encrypted backup of HERMES_HOME

        [Service]
        Type=oneshot
        ExecStart=%s
        Nice=10
        IOSchedulingClass=idle
        TimeoutStartSec=2h
        PrivateTmp=true
        """
        .formatted(PATH);
  }

  public static String timerUnit() {
    return """
        # Written by hermes-harden (step backups).
        [Unit]
        Description=Daily hermes-harden backup of HERMES_HOME

        [Timer]
        OnCalendar=daily
        Persistent=true
        RandomizedDelaySec=30m

        [Install]
        WantedBy=timers.target
        """;
  }
}
