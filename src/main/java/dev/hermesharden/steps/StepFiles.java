package dev.hermesharden.steps;

import dev.hermesharden.checks.Reason;
import dev.hermesharden.i18n.Messages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads and validates the wizard's step files. A file is named {@code NN-id.yaml}; the steps must
 * run 1, 2, 3… without gaps, ids must be unique, every check kind, condition and fix must be
 * registered in the {@link Catalog} (parameters valid for their kind), and every i18n key must
 * exist. Any problem names file, line and field, in words of the admin's language ({@link
 * StepFileException#describe}).
 */
public final class StepFiles {
  public static final String RESOURCE_DIR = "wizard-steps";
  private static final Pattern NAME = Pattern.compile("(\\d\\d)-([a-z0-9-]+)\\.yaml");

  /** A step file's name and text. */
  public record Source(String name, String text) {}

  private StepFiles() {}

  /** The packaged step files, validated. */
  public static List<StepDefinition> loadPackaged(Catalog catalog, Messages messages)
      throws StepFileException {
    return load(packagedSources(), catalog, messages);
  }

  public static List<StepDefinition> load(List<Source> sources, Catalog catalog, Messages messages)
      throws StepFileException {
    List<Source> sorted = new ArrayList<>(sources);
    sorted.sort((a, b) -> a.name().compareTo(b.name()));
    List<StepDefinition> steps = new ArrayList<>();
    Set<String> stepIds = new HashSet<>();
    Map<String, String> checkIds = new HashMap<>();
    Map<String, String> fixIds = new HashMap<>();
    for (Source src : sorted) {
      StepDefinition step = new StepFileParser(src.name(), catalog).parse(src.text());
      Matcher m = NAME.matcher(src.name());
      LineFinder lines = new LineFinder(src.name(), src.text());
      if (!m.matches()) {
        throw new StepFileException(src.name(), 1, "(file name)", Reason.of("stepfile.file-name"));
      }
      if (!m.group(2).equals(step.id())) {
        throw lines.error("id", Reason.of("stepfile.id-not-file-name", step.id()));
      }
      if (Integer.parseInt(m.group(1)) != step.order()) {
        throw lines.error("order", Reason.of("stepfile.order-not-file-name", step.order()));
      }
      if (step.order() != steps.size() + 1) {
        throw lines.error(
            "order", Reason.of("stepfile.order-expected", steps.size() + 1, step.order()));
      }
      if (!stepIds.add(step.id())) {
        throw lines.error("id", Reason.of("stepfile.duplicate-step", step.id()));
      }
      requireKey(messages, lines, "title", step.titleKey());
      requireKey(messages, lines, "teach.why", step.teaching().whyKey());
      requireKey(messages, lines, "teach.breaks", step.teaching().breaksKey());
      requireKey(messages, lines, "teach.undo", step.teaching().undoKey());
      for (CheckRef c : step.checks()) {
        String prior = checkIds.putIfAbsent(c.id(), src.name());
        if (prior != null) {
          throw lines.error(
              "checks[].id", Reason.of("stepfile.duplicate-check", c.id(), prior), c.id());
        }
        requireKey(messages, lines, "checks[].title", c.titleKey());
        if (c.appliesWhen().isPresent()) {
          requireKey(
              messages, lines, "checks[].applies_when.reason", c.appliesWhen().get().reasonKey());
        }
      }
      for (FixRef f : step.fixes()) {
        String prior = fixIds.putIfAbsent(f.id(), src.name());
        if (prior != null) {
          throw lines.error(
              "fixes[].id", Reason.of("stepfile.duplicate-fix", f.id(), prior), f.id());
        }
        if (!catalog.hasFix(f.id())) {
          throw lines.error("fixes[].id", Reason.of("stepfile.unknown-fix", f.id()), f.id());
        }
        requireKey(messages, lines, "fixes[].title", f.titleKey());
      }
      steps.add(step);
    }
    return List.copyOf(steps);
  }

  private static void requireKey(Messages messages, LineFinder lines, String field, String key)
      throws StepFileException {
    if (!messages.has(key)) {
      throw lines.error(field, Reason.of("stepfile.missing-key", key), key);
    }
  }

  /**
   * The files under {@code wizard-steps/} on the class path, in a jar or a directory, as named by
   * its {@link #INDEX} (a jar cannot be listed without opening it a second time as a file system,
   * which costs the start of the wizard several MiB; StepFilesTest keeps the index complete).
   */
  public static List<Source> packagedSources() {
    ClassLoader loader = StepFiles.class.getClassLoader();
    try {
      List<Source> out = new ArrayList<>();
      for (String name : lines(loader, RESOURCE_DIR + "/" + INDEX)) {
        if (!name.isBlank()) {
          out.add(new Source(name.strip(), text(loader, name.strip())));
        }
      }
      out.sort((a, b) -> a.name().compareTo(b.name()));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The list of the step files beside them, one name a line. */
  public static final String INDEX = "index.txt";

  private static List<String> lines(ClassLoader loader, String resource) throws IOException {
    try (var in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no " + resource + " on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  private static String text(ClassLoader loader, String name) throws IOException {
    try (var in = loader.getResourceAsStream(RESOURCE_DIR + "/" + name)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE_DIR + "/" + INDEX + " names a missing " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Step files of a directory on disk. */
  public static List<Source> read(Path dir) throws IOException {
    List<Source> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).toList()) {
        out.add(
            new Source(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8)));
      }
    }
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }

  /** Finds the line a field (or a value within it) stands on, for errors found after parsing. */
  private record LineFinder(String file, String text) {
    StepFileException error(String field, Reason problem) {
      String leaf = field.replaceAll(".*[.\\]]", "");
      return new StepFileException(file, lineOf(leaf + ":", null), field, problem);
    }

    StepFileException error(String field, Reason problem, String value) {
      String leaf = field.replaceAll(".*[.\\]]", "");
      return new StepFileException(file, lineOf(leaf + ":", value), field, problem);
    }

    private int lineOf(String key, String value) {
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String l = lines[i].strip();
        if (l.startsWith("- ")) {
          l = l.substring(2).strip();
        }
        if (l.startsWith(key) && (value == null || l.contains(value))) {
          return i + 1;
        }
      }
      return 1;
    }
  }
}
