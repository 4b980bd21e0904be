package dev.hermesharden.report;

import dev.hermesharden.i18n.Messages;
import java.util.Locale;

/** The three formats; every rendering goes through the {@link Redactor} last. */
public enum Reports {
  MD("md"),
  JSON("json"),
  HTML("html");

  private final String ext;

  Reports(String ext) {
    this.ext = ext;
  }

  public String extension() {
    return ext;
  }

  public static Reports of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  public String render(ReportModel model, Messages m, Redactor redactor) {
    String text =
        switch (this) {
          case MD -> MarkdownReport.render(model, m);
          case JSON -> JsonReport.render(model);
          case HTML -> HtmlReport.render(model, m);
        };
    return redactor.redact(text);
  }
}
