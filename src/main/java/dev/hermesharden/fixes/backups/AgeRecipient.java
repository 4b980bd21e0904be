package dev.hermesharden.fixes.backups;

import java.util.regex.Pattern;

/**
 * An age X25519 public key as {@code age-keygen -y} prints it: {@code age1} and 58 bech32
 * characters (52 carry the 32-byte key, 6 are the checksum). {@link #valid} also verifies the
 * bech32 checksum (BIP-173) and the zero padding, as age's own decoder does, so a mistyped key is
 * refused before anything is written instead of failing the first backup.
 */
public final class AgeRecipient {
  /** The form alone (answers files check it first; {@link #valid} adds the checksum). */
  public static final Pattern FORM = Pattern.compile("age1[02-9ac-hj-np-z]{58}");

  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int[] GENERATOR = {
    0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3
  };

  private AgeRecipient() {}

  public static boolean valid(String s) {
    if (!FORM.matcher(s).matches()) {
      return false;
    }
    String hrp = "age";
    int[] values = new int[hrp.length() * 2 + 1 + 58];
    int n = 0;
    for (char c : hrp.toCharArray()) {
      values[n++] = c >> 5;
    }
    values[n++] = 0;
    for (char c : hrp.toCharArray()) {
      values[n++] = c & 31;
    }
    for (char c : s.substring(4).toCharArray()) {
      values[n++] = CHARSET.indexOf(c);
    }
    // 52 groups of 5 bits hold 256 bits and 4 of padding, which must be zero
    int lastData = values[n - 7];
    return polymod(values) == 1 && (lastData & 0xf) == 0;
  }

  private static int polymod(int[] values) {
    int chk = 1;
    for (int v : values) {
      int top = chk >>> 25;
      chk = ((chk & 0x1ffffff) << 5) ^ v;
      for (int i = 0; i < 5; i++) {
        if (((top >>> i) & 1) == 1) {
          chk ^= GENERATOR[i];
        }
      }
    }
    return chk;
  }
}
