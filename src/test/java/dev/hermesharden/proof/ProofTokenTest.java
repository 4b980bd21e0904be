package dev.hermesharden.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.model.EvidenceKind;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProofTokenTest {
  private static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");

  private static ProofToken token() {
    return ProofToken.generate(
        new SecureRandom(), EvidenceKind.KEY_LOGIN, "admin", T0, ProofToken.DEFAULT_LIFETIME);
  }

  @Test
  void tokensAre26Base32CharactersAndDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String v = token().value();
      assertTrue(v.matches("[A-Z2-7]{26}"), v);
      assertTrue(seen.add(v), "a token repeated: " + v);
    }
  }

  @Test
  void comparisonRejectsOneCharacterDifferenceAndOtherLengths() {
    String v = token().value();
    char last = v.charAt(25);
    String oneOff = v.substring(0, 25) + (last == 'A' ? 'B' : 'A');
    assertTrue(ProofToken.sameToken(v, v));
    assertFalse(ProofToken.sameToken(v, oneOff), "one changed character must not match");
    assertFalse(ProofToken.sameToken(v, v.substring(0, 25)), "a shorter text must not match");
    assertFalse(ProofToken.sameToken(v, v + "A"), "a longer text must not match");
    assertFalse(ProofToken.sameToken(v, ""), "an empty text must not match");
  }

  @Test
  void comparisonForgivesCaseSpacesAndDashesOfACopy() {
    String v = token().value();
    String typed = " " + v.substring(0, 13).toLowerCase() + "-" + v.substring(13) + " ";
    assertTrue(ProofToken.sameToken(v, typed));
    assertEquals(ProofToken.fileName(v), ProofToken.fileName(typed));
  }

  @Test
  void expiresAfterItsLifetimeExactly() {
    ProofToken t = token();
    assertEquals(T0.plus(Duration.ofMinutes(10)), t.expires());
    assertFalse(t.expiredAt(T0.plus(Duration.ofMinutes(10)).minusMillis(1)));
    assertTrue(t.expiredAt(T0.plus(Duration.ofMinutes(10))));
  }

  @Test
  void fileNameHidesTheTokenAndToStringNeverShowsIt() {
    ProofToken t = token();
    assertTrue(t.fileName().matches("[0-9a-f]{64}\\.confirm"), t.fileName());
    assertFalse(t.fileName().contains(t.value()));
    assertFalse(t.toString().contains(t.value()), t.toString());
    assertNotEquals(t.fileName(), token().fileName());
  }
}
