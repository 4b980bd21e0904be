package dev.hermesharden.steps;

import dev.hermesharden.checks.Params;
import dev.hermesharden.model.EvidenceKind;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * Reads one step file into a {@link StepDefinition}. It works on SnakeYAML's node tree (never
 * constructing arbitrary classes) so that every error can name the line of the field.
 */
final class StepFileParser {
  private static final Set<String> TOP = Set.of("id", "order", "title", "teach", "produces", "checks", "fixes");
  private static final Set<String> TEACH = Set.of("why", "breaks", "undo");
  private static final Set<String> CHECK = Set.of("id", "title", "params");
  private static final Set<String> FIX = Set.of("id", "title", "params", "destructive", "requires");

  private final String file;

  StepFileParser(String file) {
    this.file = file;
  }

  StepDefinition parse(String text) throws StepFileException {
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
    } catch (YAMLException e) {
      throw new StepFileException(file, 1, "(yaml)", e.getMessage().replace('\n', ' '));
    }
    if (root == null) {
      throw new StepFileException(file, 1, "(file)", "is empty");
    }
    Map<String, NodeTuple> top = mapping(root, "(file)", TOP);
    String id = scalar(top, "id", true, root);
    int order = integer(top, "order", root);
    String title = scalar(top, "title", true, root);
    Node teachNode = required(top, "teach", root);
    Map<String, NodeTuple> teach = mapping(teachNode, "teach", TEACH);
    Teaching teaching =
        new Teaching(
            scalar(teach, "why", true, teachNode),
            scalar(teach, "breaks", true, teachNode),
            scalar(teach, "undo", true, teachNode));
    List<EvidenceKind> produces = new ArrayList<>();
    if (top.containsKey("produces")) {
      for (Node n : sequence(top.get("produces").getValueNode(), "produces")) {
        produces.add(evidence(n, "produces"));
      }
    }
    List<CheckRef> checks = new ArrayList<>();
    for (Node n : sequence(required(top, "checks", root), "checks")) {
      Map<String, NodeTuple> m = mapping(n, "checks[]", CHECK);
      checks.add(
          new CheckRef(
              scalar(m, "id", true, n), scalar(m, "title", true, n), params(m, "checks[].params")));
    }
    List<FixRef> fixes = new ArrayList<>();
    if (top.containsKey("fixes")) {
      for (Node n : sequence(top.get("fixes").getValueNode(), "fixes")) {
        Map<String, NodeTuple> m = mapping(n, "fixes[]", FIX);
        boolean destructive = "true".equals(scalar(m, "destructive", false, n));
        List<EvidenceKind> requires = new ArrayList<>();
        if (m.containsKey("requires")) {
          for (Node r : sequence(m.get("requires").getValueNode(), "fixes[].requires")) {
            requires.add(evidence(r, "fixes[].requires"));
          }
        }
        if (destructive && requires.isEmpty()) {
          throw error(n, "fixes[].requires", "a destructive fix must name the evidence it needs");
        }
        fixes.add(
            new FixRef(
                scalar(m, "id", true, n),
                scalar(m, "title", true, n),
                params(m, "fixes[].params"),
                destructive,
                requires));
      }
    }
    return new StepDefinition(id, order, title, teaching, checks, fixes, produces, file);
  }

  /** The mapping's entries by key; {@code allowed == null} accepts any key. */
  private Map<String, NodeTuple> mapping(Node node, String field, Set<String> allowed)
      throws StepFileException {
    if (!(node instanceof MappingNode m)) {
      throw error(node, field, "must be a mapping");
    }
    Map<String, NodeTuple> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      String key = ((ScalarNode) t.getKeyNode()).getValue();
      if (allowed != null && !allowed.contains(key)) {
        throw error(t.getKeyNode(), field.equals("(file)") ? key : field + "." + key, "unknown field");
      }
      out.put(key, t);
    }
    return out;
  }

  private List<Node> sequence(Node node, String field) throws StepFileException {
    if (!(node instanceof SequenceNode s)) {
      throw error(node, field, "must be a list");
    }
    return s.getValue();
  }

  private Node required(Map<String, NodeTuple> m, String key, Node parent) throws StepFileException {
    NodeTuple t = m.get(key);
    if (t == null) {
      throw error(parent, key, "is missing");
    }
    return t.getValueNode();
  }

  private String scalar(Map<String, NodeTuple> m, String key, boolean required, Node parent)
      throws StepFileException {
    NodeTuple t = m.get(key);
    if (t == null) {
      if (required) {
        throw error(parent, key, "is missing");
      }
      return null;
    }
    if (!(t.getValueNode() instanceof ScalarNode s) || s.getValue().isBlank()) {
      throw error(t.getValueNode(), key, "must be a non-empty text");
    }
    return s.getValue();
  }

  private int integer(Map<String, NodeTuple> m, String key, Node parent) throws StepFileException {
    String v = scalar(m, key, true, parent);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw error(m.get(key).getValueNode(), key, "must be a whole number, not '" + v + "'");
    }
  }

  private EvidenceKind evidence(Node n, String field) throws StepFileException {
    if (!(n instanceof ScalarNode s)) {
      throw error(n, field, "must be an evidence id");
    }
    try {
      return EvidenceKind.fromId(s.getValue());
    } catch (IllegalArgumentException e) {
      throw error(n, field, "unknown evidence '" + s.getValue() + "'");
    }
  }

  private Params params(Map<String, NodeTuple> m, String field) throws StepFileException {
    NodeTuple t = m.get("params");
    if (t == null) {
      return Params.NONE;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<String, NodeTuple> e : mapping(t.getValueNode(), field, null).entrySet()) {
      values.put(e.getKey(), plain(e.getValue().getValueNode(), field + "." + e.getKey()));
    }
    return new Params(values);
  }

  private Object plain(Node n, String field) throws StepFileException {
    if (n instanceof ScalarNode s) {
      return s.getValue();
    }
    if (n instanceof SequenceNode s) {
      List<Object> out = new ArrayList<>();
      for (Node c : s.getValue()) {
        out.add(plain(c, field));
      }
      return List.copyOf(out);
    }
    throw error(n, field, "must be a text or a list");
  }

  StepFileException error(Node node, String field, String problem) {
    int line = node == null ? 1 : node.getStartMark().getLine() + 1;
    return new StepFileException(file, line, field, problem);
  }
}
