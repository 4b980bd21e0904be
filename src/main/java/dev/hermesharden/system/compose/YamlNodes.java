package dev.hermesharden.system.compose;

import dev.hermesharden.host.Host;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Small helpers over SnakeYAML's node tree. We read nodes (never construct objects) because the
 * node tree keeps line and column of every value, which findings and the port rewriter need, and
 * keeps {@code 8642:8642} as text where YAML 1.1 would read a base-60 number.
 */
public final class YamlNodes {
  private YamlNodes() {}

  static Node compose(String text) {
    LoaderOptions opts = options();
    opts.setAllowDuplicateKeys(false);
    return new Yaml(new SafeConstructor(opts)).compose(new StringReader(text));
  }

  /** The whole document as plain maps, lists and scalars (safe constructor only). */
  static Object load(String text) {
    return new Yaml(new SafeConstructor(options())).load(text);
  }

  /**
   * SnakeYAML's defaults, but the size limit is ours: any text a host returns ({@link
   * Host#MAX_FILE_BYTES}, which bounds its code points) parses; SnakeYAML's own 3 MB limit would
   * turn a large but valid file into a parse error.
   */
  public static LoaderOptions options() {
    LoaderOptions opts = new LoaderOptions();
    opts.setCodePointLimit(Host.MAX_FILE_BYTES);
    return opts;
  }

  /** A mapping's entries by key, with YAML merge keys ({@code <<: *base}) folded in. */
  static Map<String, NodeTuple> entries(Node node) {
    Map<String, NodeTuple> out = new LinkedHashMap<>();
    if (!(node instanceof MappingNode m)) {
      return out;
    }
    List<Node> merges = new ArrayList<>();
    for (NodeTuple t : m.getValue()) {
      String key = text(t.getKeyNode());
      if (key.equals("<<")) {
        Node v = t.getValueNode();
        if (v instanceof SequenceNode s) {
          merges.addAll(s.getValue());
        } else {
          merges.add(v);
        }
      } else {
        out.put(key, t);
      }
    }
    for (Node merged : merges) {
      entries(merged).forEach(out::putIfAbsent);
    }
    return out;
  }

  static Node value(Map<String, NodeTuple> m, String key) {
    NodeTuple t = m.get(key);
    return t == null ? null : t.getValueNode();
  }

  /** A scalar's text; "" for null, absent or non-scalar nodes. */
  static String text(Node n) {
    if (n instanceof ScalarNode s) {
      return s.getTag().getValue().endsWith(":null") ? "" : s.getValue();
    }
    return "";
  }

  static List<Node> items(Node n) {
    return n instanceof SequenceNode s ? s.getValue() : List.of();
  }

  static int line(Node n) {
    return n.getStartMark().getLine() + 1;
  }
}
