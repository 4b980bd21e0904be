package dev.hermesharden.checks.sshd;

import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.StepContext;
import java.util.Locale;

/**
 * Kind {@code sshd-setting}: one keyword of the admin's effective configuration (param {@code
 * keyword}, lowercase as {@code sshd -T} prints it) must have the value {@code expect}. Serves
 * {@code sshd.pubkey-authentication}; the detail "source" names the file:line that decided the
 * value, or "default". A PASS counts only when the running sshd loaded the files ({@link
 * SshdCheck#inEffect}).
 */
public final class SshdSettingCheck extends SshdCheck {
  private static final ParamSchema SCHEMA =
      ParamSchema.of(Param.text("keyword"), Param.text("expect"));

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Verdict evaluate(SshdFacts f, Params params, StepContext ctx) {
    return inEffect(judge(f, params.string("keyword"), params.string("expect")), f);
  }

  static Verdict judge(SshdFacts f, String keyword, String expect) {
    if (f.effective().isEmpty()) {
      return unavailable(f);
    }
    if (f.effective().get().first(keyword).isEmpty()) {
      // sshd -T prints every keyword: one missing means the output was not sshd -T's
      return Verdict.error("reason.sshd.keyword-missing", keyword).with("keyword", keyword);
    }
    String value = f.effective().get().first(keyword).orElse("").toLowerCase(Locale.ROOT);
    Verdict v =
        value.equals(expect.toLowerCase(Locale.ROOT))
            ? Verdict.pass("reason.sshd.setting-ok", keyword, value)
            : Verdict.fail("reason.sshd.setting-bad", keyword, value, expect);
    return v.with("keyword", keyword).with("value", value).with("source", f.source(keyword));
  }
}
