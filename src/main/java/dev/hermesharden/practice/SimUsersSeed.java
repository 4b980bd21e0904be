package dev.hermesharden.practice;

/**
 * The account files of a fresh Ubuntu 24.04 cloud VPS (system users from base-files and the
 * packages of the cloud image, plus docker.io's group), with the practice admin {@code admin}.
 */
final class SimUsersSeed {
  private SimUsersSeed() {}

  static final String PASSWD =
      """
      root:x:0:0:root:/root:/bin/bash
      daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
      bin:x:2:2:bin:/bin:/usr/sbin/nologin
      sys:x:3:3:sys:/dev:/usr/sbin/nologin
      sync:x:4:65534:sync:/bin:/bin/sync
      games:x:5:60:games:/usr/games:/usr/sbin/nologin
      man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
      lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
      mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
      news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
      uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
      proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
      www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
      backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
      list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
      irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
      _apt:x:42:65534::/nonexistent:/usr/sbin/nologin
      nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
      systemd-network:x:998:998:systemd Network Management:/:/usr/sbin/nologin
      systemd-timesync:x:996:996:systemd Time Synchronization:/:/usr/sbin/nologin
      dhcpcd:x:100:65534:DHCP Client Daemon,,,:/usr/lib/dhcpcd:/bin/false
      messagebus:x:101:101::/nonexistent:/usr/sbin/nologin
      systemd-resolve:x:992:992:systemd Resolver:/:/usr/sbin/nologin
      pollinate:x:102:1::/var/cache/pollinate:/bin/false
      polkitd:x:991:991:User for polkitd:/:/usr/sbin/nologin
      syslog:x:103:104::/nonexistent:/usr/sbin/nologin
      uuidd:x:104:105::/run/uuidd:/usr/sbin/nologin
      tcpdump:x:105:107::/nonexistent:/usr/sbin/nologin
      tss:x:106:108:TPM software stack,,,:/var/lib/tpm:/bin/false
      landscape:x:107:109::/var/lib/landscape:/usr/sbin/nologin
      fwupd-refresh:x:989:989:Firmware update daemon:/var/lib/fwupd:/usr/sbin/nologin
      usbmux:x:108:46:usbmux daemon,,,:/var/lib/usbmux:/usr/sbin/nologin
      sshd:x:109:65534::/run/sshd:/usr/sbin/nologin
      admin:x:1000:1000:Admin,,,:/home/admin:/bin/bash
      """;

  static final String GROUP =
      """
      root:x:0:
      daemon:x:1:
      bin:x:2:
      sys:x:3:
      adm:x:4:syslog
      tty:x:5:
      disk:x:6:
      lp:x:7:
      mail:x:8:
      news:x:9:
      uucp:x:10:
      man:x:12:
      proxy:x:13:
      kmem:x:15:
      dialout:x:20:
      fax:x:21:
      voice:x:22:
      cdrom:x:24:
      floppy:x:25:
      tape:x:26:
      sudo:x:27:
      audio:x:29:
      dip:x:30:
      www-data:x:33:
      backup:x:34:
      operator:x:37:
      list:x:38:
      irc:x:39:
      src:x:40:
      shadow:x:42:
      utmp:x:43:
      video:x:44:
      sasl:x:45:
      plugdev:x:46:
      staff:x:50:
      games:x:60:
      users:x:100:admin
      nogroup:x:65534:
      systemd-journal:x:999:
      systemd-network:x:998:
      systemd-timesync:x:996:
      input:x:995:
      sgx:x:994:
      kvm:x:993:
      render:x:997:
      messagebus:x:101:
      systemd-resolve:x:992:
      _ssh:x:102:
      polkitd:x:991:
      crontab:x:990:
      syslog:x:104:
      uuidd:x:105:
      tcpdump:x:107:
      tss:x:108:
      landscape:x:109:
      fwupd-refresh:x:989:
      admin:x:1000:
      docker:x:988:
      """;

