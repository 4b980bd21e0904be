package dev.hermesharden.system.compose;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Each service's keys as compose merges them for {@code extends:} of a service in the same file
 * ({@code extends: base} or {@code extends: {service: base}}): the base's keys (its own {@code
 * extends} merged first), then the service's own; lists ({@code ports}, {@code volumes}, {@code
 * cap_add}, …) are joined, mappings merged key by key, anything else is the service's own when it
 * has one. A merged service no longer has an {@code extends} key; one whose base is in another
 * file, missing, or in a cycle keeps it ({@link ComposeService#extendsFrom}).
 *
 * <p>Why: the Hermes service that extends a privileged base with {@code /etc/cron.d} mounted is
 * privileged and mounts it ({@code docker-compose config} and the container it creates say so); the
 * checks read only the service's own lines and passed.
 *
 * <p>Caveat: compose merges {@code volumes} by their container path, the service's own winning; a
 * base's volume that the service replaces is still listed here (a finding too many, never one too
 * few). The nodes are the file's own, so lines and the port rewriter's edits stay right.
 */
final class ComposeExtends {
  /**
   * Bases followed at most, so a file of thousands of services each extending the next neither
   * overflows the stack nor takes quadratic time; a deeper service is left unmerged.
   */
  static final int MAX_DEPTH = 64;

  private ComposeExtends() {}

  /** Service name → its merged entries, in the file's order. */
  static Map<String, Map<String, NodeTuple>> merged(Node services) {
    Map<String, NodeTuple> own = YamlNodes.entries(services);
    Map<String, Map<String, NodeTuple>> out = new LinkedHashMap<>();
    for (String name : own.keySet()) {
      out.put(name, merged(name, own, out, new HashSet<>()));
    }
    return out;
  }

  private static Map<String, NodeTuple> merged(
      String name,
      Map<String, NodeTuple> own,
      Map<String, Map<String, NodeTuple>> done,
      Set<String> visiting) {
    if (done.containsKey(name)) {
      return done.get(name);
    }
    Map<String, NodeTuple> m = YamlNodes.entries(own.get(name).getValueNode());
    String base = sameFileBase(YamlNodes.value(m, "extends"));
    if (base.isEmpty()
        || !own.containsKey(base)
        || visiting.size() >= MAX_DEPTH
        || !visiting.add(name)) {
      return m; // nothing to merge, a cycle, or a chain deeper than anyone writes: as written
    }
    Map<String, NodeTuple> b = merged(base, own, done, visiting);
    Map<String, NodeTuple> out;
    if (b.containsKey("extends")) {
      out = m; // the base could not be merged (a cycle, another file): neither can this one
    } else {
      out = new LinkedHashMap<>(b);
      for (Map.Entry<String, NodeTuple> e : m.entrySet()) {
        if (!e.getKey().equals("extends")) {
          NodeTuple t = out.get(e.getKey());
          out.put(e.getKey(), t == null ? e.getValue() : combine(t, e.getValue()));
        }
      }
      out.remove("extends");
    }
    done.put(name, out);
    return out;
  }

  /** The base service's name when {@code extends} names one of this file; "" otherwise. */
  private static String sameFileBase(Node ext) {
    if (ext instanceof ScalarNode) {
      return YamlNodes.text(ext);
    }
    Map<String, NodeTuple> m = YamlNodes.entries(ext);
    return YamlNodes.value(m, "file") == null ? YamlNodes.text(YamlNodes.value(m, "service")) : "";
  }

  private static NodeTuple combine(NodeTuple base, NodeTuple own) {
    Node b = base.getValueNode();
    Node o = own.getValueNode();
    if (b instanceof SequenceNode bs && o instanceof SequenceNode os) {
      List<Node> items = new ArrayList<>(bs.getValue());
      items.addAll(os.getValue());
      return new NodeTuple(
          own.getKeyNode(),
          new SequenceNode(
              os.getTag(), true, items, os.getStartMark(), os.getEndMark(), os.getFlowStyle()));
    }
    if (b instanceof MappingNode bm && o instanceof MappingNode om) {
      List<NodeTuple> tuples = new ArrayList<>(bm.getValue());
      tuples.addAll(om.getValue()); // YamlNodes.entries: the later, the service's own, wins
      return new NodeTuple(
          own.getKeyNode(),
          new MappingNode(
              om.getTag(), true, tuples, om.getStartMark(), om.getEndMark(), om.getFlowStyle()));
    }
    return own;
  }
}
