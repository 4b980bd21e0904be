package dev.hermesharden.host.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.sshj.signature.SignatureEdDSA;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.signature.Signature;
import net.schmizz.sshj.signature.SignatureRSA;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AgentClient} against a real {@code ssh-agent} (started here on a socket of its own in the
 * foreground, stopped by its pid): it lists what {@code ssh-add -L} lists, and its signatures
 * verify with the keys' public halves.
 */
@Timeout(60)
class AgentClientTest {
  @TempDir Path dir;
  private Process agent;
  private Path socket;

  @BeforeEach
  void startAgent() throws Exception {
    socket = dir.resolve("agent.sock");
    agent =
        new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("agent.out").toFile())
            .start();
    for (int i = 0; i < 100 && !Files.exists(socket); i++) {
      Thread.sleep(20);
    }
    assertTrue(Files.exists(socket), "ssh-agent made its socket");
  }

  @AfterEach
  void stopAgent() throws Exception {
    agent.destroy();
    agent.waitFor(5, TimeUnit.SECONDS);
  }

  @Test
  void listsTheAgentsKeysAndItsSignaturesVerify() throws Exception {
    key("ed", "ed25519");
    key("rsa", "rsa");
    AgentClient client = new AgentClient(socket);
    List<AgentClient.Identity> ids = client.identities();
    assertEquals(2, ids.size());
    String listed = sshAdd("-L");
    for (AgentClient.Identity id : ids) {
      assertTrue(
          listed.contains(
              id.type() + " " + java.util.Base64.getEncoder().encodeToString(id.blob())),
          listed);
    }
    byte[] data = "session id and request".getBytes(StandardCharsets.UTF_8);
    AgentClient.Identity ed =
        ids.stream().filter(i -> i.type().equals("ssh-ed25519")).findFirst().orElseThrow();
    assertTrue(
        verifies(new SignatureEdDSA.Factory().create(), ed, data, client.sign(ed.blob(), data, 0)));
    AgentClient.Identity rsa =
        ids.stream().filter(i -> i.type().equals("ssh-rsa")).findFirst().orElseThrow();
    byte[] sig = client.sign(rsa.blob(), data, AgentClient.RSA_SHA2_512);
    assertTrue(
        new String(sig, StandardCharsets.US_ASCII).contains("rsa-sha2-512"),
        "signed with SHA-512 as asked");
    assertTrue(verifies(new SignatureRSA.FactoryRSASHA512().create(), rsa, data, sig));
    assertFalse(
        verifies(
            new SignatureEdDSA.Factory().create(),
            ed,
            "other".getBytes(StandardCharsets.UTF_8),
            client.sign(ed.blob(), data, 0)),
        "a signature of other data does not verify: the check can fail");
  }

  @Test
  void anEmptyAgentHasNoKeysAndAKeyItDoesNotHoldIsRefused() throws Exception {
    AgentClient client = new AgentClient(socket);
    assertEquals(List.of(), client.identities());
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("loose").toString());
    byte[] blob = KeyFingerprint.blob(KeyFiles.publicHalf(dir.resolve("loose")).orElseThrow());
    IOException e = assertThrows(IOException.class, () -> client.sign(blob, new byte[] {1}, 0));
    assertTrue(e.getMessage().contains("refused"), e.getMessage());
  }

  @Test
  void anAgentThatIsGoneIsAnIoException() {
    AgentClient client = new AgentClient(dir.resolve("no-such.sock"));
    assertThrows(IOException.class, client::identities);
  }

  private static boolean verifies(
      Signature s, AgentClient.Identity id, byte[] data, byte[] signature) throws Exception {
    s.initVerify(new net.schmizz.sshj.common.Buffer.PlainBuffer(id.blob()).readPublicKey());
    s.update(data);
    return s.verify(signature);
  }

  private void key(String name, String type) throws Exception {
    Path f = dir.resolve(name);
    run("ssh-keygen", "-q", "-t", type, "-N", "", "-f", f.toString());
    String out = sshAdd(f.toString());
    assertTrue(out.contains("Identity added"), out);
  }

  private String sshAdd(String arg) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("ssh-add", arg).redirectErrorStream(true);
    pb.environment().put("SSH_AUTH_SOCK", socket.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(20, TimeUnit.SECONDS));
    return out;
  }

  private static void run(String... argv) throws Exception {
    KnownHostsTest.run(argv);
  }
}