  static final String SHADOW =
      """
      root:$y$j9T$Zq3kH1v6bT0b9c2mQ8xYz.$1nYm0o3yqQm6b2d7c9QH0pJm5g3k2h1LwzXcVbN8aQ4:20047:0:99999:7:::
      daemon:*:20010:0:99999:7:::
      bin:*:20010:0:99999:7:::
      sys:*:20010:0:99999:7:::
      sync:*:20010:0:99999:7:::
      games:*:20010:0:99999:7:::
      man:*:20010:0:99999:7:::
      lp:*:20010:0:99999:7:::
      mail:*:20010:0:99999:7:::
      news:*:20010:0:99999:7:::
      uucp:*:20010:0:99999:7:::
      proxy:*:20010:0:99999:7:::
      www-data:*:20010:0:99999:7:::
      backup:*:20010:0:99999:7:::
      list:*:20010:0:99999:7:::
      irc:*:20010:0:99999:7:::
      _apt:*:20010:0:99999:7:::
      nobody:*:20010:0:99999:7:::
      systemd-network:!*:20010::::::
      systemd-timesync:!*:20010::::::
      dhcpcd:!:20010::::::
      messagebus:!:20010::::::
      systemd-resolve:!*:20010::::::
      pollinate:!:20010::::::
      polkitd:!*:20010::::::
      syslog:!:20010::::::
      uuidd:!:20010::::::
      tcpdump:!:20010::::::
      tss:!:20010::::::
      landscape:!:20010::::::
      fwupd-refresh:!*:20010::::::
      usbmux:!:20010::::::
      sshd:!:20010::::::
      admin:$y$j9T$Wd8sP2nR5tX1aB4cE7fG9.$Kq2mN5pR8sT1vW4xZ7bC0dF3gH6jL9nP2qS5uV8yA1c:20047:0:99999:7:::
      """;

  static final String BASHRC =
      """
      # ~/.bashrc: executed by bash(1) for non-login shells.
      # see /usr/share/doc/bash/examples/startup-files (in the package bash-doc)
      # for examples

      # If not running interactively, don't do anything
      case $- in
          *i*) ;;
            *) return;;
      esac
      """;

  static final String PROFILE =
      """
      # ~/.profile: executed by the command interpreter for login shells.
      if [ -n "$BASH_VERSION" ]; then
          if [ -f "$HOME/.bashrc" ]; then
      	. "$HOME/.bashrc"
          fi
      fi
      """;

  static final String BASH_LOGOUT =
      """
      # ~/.bash_logout: executed by bash(1) when login shell exits.
      """;

  /** Ubuntu 24.04's {@code /etc/sudoers} (package sudo), 0440. */
  static final String SUDOERS =
      """
      #
      # This file MUST be edited with the 'visudo' command as root.
      #
      # Please consider adding local content in /etc/sudoers.d/ instead of
      # directly modifying this file.
      #
      # See the man page for details on how to write a sudoers file.
      #
      Defaults	env_reset
      Defaults	mail_badpass
      Defaults	secure_path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin"

      # This fixes CVE-2005-4890 and possibly breaks some versions of kdesu
      # (#1011624, https://bugs.kde.org/show_bug.cgi?id=452532)
      Defaults	use_pty

      # This preserves proxy settings from user environments of root
      # equivalent users (group sudo)
      #Defaults:%sudo env_keep += "http_proxy https_proxy ftp_proxy all_proxy no_proxy"

      # Host alias specification

      # User alias specification

      # Cmnd alias specification

      # User privilege specification
      root	ALL=(ALL:ALL) ALL

      # Members of the admin group may gain root privileges
      %admin ALL=(ALL) ALL

      # Allow members of group sudo to execute any command
      %sudo	ALL=(ALL:ALL) ALL

      # See sudoers(5) for more information on "@include" directives:

      @includedir /etc/sudoers.d
      """;

  /** What cloud-init writes for the image's default user (here the practice admin), 0440. */
  static final String CLOUD_INIT_SUDOERS =
      """
      # Created by cloud-init v. 24.4-0ubuntu1~24.04.2 on Sun, 24 Nov 2024 00:00:00 +0000

      # User rules for admin
      admin ALL=(ALL) NOPASSWD:ALL
      """;

  /** The sudo package's {@code /etc/sudoers.d/README}, 0440 (sudo skips it: no rules). */
  static final String SUDOERS_README =
      """
      #
      # The default /etc/sudoers file created on installation of the
      # sudo  package now includes the directive:
      #
      # 	@includedir /etc/sudoers.d
      #
      # This will cause sudo to read and parse any files in the /etc/sudoers.d
      # directory that do not end in '~' or contain a '.' character.
      #
      # Note that there must be at least one file in the sudoers.d directory (this
      # one will do).
      #
      # Note also, that because sudoers contents can vary widely, no attempt is
      # made to add this directive to existing sudoers files on upgrade.  Feel free
      # to add the above directive to the end of your /etc/sudoers file to enable
      # this functionality for existing installations if you wish! Sudo
      # versions older than the one in Debian 11 (bullseye) require the
      # directive will only support the old syntax #includedir, and the current
      # sudo will happily accept both @includedir and #includedir
      #
      # Finally, please note that using the visudo command is the recommended way
      # to update sudoers content, since it protects against many failure modes.
      # See the man page for visudo and sudoers for more information.
      #
      """;
}
