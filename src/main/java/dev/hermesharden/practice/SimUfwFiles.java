package dev.hermesharden.practice;

/** ufw's configuration files as Ubuntu 24.04 ships them (IPV6 set to no by the practice image). */
final class SimUfwFiles {
  static final String DEFAULT_UFW =
      """
      # /etc/default/ufw
      #

      # Set to yes to apply rules to support IPv6 (no means only IPv6 on loopback
      # accepted). You will need to 'disable' and then 'enable' the firewall for
      # the changes to take affect.
      IPV6=no

      # Set the default input policy to ACCEPT, DROP, or REJECT. Please note that if
      # you change this you will most likely want to adjust your rules.
      DEFAULT_INPUT_POLICY="DROP"

      # Set the default output policy to ACCEPT, DROP, or REJECT. Please note that if
      # you change this you will most likely want to adjust your rules.
      DEFAULT_OUTPUT_POLICY="ACCEPT"

      # Set the default forward policy to ACCEPT, DROP or REJECT.  Please note that
      # if you change this you will most likely want to adjust your rules
      DEFAULT_FORWARD_POLICY="DROP"

      # Set the default application policy to ACCEPT, DROP, REJECT or SKIP. Please
      # note that setting this to ACCEPT may be a security risk. See 'man ufw' for
      # details
      DEFAULT_APPLICATION_POLICY="SKIP"

      # By default, ufw only touches its own chains. Set this to 'yes' to have ufw
      # manage the built-in chains too. Warning: setting this to 'yes' will break
      # non-ufw managed firewall rules
      MANAGE_BUILTINS=no

      #
      # IPT_SYSCTL: file for reading in kernel parameters
      #
      IPT_SYSCTL=/etc/ufw/sysctl.conf

      #
      # IPT_MODULES: Extra connection tracking modules to load. IPT_MODULES should
      # typically be empty for new installations and modules added only as needed.
      # See 'CONNECTION HELPERS' from 'man ufw-framework' for details.
      IPT_MODULES=""
      """;

  static final String UFW_CONF =
      """
      # /etc/ufw/ufw.conf
      #

      # Set to yes to start on boot. If setting this remotely, be sure to add a rule
      # to allow your remote connection before starting ufw. Eg: 'ufw allow 22/tcp'
      ENABLED=no

      # Please use the 'ufw' command to set the loglevel. Eg: 'ufw logging medium'.
      # See 'man ufw' for details.
      LOGLEVEL=low
      """;

  private SimUfwFiles() {}
}
