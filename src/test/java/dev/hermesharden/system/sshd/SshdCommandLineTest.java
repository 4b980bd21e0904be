package dev.hermesharden.system.sshd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The setting options of a running sshd's command line, as {@code /proc/PID/cmdline} has it. */
class SshdCommandLineTest {
  @Test
  void theListenerTitleOfOpenSsh9() {
    // the sandbox VPS's second sshd, read from /proc (OpenSSH 9.2)
    String title =
        "sshd: /usr/sbin/sshd -p 2200 -o PasswordAuthentication=yes -o PidFile=/run/sshd2.pid"
            + " [listener] 0 of 10-100 startups\0";
    assertEquals(
        List.of("-p 2200", "-o PasswordAuthentication=yes", "-o PidFile=/run/sshd2.pid"),
        SshdCommandLine.settingOptions(title));
  }

  @Test
  void debiansOwnStartHasNone() {
    assertEquals(
        List.of(),
        SshdCommandLine.settingOptions(
            "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups\0"));
    assertEquals(
        List.of(),
        SshdCommandLine.settingOptions(
            "sshd: /usr/sbin/sshd -D -e [listener] 0 of 10-100 startups"));
    assertEquals(List.of(), SshdCommandLine.settingOptions("/usr/sbin/sshd\0-D\0-4\0"));
  }

  @Test
  void oldArgvFormAndJoinedLettersAndValues() {
    assertEquals(
        List.of("-o PermitRootLogin=yes", "-f /etc/ssh/other_config"),
        SshdCommandLine.settingOptions(
            "/usr/sbin/sshd\0-DoPermitRootLogin=yes\0-f\0/etc/ssh/other_config\0"));
    // an argument that is a value of another option is no option of its own
    assertEquals(List.of(), SshdCommandLine.settingOptions("/usr/sbin/sshd\0-E\0-o-looking.log\0"));
  }
}
