package dev.hermesharden.steps;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Reason;
import dev.hermesharden.model.EvidenceKind;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * Reads one step file into a {@link StepDefinition} and checks what it names against the {@link
 * Catalog}: each check's kind, its parameters against the kind's schema (defaults filled in), its
 * condition and its remedy. It works on SnakeYAML's node tree (never constructing arbitrary
 * classes) so that every error can name the line of the field.
 */
final class StepFileParser {
  private static final Set<String> TOP =
      Set.of("id", "order", "title", "teach", "produces", "checks", "fixes");
  private static final Set<String> TEACH = Set.of("why", "breaks", "undo");
  private static final Set<String> CHECK =
      Set.of("id", "kind", "title", "params", "applies_when", "severity", "fix");
  private static final Set<String> APPLIES = Set.of("condition", "reason");
  private static final Set<String> FIX = Set.of("id", "title", "params", "destructive", "requires");

  private final String file;
  private final Catalog catalog;

  StepFileParser(String file, Catalog catalog) {
    this.file = file;
    this.catalog = catalog;
  }

  StepDefinition parse(String text) throws StepFileException {
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
    } catch (YAMLException e) {
      throw new StepFileException(
          file, 1, "(yaml)", Reason.of("stepfile.yaml", e.getMessage().replace('\n', ' ')));
    }
    if (root == null) {
      throw new StepFileException(file, 1, "(file)", Reason.of("stepfile.empty"));
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
          throw error(n, "fixes[].requires", Reason.of("stepfile.destructive-needs-evidence"));
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
    List<CheckRef> checks = new ArrayList<>();
    for (Node n : sequence(required(top, "checks", root), "checks")) {
      checks.add(check(n, fixes));
    }
    return new StepDefinition(id, order, title, teaching, checks, fixes, produces, file);
  }

  private CheckRef check(Node n, List<FixRef> fixes) throws StepFileException {
    Map<String, NodeTuple> m = mapping(n, "checks[]", CHECK);
    String id = scalar(m, "id", true, n);
    String kind = scalar(m, "kind", true, n);
    Node kindNode = m.get("kind").getValueNode();
    Check<?> check =
        catalog
            .kind(kind)
            .orElseThrow(
                () -> error(kindNode, "checks[].kind", Reason.of("stepfile.unknown-kind", kind)));
    Params given = params(m, "checks[].params");
    for (ParamSchema.Problem p : check.schema().problems(kind, given)) {
      Node at =
          paramNode(m, p.param())
              .orElse(m.containsKey("params") ? m.get("params").getKeyNode() : kindNode);
      throw error(at, "checks[].params." + p.param(), p.reason());
    }
    Optional<AppliesWhen> applies = Optional.empty();
    if (m.containsKey("applies_when")) {
      Node a = m.get("applies_when").getValueNode();
      Map<String, NodeTuple> am = mapping(a, "checks[].applies_when", APPLIES);
      String condition = scalar(am, "condition", true, a);
      if (catalog.condition(condition).isEmpty()) {
        throw error(
            am.get("condition").getValueNode(),
            "checks[].applies_when.condition",
            Reason.of("stepfile.unknown-condition", condition));
      }
      applies = Optional.of(new AppliesWhen(condition, scalar(am, "reason", true, a)));
    }
    String rating = scalar(m, "severity", true, n);
    Severity severity =
        Severity.fromId(rating)
            .orElseThrow(
                () ->
                    error(
                        m.get("severity").getValueNode(),
                        "checks[].severity",
                        Reason.of("stepfile.unknown-severity", rating, severities())));
    Optional<String> fix = Optional.ofNullable(scalar(m, "fix", false, n));
    if (fix.isPresent() && fixes.stream().noneMatch(f -> f.id().equals(fix.get()))) {
      throw error(
          m.get("fix").getValueNode(),
          "checks[].fix",
          Reason.of("stepfile.fix-not-in-step", fix.get()));
    }
    return new CheckRef(
        id,
        kind,
        scalar(m, "title", true, n),
        check.schema().resolve(given),
        applies,
        severity,
        fix);
  }

  private static String severities() {
    return String.join(", ", Arrays.stream(Severity.values()).map(Severity::id).toList());
  }

  /** The node of one parameter's value, for the line of an error about it. */
  private Optional<Node> paramNode(Map<String, NodeTuple> m, String param) {
    if (!m.containsKey("params") || !(m.get("params").getValueNode() instanceof MappingNode p)) {
      return Optional.empty();
    }
    return p.getValue().stream()
        .filter(t -> ((ScalarNode) t.getKeyNode()).getValue().equals(param))
        .map(NodeTuple::getKeyNode)
        .findFirst();
  }

  /** The mapping's entries by key; {@code allowed == null} accepts any key. */
  private Map<String, NodeTuple> mapping(Node node, String field, Set<String> allowed)
      throws StepFileException {
    if (!(node instanceof MappingNode m)) {
      throw error(node, field, Reason.of("stepfile.mapping"));
    }
    Map<String, NodeTuple> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      String key = ((ScalarNode) t.getKeyNode()).getValue();
      if (allowed != null && !allowed.contains(key)) {
        throw error(
            t.getKeyNode(),
            field.equals("(file)") ? key : field + "." + key,
            Reason.of("stepfile.unknown-field"));
      }
      out.put(key, t);
    }
    return out;
  }

  private List<Node> sequence(Node node, String field) throws StepFileException {
    if (!(node instanceof SequenceNode s)) {
      throw error(node, field, Reason.of("stepfile.list"));
    }
    return s.getValue();
  }

  private Node required(Map<String, NodeTuple> m, String key, Node parent)
      throws StepFileException {
    NodeTuple t = m.get(key);
    if (t == null) {
      throw error(parent, key, Reason.of("stepfile.missing"));
    }
    return t.getValueNode();
  }

  private String scalar(Map<String, NodeTuple> m, String key, boolean required, Node parent)
      throws StepFileException {
    NodeTuple t = m.get(key);
    if (t == null) {
      if (required) {
        throw error(parent, key, Reason.of("stepfile.missing"));
      }
      return null;
    }
    if (!(t.getValueNode() instanceof ScalarNode s) || s.getValue().isBlank()) {
      throw error(t.getValueNode(), key, Reason.of("stepfile.text"));
    }
    return s.getValue();
  }

  private int integer(Map<String, NodeTuple> m, String key, Node parent) throws StepFileException {
    String v = scalar(m, key, true, parent);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw error(m.get(key).getValueNode(), key, Reason.of("stepfile.whole-number", v));
    }
  }

  private EvidenceKind evidence(Node n, String field) throws StepFileException {
    if (!(n instanceof ScalarNode s)) {
      throw error(n, field, Reason.of("stepfile.evidence"));
    }
    try {
      return EvidenceKind.fromId(s.getValue());
    } catch (IllegalArgumentException e) {
      throw error(n, field, Reason.of("stepfile.unknown-evidence", s.getValue()));
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
    throw error(n, field, Reason.of("stepfile.text-or-list"));
  }

  StepFileException error(Node node, String field, Reason problem) {
    int line = node == null ? 1 : node.getStartMark().getLine() + 1;
    return new StepFileException(file, line, field, problem);
  }
}
