package dev.hermesharden.system.compose;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A YAML document as plain maps, lists and scalars, as SnakeYAML's safe {@code load} makes it, but
 * assembled straight from SnakeYAML's parser events: the node tree that {@code load} first builds
 * (a node and two marks per value, and the read buffers the marks hold on to) never exists. A 5 MB
 * {@code config.yaml} takes several times its size as a node tree and did not fit the launcher's 48
 * MB heap; assembled this way it takes about what its values take.
 *
 * <p>Scalars are resolved and converted by SnakeYAML itself (its resolver and the safe
 * constructor's conversions: YAML 1.1 booleans, numbers, null, timestamps); this class only puts
 * them into maps and lists, follows anchors and aliases and folds merge keys ({@code <<}) in. A
 * collection with an explicit tag ({@code !!set}, {@code !!omap}, …) is left to SnakeYAML's own
 * {@code load}.
 */
public final class YamlPlain {
  private YamlPlain() {}

  /** The safe constructor's scalar conversions, reachable for one scalar at a time. */
  private static final class Scalars extends SafeConstructor {
    Scalars() {
      super(YamlNodes.options());
    }

    Object construct(ScalarNode node) {
      return getConstructor(node).construct(node);
    }
  }

  /** A collection being filled: a map (keys and values in turn) or a list. */
  private static final class Frame {
    final Map<Object, Object> map;
    final List<Object> list;
    final List<Object> merges = new ArrayList<>();
    Object key;
    boolean haveKey;
    boolean mergeKey;

    Frame(Map<Object, Object> map, List<Object> list) {
      this.map = map;
      this.list = list;
    }
  }

  /** The single document of {@code text}, or null when it is empty. */
  public static Object load(String text) {
    Yaml yaml = new Yaml(new SafeConstructor(YamlNodes.options()));
    Scalars scalars = new Scalars();
    Resolver resolver = new Resolver();
    Map<String, Object> anchors = new HashMap<>();
    Deque<Frame> stack = new ArrayDeque<>();
    Object[] root = {null};
    int documents = 0;
    for (Event e : yaml.parse(new StringReader(text))) {
      if (e instanceof DocumentStartEvent && ++documents > 1) {
        throw new YAMLException("expected a single document in the stream");
      }
      if (e instanceof CollectionStartEvent c && explicit(c.getTag())) {
        return yaml.load(text); // a tagged collection: SnakeYAML's own construction
      }
      Object value;
      if (e instanceof MappingStartEvent || e instanceof SequenceStartEvent) {
        Frame f =
            e instanceof MappingStartEvent
                ? new Frame(new LinkedHashMap<>(), null)
                : new Frame(null, new ArrayList<>());
        anchor(anchors, (NodeEvent) e, f.map != null ? f.map : f.list);
        stack.push(f);
        continue;
      } else if (e.is(Event.ID.MappingEnd) || e.is(Event.ID.SequenceEnd)) {
        Frame f = stack.pop();
        if (f.map != null) {
          for (Object merged : f.merges) {
            merge(f.map, merged);
          }
        }
        value = f.map != null ? f.map : f.list;
      } else if (e instanceof ScalarEvent s) {
        Tag tag =
            s.getTag() == null || s.getTag().equals("!")
                ? resolver.resolve(
                    NodeId.scalar, s.getValue(), s.getImplicit().canOmitTagInPlainScalar())
                : new Tag(s.getTag());
        if (tag.equals(Tag.MERGE) && !stack.isEmpty() && stack.peek().map != null) {
          Frame f = stack.peek();
          if (!f.haveKey) {
            f.mergeKey = true;
            f.haveKey = true;
            continue;
          }
        }
        value =
            tag.equals(Tag.MERGE)
                ? s.getValue()
                : scalars.construct(
                    new ScalarNode(
                        tag, s.getValue(), s.getStartMark(), s.getEndMark(), s.getScalarStyle()));
        anchor(anchors, s, value);
      } else if (e instanceof AliasEvent a) {
        if (!anchors.containsKey(a.getAnchor())) {
          throw new YAMLException("found undefined alias " + a.getAnchor());
        }
        value = anchors.get(a.getAnchor());
      } else {
        continue; // stream and document starts and ends
      }
      if (stack.isEmpty()) {
        root[0] = value;
      } else {
        add(stack.peek(), value);
      }
    }
    return root[0];
  }

  private static void add(Frame f, Object value) {
    if (f.list != null) {
      f.list.add(value);
    } else if (!f.haveKey) {
      f.key = value;
      f.haveKey = true;
    } else {
      if (f.mergeKey) {
        f.merges.add(value);
      } else {
        f.map.put(f.key, value);
      }
      f.haveKey = false;
      f.mergeKey = false;
      f.key = null;
    }
  }

  /** {@code <<: *base} or {@code <<: [*a, *b]}: keys written in the mapping itself win. */
  private static void merge(Map<Object, Object> into, Object merged) {
    if (merged instanceof Map<?, ?> m) {
      m.forEach(into::putIfAbsent);
    } else if (merged instanceof List<?> l) {
      for (Object each : l) {
        merge(into, each);
      }
    } else {
      throw new YAMLException("expected a mapping or list of mappings for merging");
    }
  }

  private static void anchor(Map<String, Object> anchors, NodeEvent e, Object value) {
    if (e.getAnchor() != null) {
      anchors.put(e.getAnchor(), value);
    }
  }

  private static boolean explicit(String tag) {
    return tag != null
        && !tag.equals("!")
        && !tag.equals(Tag.MAP.getValue())
        && !tag.equals(Tag.SEQ.getValue());
  }
}
