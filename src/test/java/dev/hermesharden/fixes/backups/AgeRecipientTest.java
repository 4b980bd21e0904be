package dev.hermesharden.fixes.backups;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link AgeRecipient}: keys age-keygen printed pass; one changed character fails. */
class AgeRecipientTest {
  /** Printed by age-keygen 1.1.1 (public halves only; the secret keys were not kept). */
  private static final String[] REAL = {
    "age1yw7whpsqp8j9mfluq04dd820ck53j3mljhk7wvyg7f4supprz3ps3nc8rm",
    "age1djpnzzymygud5e8hugsznzls476p446v8zpqweru68n58l8vqupqdktf6a",
    "age18vp9vee476y32nngrsfxhwa42xfchlydjuhkpn80hq6huclgl4gqn4mhtt"
  };

  @Test
  void keysAgeKeygenPrintedAreValid() {
    for (String k : REAL) {
      assertTrue(AgeRecipient.valid(k), k);
    }
  }

  @Test
  void aMistypedKeyKeepsTheFormButFailsTheChecksum() {
    for (String k : REAL) {
      for (int i = 4; i < k.length(); i++) {
        char other = k.charAt(i) == 'q' ? 'p' : 'q';
        String typo = k.substring(0, i) + other + k.substring(i + 1);
        assertTrue(AgeRecipient.FORM.matcher(typo).matches(), typo);
        assertFalse(AgeRecipient.valid(typo), "one character changed at " + i + ": " + typo);
      }
      String swapped = k.substring(0, 10) + k.charAt(11) + k.charAt(10) + k.substring(12);
      assertFalse(AgeRecipient.valid(swapped) && !swapped.equals(k), swapped);
    }
  }

  @Test
  void theFormAloneIsNotEnough() {
    assertFalse(AgeRecipient.valid("age1" + "q".repeat(58)));
    assertFalse(AgeRecipient.valid("age1notakey"));
    assertFalse(AgeRecipient.valid(REAL[0] + " "));
    assertFalse(AgeRecipient.valid(REAL[0].toUpperCase(java.util.Locale.ROOT)));
  }
}
