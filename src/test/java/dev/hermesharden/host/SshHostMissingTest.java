package dev.hermesharden.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Over SSH, {@link SshHost#lstatAll} asks every path in one {@code stat}; a path its errors say is
 * missing is answered empty from those errors (the watch step asks ~50 keys files of system
 * accounts, most missing, and each was asked again alone: one command per file). Any other error,
 * or a name {@code stat} quotes otherwise, is still asked alone.
 */
class SshHostMissingTest {
  @Test
  void onlyPlainNamesStatSaysDoNotExistAreMissing() {
    List<String> asked =
        List.of(
            "/nonexistent/.ssh/authorized_keys",
            "/etc/passwd/x",
            "/root/secret",
            "/tmp/it's",
            "/tmp/a b",
            "/etc/passwd");
    String stderr =
        "stat: cannot statx '/nonexistent/.ssh/authorized_keys': No such file or directory\n"
            + "stat: cannot statx '/etc/passwd/x': Not a directory\n"
            + "stat: cannot statx '/root/secret': Permission denied\n"
            + "stat: cannot statx '/tmp/it'\\''s': No such file or directory\n"
            + "stat: cannot statx '/tmp/a b': No such file or directory\n";
    assertEquals(
        Set.of("/nonexistent/.ssh/authorized_keys", "/etc/passwd/x"),
        SshHost.missingIn(asked, stderr));
  }
}
