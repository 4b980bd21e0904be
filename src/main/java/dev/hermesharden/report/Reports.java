package dev.hermesharden.report;

import dev.hermesharden.i18n.Messages;
import java.util.Locale;

/**
 * The three formats. They only lay out a {@link ReportModel}, which {@link ReportBuilder} redacted
 * field by field: a last pass over the whole text would mask command lines and paths too.
 */
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

  public String render(ReportModel model, Messages m) {
    return switch (this) {
      case MD -> MarkdownReport.render(model, m);
      case JSON -> JsonReport.render(model);
      case HTML -> HtmlReport.render(model, m);
    };
  }
}
