package dev.hermesharden.system.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** {@link YamlPlain} makes what SnakeYAML's safe {@code load} makes, value for value. */
class YamlPlainTest {
  private static Object snake(String text) {
    return new Yaml(new SafeConstructor(YamlNodes.options())).load(text);
  }

  private static void same(String text) {
    assertEquals(snake(text), YamlPlain.load(text), text);
  }

  @Test
  void scalarsAsYaml11ReadsThem() {
    same("a: off\nb: yes\nc: 'off'\nd: 8\ne: 0x1F\nf: 1.5\ng: ~\nh:\ni: 2001-12-14\nj: 1_000\n");
    same("mode: \"manual\"\nk: |\n  two\n  lines\nl: >\n  folded\n  text\n");
    same("- 1\n- [a, b, {c: d}]\n- {x: [1, 2], y: null}\n");
    same("8642:8642\n");
    same("");
    same("# only a comment\n");
  }

  @Test
  void anchorsAliasesAndMerges() {
    same("base: &b {x: 1, y: 2}\nuse: *b\nmerged:\n  <<: *b\n  y: 3\n");
    same("a: &a {p: 1}\nb: &b {q: 2, p: 9}\nc:\n  <<: [*a, *b]\n  r: 3\n");
    same("s: &s hello\nt: *s\nlist: &l [1, 2]\nagain: *l\n");
    same("dup: 1\ndup: 2\n");
  }

  @Test
  void taggedValuesAndCollections() {
    same("a: !!str 123\nb: !!int '7'\nc: !!float '1'\n");
    same("set: !!set {a, b}\n");
  }

  @Test
  void theHermesConfigFixtures() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/fixtures/hermes"))) {
      List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).toList();
      assertEquals(true, yaml.size() >= 3, yaml.toString());
      for (Path p : yaml) {
        same(Files.readString(p));
      }
    }
  }

  @Test
  void errorsAreSnakeYamlsErrors() {
    assertThrows(YAMLException.class, () -> YamlPlain.load("a: [1, 2\n"));
    assertThrows(YAMLException.class, () -> YamlPlain.load("a: *nowhere\n"));
    assertThrows(YAMLException.class, () -> YamlPlain.load("a: 1\n---\nb: 2\n"));
    assertThrows(YAMLException.class, () -> YamlPlain.load("a: !!python/object x\n"));
  }

  @Test
  void aHostileDocumentIsRefusedBeforeAnyWalkOverItCanHangOrOverflow() {
    assertThrows(YAMLException.class, () -> YamlPlain.load(AliasBomb.YAML), "an alias bomb");
    assertThrows(YAMLException.class, () -> YamlPlain.load("a: &c\n  b: [*c]\n"), "itself");
    assertThrows(
        YAMLException.class,
        () -> YamlPlain.load("a: " + "[".repeat(60) + "]".repeat(60) + "\n"),
        "deeper than SnakeYAML's own limit: a recursive walk would overflow");
    // 25 levels of two aliases stay under SnakeYAML's 50 aliases and mean 2^25 values: the
    // tagged path (SnakeYAML's own load) is bounded too
    StringBuilder set = new StringBuilder("b0: &b0 [x, y]\n");
    for (int i = 1; i < 25; i++) {
      set.append("b").append(i).append(": &b").append(i);
      set.append(" [*b").append(i - 1).append(", *b").append(i - 1).append("]\n");
    }
    set.append("s: !!set {? z}\n");
    assertThrows(YAMLException.class, () -> YamlPlain.load(set.toString()), "tagged");
    // anchors and merges as configs use them still load
    Object ok =
        YamlPlain.load(
            "base: &b {cmd: npx, args: [a, b]}\nmcp_servers:\n  one: {<<: *b, env: x}\n"
                + "  two: *b\n");
    assertEquals(
        "{base={cmd=npx, args=[a, b]}, mcp_servers={one={env=x, cmd=npx, args=[a, b]},"
            + " two={cmd=npx, args=[a, b]}}}",
        String.valueOf(ok));
  }
}
