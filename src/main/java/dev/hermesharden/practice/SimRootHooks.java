package dev.hermesharden.practice;

import dev.hermesharden.host.ExecResult;
import java.util.List;
import java.util.Optional;

/**
 * The places root runs scripts from by the way, as a fresh Ubuntu 24.04 cloud VPS has them:
 * update-motd's scripts, logrotate's configuration, needrestart's, PAM's, dpkg's, the kernel
 * packages' hook directories, initramfs-tools' and networkd-dispatcher's (empty) directories,
 * udev's (empty) rules directory, and root's shell start files ({@code watch.root-hooks-writable}
 * reads them; apt's hooks are {@link SimApt}'s). Files only: it answers no command.
 */
final class SimRootHooks implements SimComponent {
  private static final String MOTD = "/etc/update-motd.d/";

  @Override
  public void seed(SimFs fs) {
    motd(fs, "00-header", HEADER);
    motd(
        fs,
        "10-help-text",
        "#!/bin/sh\n\nprintf \"\\n\"\nprintf \" * Documentation:  https://help.ubuntu.com\\n\"\n"
            + "printf \" * Management:     https://landscape.canonical.com\\n\"\n"
            + "printf \" * Support:        https://ubuntu.com/pro\\n\"\n");
    motd(fs, "91-release-upgrade", exec("/usr/lib/ubuntu-release-upgrader/release-upgrade-motd"));
    motd(
        fs,
        "92-unattended-upgrades",
        exec("/usr/share/unattended-upgrades/update-motd-unattended-upgrades"));
    motd(fs, "98-reboot-required", exec("/usr/lib/update-notifier/update-motd-reboot-required"));
    fs.write("/etc/logrotate.conf", LOGROTATE);
    fs.write("/etc/logrotate.d/rsyslog", RSYSLOG);
    fs.write(
        "/etc/logrotate.d/apt",
        "/var/log/apt/term.log {\n  rotate 12\n  monthly\n  compress\n  missingok\n  notifempty\n}\n");
    fs.write(
        "/etc/environment",
        "PATH=\"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/games"
            + ":/usr/local/games:/snap/bin\"\n");
    fs.write("/etc/profile", PROFILE);
    fs.write(
        "/etc/bash.bashrc",
        "# System-wide .bashrc file for interactive bash(1) shells.\n"
            + "[ -z \"${PS1-}\" ] && return\nshopt -s checkwinsize\n"
            + "if [ -z \"${debian_chroot:-}\" ] && [ -r /etc/debian_chroot ]; then\n"
            + "    debian_chroot=$(cat /etc/debian_chroot)\nfi\n");
    fs.write(
        "/etc/profile.d/01-locale-fix.sh",
        "# Make sure the locale variables are set to valid values.\n"
            + "eval $(/usr/bin/locale-check C.UTF-8)\n");
    // needrestart (its apt hook 99needrestart runs it as root after every install)
    fs.write(
        "/etc/needrestart/needrestart.conf",
        "# needrestart - Restart daemons after library updates.\n"
            + "# Restart mode: (l)ist only, (i)nteractive or (a)utomatically.\n"
            + "#$nrconf{restart} = 'i';\n");
    fs.write(
        "/etc/needrestart/conf.d/README.needrestart",
        "Any files matching *.conf will be sourced in alphanumerical order.\n");
    fs.put(
        "/etc/needrestart/hook.d/10-dpkg",
        SimFile.file("#!/usr/bin/perl\n\nuse strict;\nuse warnings;\n", "root", "root", 0755));
    fs.write("/etc/pam.d/sshd", PAM_SSHD);
    fs.write(
        "/etc/pam.d/sudo",
        "#%PAM-1.0\n\n# Set up user limits from /etc/security/limits.conf.\n"
            + "session    required   pam_limits.so\n\n@include common-auth\n"
            + "@include common-account\n@include common-session-noninteractive\n");
    fs.put("/root/.profile", SimFile.file(ROOT_PROFILE, "root", "root", 0644));
    fs.put("/root/.bashrc", SimFile.file(ROOT_BASHRC, "root", "root", 0644));
    packageHooks(fs);
  }

