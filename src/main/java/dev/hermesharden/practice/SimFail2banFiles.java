package dev.hermesharden.practice;

/** The configuration the fail2ban 1.0.2 package installs on Ubuntu 24.04, shortened. */
final class SimFail2banFiles {
  static final String VERSION = "1.0.2-3ubuntu0.1";

  static final String JAIL_CONF =
      """
      #
      # WARNING: heavily refactored in 0.9.0 release.  Please review and
      #          customize settings for your setup.
      #
      # Changes:  in most of the cases you should not modify this
      #           file, but provide customizations in jail.local file,
      #           or separate .conf files under jail.d/ directory, e.g.:
      #

      [INCLUDES]

      #before = paths-distro.conf
      before = paths-debian.conf

      [DEFAULT]

      # "ignoreip" can be a list of IP addresses, CIDR masks or DNS hosts. Fail2ban
      # will not ban a host which matches an address in this list.
      #ignoreip = 127.0.0.1/8 ::1

      # "bantime" is the number of seconds that a host is banned.
      bantime  = 10m

      # A host is banned if it has generated "maxretry" during the last "findtime"
      # seconds.
      findtime  = 10m

      # "maxretry" is the number of failures before a host get banned.
      maxretry = 5

      # "backend" specifies the backend used to get files modification.
      # Available options are "pyinotify", "gamin", "polling", "systemd" and "auto".
      backend = auto

      enabled = false

      [sshd]

      # To use more aggressive sshd modes set filter parameter "mode" in jail.local:
      # normal (default), ddos, extra or aggressive (combines all).
      #mode   = normal
      port    = ssh
      logpath = %(sshd_log)s
      backend = %(sshd_backend)s
      """;

  static final String PATHS_DEBIAN =
      """
      # Debian

      [INCLUDES]

      before = paths-common.conf

      after  = paths-overrides.local


      [DEFAULT]

      syslog_authpriv = /var/log/auth.log

      sshd_log = %(syslog_authpriv)s
      """;

  static final String PATHS_COMMON =
      """
      [INCLUDES]

      after  = paths-overrides.local

      [DEFAULT]

      default_backend = auto

      sshd_backend = %(default_backend)s
      """;

  static final String DEFAULTS_DEBIAN =
      """
      [sshd]
      enabled = true
      """;

  private SimFail2banFiles() {}
}
