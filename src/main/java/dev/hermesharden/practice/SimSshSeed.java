package dev.hermesharden.practice;

/** Ubuntu 24.04's shipped {@code /etc/ssh/sshd_config}, with a VPS provider's root login. */
final class SimSshSeed {
  /**
   * As shipped by openssh-server 1:9.6p1-3ubuntu13, except the line many VPS providers change:
   * {@code #PermitRootLogin prohibit-password} became {@code PermitRootLogin yes}.
   */
  static final String SSHD_CONFIG =
      """

      # This is the sshd server system-wide configuration file.  See
      # sshd_config(5) for more information.

      # This sshd was compiled with PATH=/usr/local/bin:/usr/bin:/bin:/usr/games

      # The strategy used for options in the default sshd_config shipped with
      # OpenSSH is to specify options with their default value where
      # possible, but leave them commented.  Uncommented options override the
      # default value.

      Include /etc/ssh/sshd_config.d/*.conf

      # When systemd socket activation is used (the default), the socket
      # configuration must be re-generated after changing Port, AddressFamily, or
      # ListenAddress.
      #
      # For changes to take effect, run:
      #
      #   systemctl daemon-reload
      #   systemctl restart ssh.socket
      #
      #Port 22
      #AddressFamily any
      #ListenAddress 0.0.0.0
      #ListenAddress ::

      #HostKey /etc/ssh/ssh_host_rsa_key
      #HostKey /etc/ssh/ssh_host_ecdsa_key
      #HostKey /etc/ssh/ssh_host_ed25519_key

      # Ciphers and keying
      #RekeyLimit default none

      # Logging
      #SyslogFacility AUTH
      #LogLevel INFO

      # Authentication:

      #LoginGraceTime 2m
      PermitRootLogin yes
      #StrictModes yes
      #MaxAuthTries 6
      #MaxSessions 10

      #PubkeyAuthentication yes

      # Expect .ssh/authorized_keys2 to be disregarded by default in future.
      #AuthorizedKeysFile\t.ssh/authorized_keys .ssh/authorized_keys2

      #AuthorizedPrincipalsFile none

      #AuthorizedKeysCommand none
      #AuthorizedKeysCommandUser nobody

      # For this to work you will also need host keys in /etc/ssh/ssh_known_hosts
      #HostbasedAuthentication no
      # Change to yes if you don't trust ~/.ssh/known_hosts for
      # HostbasedAuthentication
      #IgnoreUserKnownHosts no
      # Don't read the user's ~/.rhosts and ~/.shosts files
      #IgnoreRhosts yes

      # To disable tunneled clear text passwords, change to no here!
      #PasswordAuthentication yes
      #PermitEmptyPasswords no

      # Change to yes to enable challenge-response passwords (beware issues with
      # some PAM modules and threads)
      KbdInteractiveAuthentication no

      # Kerberos options
      #KerberosAuthentication no
      #KerberosOrLocalPasswd yes
      #KerberosTicketCleanup yes
      #KerberosGetAFSToken no

      # GSSAPI options
      #GSSAPIAuthentication no
      #GSSAPICleanupCredentials yes
      #GSSAPIStrictAcceptorCheck yes
      #GSSAPIKeyExchange no

      # Set this to 'yes' to enable PAM authentication, account processing,
      # and session processing. If this is enabled, PAM authentication will
      # be allowed through the KbdInteractiveAuthentication and
      # PasswordAuthentication.  Depending on your PAM configuration,
      # PAM authentication via KbdInteractiveAuthentication may bypass
      # the setting of "PermitRootLogin prohibit-password".
      # If you just want the PAM account and session checks to run without
      # PAM authentication, then enable this but set PasswordAuthentication
      # and KbdInteractiveAuthentication to 'no'.
      UsePAM yes

      #AllowAgentForwarding yes
      #AllowTcpForwarding yes
      #GatewayPorts no
      X11Forwarding yes
      #X11DisplayOffset 10
      #X11UseLocalhost yes
      #PermitTTY yes
      PrintMotd no
      #PrintLastLog yes
      #TCPKeepAlive yes
      #PermitUserEnvironment no
      #Compression delayed
      #ClientAliveInterval 0
      #ClientAliveCountMax 3
      #UseDNS no
      #PidFile /run/sshd.pid
      #MaxStartups 10:30:100
      #PermitTunnel no
      #ChrootDirectory none
      #VersionAddendum none

      # no default banner path
      #Banner none

      # Allow client to pass locale and color environment variables
      AcceptEnv LANG LC_* COLORTERM NO_COLOR

      # override default of no subsystems
      Subsystem\tsftp\t/usr/lib/openssh/sftp-server

      # Example of overriding settings on a per-user basis
      #Match User anoncvs
      #\tX11Forwarding no
      #\tAllowTcpForwarding no
      #\tPermitTTY no
      #\tForceCommand cvs server
      """;

  private SimSshSeed() {}
}