  /**
   * dpkg's configuration, the kernel hooks Ubuntu 24.04's packages install (comments and most lines
   * left out; the paths they name kept), and the empty directories of initramfs-tools,
   * networkd-dispatcher and udev.
   */
  private static void packageHooks(SimFs fs) {
    fs.write(
        "/etc/dpkg/dpkg.cfg",
        "# dpkg configuration file\n#\n# Do not enable debsig-verify by default; since the distribution is not using\n"
            + "# embedded signatures, debsig-verify would reject all packages.\nno-debsig\n\n"
            + "# Log status changes and actions to a file.\nlog /var/log/dpkg.log\n");
    fs.mkdirs("/etc/dpkg/dpkg.cfg.d");
    String post = "/etc/kernel/postinst.d/";
    kernelHook(fs, post + "initramfs-tools", INITRAMFS_HOOK);
    kernelHook(fs, post + "unattended-upgrades", UU_HOOK);
    kernelHook(
        fs,
        post + "update-notifier",
        "#!/bin/sh -e\n# Packages may want to notify the user of a required reboot\n"
            + "if [ -x /usr/share/update-notifier/notify-reboot-required ]; then\n"
            + "  /usr/share/update-notifier/notify-reboot-required\nfi\n");
    kernelHook(fs, post + "xx-update-initrd-links", INITRD_LINKS_HOOK);
    kernelHook(fs, post + "zz-update-grub", GRUB_HOOK);
    String rm = "/etc/kernel/postrm.d/";
    kernelHook(fs, rm + "initramfs-tools", INITRAMFS_HOOK);
    kernelHook(fs, rm + "xx-update-initrd-links", INITRD_LINKS_HOOK);
    kernelHook(fs, rm + "zz-update-grub", GRUB_HOOK);
    fs.mkdirs("/etc/kernel/install.d");
    fs.mkdirs("/etc/initramfs-tools/hooks");
    for (String d : List.of("init-bottom", "init-premount", "init-top", "local-bottom")) {
      fs.mkdirs("/etc/initramfs-tools/scripts/" + d);
    }
    for (String d : List.of("carrier", "degraded", "dormant", "no-carrier", "off", "routable")) {
      fs.mkdirs("/etc/networkd-dispatcher/" + d + ".d");
    }
    fs.mkdirs("/etc/udev/rules.d");
    // polkit (watch.polkit): the empty local rules directory, polkitd's, and the packages' rules
    fs.put("/etc/polkit-1/rules.d", SimFile.dir("polkitd", "root", 0700));
    fs.put("/usr/share/polkit-1/rules.d", SimFile.dir("polkitd", "root", 0700));
    fs.write(
        "/usr/share/polkit-1/rules.d/50-default.rules",
        "/* -*- mode: js; js-indent-level: 4; indent-tabs-mode: nil -*- */\n\n"
            + "// DO NOT EDIT THIS FILE, it will be overwritten on update\n//\n"
            + "// Default rules for polkit\n\n"
            + "polkit.addAdminRule(function(action, subject) {\n"
            + "    return [\"unix-group:sudo\", \"unix-group:admin\"];\n});\n");
    fs.write(
        "/usr/share/polkit-1/rules.d/systemd-networkd.rules",
        "// This file is part of systemd.\n"
            + "polkit.addRule(function(action, subject) {\n"
            + "    if ((action.id == \"org.freedesktop.hostname1.set-hostname\" ||\n"
            + "         action.id == \"org.freedesktop.timedate1.set-timezone\") &&\n"
            + "        subject.user == \"systemd-network\") {\n"
            + "        return polkit.Result.YES;\n    }\n});\n");
  }

  private static void kernelHook(SimFs fs, String path, String script) {
    fs.put(path, SimFile.file(script, "root", "root", 0755));
  }

  private static final String INITRAMFS_HOOK =
      """
      #!/bin/sh -e

      version="$1"
      bootopt=""

      command -v update-initramfs >/dev/null 2>&1 || exit 0

      # passing the kernel version is required
      if [ -z "${version}" ]; then
      	echo >&2 "W: initramfs-tools: ${DPKG_MAINTSCRIPT_PACKAGE:-kernel package} did not pass a version number"
      	exit 2
      fi
      INITRAMFS_TOOLS_KERNEL_HOOK=1 update-initramfs -c -k "${version}" ${bootopt} >&2
      """;

  private static final String UU_HOOK =
      """
      #!/bin/sh

      case "$DPKG_MAINTSCRIPT_PACKAGE::$DPKG_MAINTSCRIPT_NAME" in
         linux-image-extra*::postrm)
            exit 0;;
      esac

      if [ -d /var/run ]; then
          touch /var/run/reboot-required
          if ! grep -q "^$DPKG_MAINTSCRIPT_PACKAGE$" /var/run/reboot-required.pkgs 2> /dev/null ; then
              echo "$DPKG_MAINTSCRIPT_PACKAGE" >> /var/run/reboot-required.pkgs
          fi
      fi
      """;

  private static final String INITRD_LINKS_HOOK =
      """
      #!/bin/sh -e
      # Update the initrd symlinks in / or /boot
      command -v linux-update-symlinks >/dev/null 2>&1 || exit 0
      linux-update-symlinks install "$1" "$2"
      """;

  private static final String GRUB_HOOK =
      """
      #! /bin/sh
      set -e

      which update-grub >/dev/null 2>&1 || exit 0

      if type systemd-detect-virt >/dev/null 2>&1 &&
         systemd-detect-virt --quiet --container; then
      	exit 0
      fi

      exec update-grub
      """;

  private static void motd(SimFs fs, String name, String script) {
    fs.put(MOTD + name, SimFile.file(script, "root", "root", 0755));
  }

