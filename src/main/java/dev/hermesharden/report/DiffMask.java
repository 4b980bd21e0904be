package dev.hermesharden.report;

import dev.hermesharden.fixes.UnifiedDiff;
import java.util.ArrayList;
import java.util.List;

/**
 * How a diff's body lines are shown in plans and reports, line by line and from the plan alone: the
 * {@code .env} file gets every non-plain value masked ({@link EnvSecrets#maskValue}), every file
 * gets the values of secret-named settings and token shapes masked ({@link SecretPatterns#values}),
 * and base64 lines inside a private key block (or as wide as one) are masked whole.
 *
 * <p>Nothing read from the host takes part: no value of {@code .env} can decide what is hidden, so
 * the hostile service account cannot hide a line the plan writes by planting it as a "secret".
 */
final class DiffMask implements UnifiedDiff.BodyMask {
  static final DiffMask INSTANCE = new DiffMask();

  private DiffMask() {}

  @Override
  public List<String> show(String path, List<UnifiedDiff.Line> hunk) {
    boolean env = path.equals(".env") || path.endsWith("/.env");
    boolean inKey = false;
    List<String> out = new ArrayList<>(hunk.size());
    for (UnifiedDiff.Line l : hunk) {
      String text = l.text();
      if (SecretPatterns.keyBegins(text)) {
        inKey = true;
      } else if (SecretPatterns.keyEnds(text)) {
        inKey = false;
      } else if ((inKey && SecretPatterns.base64(text)) || SecretPatterns.keyLine(text)) {
        out.add(Redactor.MASK);
        continue;
      }
      out.add(SecretPatterns.values(env ? EnvSecrets.maskValue(text) : text));
    }
    return out;
  }
}
