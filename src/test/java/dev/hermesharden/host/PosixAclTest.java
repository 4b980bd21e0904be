package dev.hermesharden.host;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.practice.SimulatedHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PosixAcl} reads {@code ls}'s {@code +}, and what it cannot read counts as an ACL. */
class PosixAclTest {
  @TempDir Path tmp;

  @Test
  void aRealAclShowsAndAPlainDirectoryHasNone() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/setfacl")), "needs setfacl (package acl)");
    Host host = new LocalHost();
    Path dir = Files.createDirectory(tmp.resolve("d"));
    assertFalse(PosixAcl.present(host, dir.toString()));
    ExecResult r = host.exec("setfacl", "-m", "u:65534:rx", dir.toString());
    assertTrue(r.ok(), r.stderr());
    assertTrue(PosixAcl.present(host, dir.toString()));
  }

  @Test
  void anUnanswerableQuestionCountsAsAnAcl() throws Exception {
    Host failing =
        new ForwardingHost(new LocalHost()) {
          @Override
          public ExecResult exec(List<String> argv, Duration timeout) {
            return new ExecResult(argv, 127, "", "ls: command not found\n");
          }
        };
    assertTrue(PosixAcl.present(failing, "/"));
    assertTrue(PosixAcl.present(new LocalHost(), tmp.resolve("missing").toString()));
  }

  @Test
  void thePracticeVpsAnswersWithoutAnAcl() throws Exception {
    Host vps = SimulatedHost.fresh();
    assertFalse(PosixAcl.present(vps, "/etc"));
    assertTrue(PosixAcl.present(vps, "/no/such/dir"));
  }
}