  private static String exec(String helper) {
    return "#!/bin/sh\n\nif [ -x " + helper + " ]; then\n    exec " + helper + "\nfi\n";
  }

  @Override
  public Optional<ExecResult> handle(List<String> argv, SimFs fs) {
    return Optional.empty();
  }

  private static final String HEADER =
      """
      #!/bin/sh
      #
      #    00-header - create the header of the MOTD
      #    Copyright (C) 2009-2010 Canonical Ltd.

      [ -r /etc/lsb-release ] && . /etc/lsb-release

      if [ -z "$DISTRIB_DESCRIPTION" ] && [ -x /usr/bin/lsb_release ]; then
      	# Fall back to using the very slow lsb_release utility
      	DISTRIB_DESCRIPTION=$(lsb_release -s -d)
      fi

      printf "Welcome to %s (%s %s %s)\\n" "$DISTRIB_DESCRIPTION" "$(uname -o)" "$(uname -r)" "$(uname -m)"
      """;

  private static final String LOGROTATE =
      """
      # see "man logrotate" for details

      # global options do not affect preceding include directives

      # rotate log files weekly
      weekly

      # use the adm group by default, since this is the owning group
      # of /var/log/.
      su root adm

      # keep 4 weeks worth of backlogs
      rotate 4

      # create new (empty) log files after rotating old ones
      create

      # packages drop log rotation information into this directory
      include /etc/logrotate.d

      # system-specific logs may also be configured here.
      """;

  private static final String RSYSLOG =
      """
      /var/log/syslog
      /var/log/mail.log
      /var/log/kern.log
      /var/log/auth.log
      /var/log/user.log
      /var/log/cron.log
      {
      	rotate 4
      	weekly
      	missingok
      	notifempty
      	compress
      	delaycompress
      	sharedscripts
      	postrotate
      		/usr/lib/rsyslog/rsyslog-rotate
      	endscript
      }
      """;

  private static final String PROFILE =
      """
      # /etc/profile: system-wide .profile file for the Bourne shell (sh(1))
      # and Bourne compatible shells (bash(1), ksh(1), ash(1), ...).

      if [ "${PS1-}" ]; then
        if [ "${BASH-}" ] && [ "$BASH" != "/bin/sh" ]; then
          if [ -f /etc/bash.bashrc ]; then
            . /etc/bash.bashrc
          fi
        else
          if [ "$(id -u)" -eq 0 ]; then
            PS1='# '
          else
            PS1='$ '
          fi
        fi
      fi

      if [ -d /etc/profile.d ]; then
        for i in /etc/profile.d/*.sh; do
          if [ -r $i ]; then
            . $i
          fi
        done
        unset i
      fi
      """;

  /** Ubuntu 24.04's /etc/pam.d/sshd, its comments shortened. */
  private static final String PAM_SSHD =
      """
      # PAM configuration for the Secure Shell service

      # Standard Un*x authentication.
      @include common-auth

      # Disallow non-root logins when /etc/nologin exists.
      account    required     pam_nologin.so

      # Standard Un*x authorization.
      @include common-account

      session [success=ok ignore=ignore module_unknown=ignore default=bad]        pam_selinux.so close
      session    required     pam_loginuid.so
      session    optional     pam_keyinit.so force revoke

      # Standard Un*x session setup and teardown.
      @include common-session

      # Print the message of the day upon successful login.
      session    optional     pam_motd.so  motd=/run/motd.dynamic
      session    optional     pam_motd.so noupdate

      # Print the status of the user's mailbox upon successful login.
      session    optional     pam_mail.so standard noenv # [1]

      # Set up user limits from /etc/security/limits.conf.
      session    required     pam_limits.so

      # Read environment variables from /etc/environment and
      # /etc/security/pam_env.conf.
      session    required     pam_env.so # [1]
      # In Debian 4.0 (etch), locale-related environment variables were moved to
      # /etc/default/locale, so read that as well.
      session    required     pam_env.so user_readenv=1 envfile=/etc/default/locale

      session [success=ok ignore=ignore module_unknown=ignore default=bad]        pam_selinux.so open

      # Standard Un*x password updating.
      @include common-password
      """;

  private static final String ROOT_PROFILE =
      """
      # ~/.profile: executed by Bourne-compatible login shells.

      if [ "$BASH" ]; then
        if [ -f ~/.bashrc ]; then
          . ~/.bashrc
        fi
      fi

      mesg n 2> /dev/null || true
      """;

  private static final String ROOT_BASHRC =
      """
      # ~/.bashrc: executed by bash(1) for non-login shells.

      # If not running interactively, don't do anything
      [ -z "$PS1" ] && return

      HISTCONTROL=ignoredups:ignorespace
      shopt -s histappend
      [ -x /usr/bin/lesspipe ] && eval "$(SHELL=/bin/sh lesspipe)"
      """;
}
