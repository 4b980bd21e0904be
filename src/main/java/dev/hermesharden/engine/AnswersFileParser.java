package dev.hermesharden.engine;

import dev.hermesharden.model.BadInputException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads an answers file strictly, from SnakeYAML's node tree (safe: no tags, no objects, no
 * duplicate keys, no aliases), so every refusal names the file, the line and the field: unknown
 * keys, wrong types, bad values, unknown step ids, blank skip reasons ({@link BadInputException}).
 * Nothing is applied before the whole file is valid.
 */
public final class AnswersFileParser {
  private static final Set<String> TOP = Set.of("format", "version", "answers", "skip");
  private static final Set<String> SKIP = Set.of("step", "kind", "reason");

  private final String file;
  private final Set<String> stepIds;

  public AnswersFileParser(String file, Set<String> stepIds) {
    this.file = file;
    this.stepIds = Set.copyOf(stepIds);
  }

  public AnswersFile parse(String text) {
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      options.setMaxAliasesForCollections(0);
      root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
    } catch (YAMLException e) {
      throw BadInputException.yaml(file, e);
    }
    if (root == null) {
      throw fail(1, "(file)", "cli.answers.error.empty");
    }
    Map<String, NodeTuple> top = mapping(root, "(file)", TOP);
    String format = scalar(required(top, "format", root), "format");
    if (!format.equals(AnswersFile.FORMAT)) {
      throw fail(line(top.get("format")), "format", "cli.answers.error.format", format);
    }
    String version = scalar(required(top, "version", root), "version");
    if (!version.equals(String.valueOf(AnswersFile.VERSION))) {
      throw fail(line(top.get("version")), "version", "cli.answers.error.version", version);
    }
    Map<String, String> answers = new LinkedHashMap<>();
    if (top.containsKey("answers")) {
      Node a = top.get("answers").getValueNode();
      Map<String, NodeTuple> entries = mapping(a, "answers", AnswersFile.KEYS.keySet());
      for (var e : entries.entrySet()) {
        String field = "answers." + e.getKey();
        String value = scalar(e.getValue().getValueNode(), field);
        AnswersFile.check(file, line(e.getValue()), field, e.getKey(), value);
        answers.put(e.getKey(), value);
      }
    }
    Map<String, SkipReason> skips = new LinkedHashMap<>();
    if (top.containsKey("skip")) {
      Node s = top.get("skip").getValueNode();
      if (!(s instanceof SequenceNode seq)) {
        throw fail(line(s), "skip", "cli.answers.error.type", "list");
      }
      int i = 0;
      for (Node item : seq.getValue()) {
        String at = "skip[" + i++ + "]";
        Map<String, NodeTuple> f = mapping(item, at, SKIP);
        String step = scalar(required(f, "step", item), at + ".step");
        if (!stepIds.contains(step)) {
          throw fail(line(f.get("step")), at + ".step", "cli.answers.error.step", step);
        }
        if (skips.containsKey(step)) {
          throw fail(line(f.get("step")), at + ".step", "cli.answers.error.duplicate", step);
        }
        String kindText = scalar(required(f, "kind", item), at + ".kind");
        SkipKind kind;
        try {
          kind = SkipKind.valueOf(kindText.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
          throw fail(line(f.get("kind")), at + ".kind", "cli.answers.error.kind", kindText);
        }
        String reason = scalar(required(f, "reason", item), at + ".reason");
        if (reason.isBlank()) {
          throw fail(line(f.get("reason")), at + ".reason", "cli.answers.error.blank-reason");
        }
        skips.put(step, new SkipReason(kind, reason));
      }
    }
    return new AnswersFile(answers, skips);
  }

  private Map<String, NodeTuple> mapping(Node n, String field, Set<String> allowed) {
    if (!(n instanceof MappingNode map)) {
      throw fail(line(n), field, "cli.answers.error.type", "mapping");
    }
    Map<String, NodeTuple> out = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
      String where = field.startsWith("(") ? key : field + "." + key;
      if (!allowed.contains(key)) {
        throw fail(line(t.getKeyNode()), where, "cli.answers.error.unknown-key", key);
      }
      out.put(key, t);
    }
    return out;
  }

  private Node required(Map<String, NodeTuple> m, String key, Node parent) {
    NodeTuple t = m.get(key);
    if (t == null) {
      throw fail(line(parent), key, "cli.answers.error.missing", key);
    }
    return t.getValueNode();
  }

  private String scalar(Node n, String field) {
    if (!(n instanceof ScalarNode s)) {
      throw fail(line(n), field, "cli.answers.error.type", "text");
    }
    return s.getValue();
  }

  private static int line(NodeTuple t) {
    return line(t.getKeyNode());
  }

  private static int line(Node n) {
    return n.getStartMark() == null ? 1 : n.getStartMark().getLine() + 1;
  }

  private BadInputException fail(int line, String field, String key, Object... args) {
    return new BadInputException(file, line, field, key, args);
  }
}
