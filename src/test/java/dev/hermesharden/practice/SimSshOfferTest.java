package dev.hermesharden.practice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hermesharden.host.HostException;
import dev.hermesharden.host.SshAuthOffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The practice sshd answers "none" authentication from its files, like the real one. */
class SimSshOfferTest {
  @Test
  void freshVpsOffersPasswordsUntilTheDropInTurnsThemOff() throws Exception {
    SimulatedHost vps = SimulatedHost.fresh();
    SshAuthOffer fresh = vps.sshAuthOffer("127.0.0.1", 22, "admin");
    assertEquals(List.of("publickey", "password"), fresh.methods());
    vps.writeFile(
        "/etc/ssh/sshd_config.d/00-hermes-harden.conf",
        "PasswordAuthentication no\n",
        dev.hermesharden.host.FileAttrs.of("root", "root", 0644));
    assertEquals(List.of("publickey"), vps.sshAuthOffer("127.0.0.1", 22, "admin").methods());
    assertEquals(
        HostException.Kind.UNREACHABLE,
        assertThrows(HostException.class, () -> vps.sshAuthOffer("127.0.0.1", 2222, "admin"))
            .kind());
  }
}
