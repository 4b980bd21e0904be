package dev.hermesharden.system.apt;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The distribution's own release data, {@code /usr/share/distro-info/debian.csv} or {@code
 * ubuntu.csv} from the {@code distro-info-data} package: one row per release with its series
 * (codename), release date and the dates its support ends. The columns are named by the header
 * line, so columns added later (Ubuntu's {@code eol-legacy}) change nothing.
 */
public final class DistroInfo {
  /** Where the data for {@code distro} ({@code debian}, {@code ubuntu}) lives. */
  public static String path(String distro) {
    return "/usr/share/distro-info/" + distro + ".csv";
  }

  /**
   * One release.
   *
   * @param supportEnd the last day security updates are published for everyone through the
   *     distribution's regular archive: Debian's {@code eol-lts} (else {@code eol}), Ubuntu's
   *     {@code eol-server} (else {@code eol}); paid extensions (ELTS, ESM) do not count. Empty when
   *     the data has no date yet.
   */
  public record Release(
      String version,
      String series,
      Optional<LocalDate> released,
      Optional<LocalDate> supportEnd) {}

  private final List<Release> releases;

  private DistroInfo(List<Release> releases) {
    this.releases = List.copyOf(releases);
  }

  public static DistroInfo parse(String text) {
    List<Release> out = new ArrayList<>();
    String[] lines = text.split("\n");
    if (lines.length == 0) {
      return new DistroInfo(out);
    }
    List<String> header = List.of(lines[0].strip().toLowerCase(Locale.ROOT).split(",", -1));
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].strip().split(",", -1);
      if (f.length < 3) {
        continue;
      }
      out.add(
          new Release(
              column(header, f, "version"),
              column(header, f, "series"),
              date(column(header, f, "release")),
              date(column(header, f, "eol-lts"))
                  .or(() -> date(column(header, f, "eol-server")))
                  .or(() -> date(column(header, f, "eol")))));
    }
    return new DistroInfo(out);
  }

  private static String column(List<String> header, String[] fields, String name) {
    int i = header.indexOf(name);
    return i >= 0 && i < fields.length ? fields[i].strip() : "";
  }

  private static Optional<LocalDate> date(String s) {
    try {
      return s.isEmpty() ? Optional.empty() : Optional.of(LocalDate.parse(s));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The release whose series is {@code codename} (case-insensitive). */
  public Optional<Release> series(String codename) {
    return releases.stream().filter(r -> r.series().equalsIgnoreCase(codename)).findFirst();
  }
}
