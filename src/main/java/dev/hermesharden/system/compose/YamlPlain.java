package dev.hermesharden.system.compose;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 *
 * <p>The text may be hostile (an agent writes its own {@code config.yaml}): nesting deeper than
 * SnakeYAML's own limit ({@link org.yaml.snakeyaml.LoaderOptions#getNestingDepthLimit}, 50) is
 * refused, as SnakeYAML's composer refuses it, so no walk over the result overflows its stack; and
 * a document whose aliases expand to more than {@link #SLACK} beyond its own text (a "billion
 * laughs": 565 bytes that mean 9^9 values), or that holds itself, is refused, so no walk or {@code
 * toString} of the result takes more than its text would.
 */
public final class YamlPlain {
  /** How much more than its own text a document may mean through aliases (characters). */
  static final long SLACK = 1 << 20;

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

    /** The collection this one is a value of (null at the top), for {@link #path}. */
    final Frame parent;

    /** The key this collection is the value of in {@link #parent}'s map (null in a list). */
    final Object keyInParent;

    Object key;
    boolean haveKey;
    boolean mergeKey;

    Frame(Map<Object, Object> map, List<Object> list, Frame parent) {
      this.map = map;
      this.list = list;
      this.parent = parent;
      this.keyInParent =
          parent != null && parent.map != null && parent.haveKey && !parent.mergeKey
              ? parent.key
              : null;
    }

    /** The dotted keys leading here (list positions left out); made only for a repeat. */
    String path() {
      String up = parent == null ? "" : parent.path();
      return keyInParent == null ? up : join(up, keyInParent);
    }
  }

  /**
   * A loaded document and the dotted path of the first key one of its mappings writes twice (a key
   * a merge brings in is no repeat). {@link #load} lets the last one win, as PyYAML does; ruamel
   * (current Hermes) and docker compose refuse such a document.
   */
  public record Loaded(Object document, Optional<String> repeatedKey) {}

  /** The single document of {@code text}, or null when it is empty. */
  public static Object load(String text) {
    return loaded(text).document();
  }

  /**
   * {@link #load}, noting the first repeated key in the same pass.
   *
   * @throws YAMLException when the text is not YAML
   */
  public static Loaded loaded(String text) {
    String[] repeated = {null};
    Object document = load(text, repeated);
    return new Loaded(document, Optional.ofNullable(repeated[0]));
  }

  private static Object load(String text, String[] repeated) {
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
        // a tagged collection: SnakeYAML's own construction (its composer limits the nesting)
        return bounded(yaml.load(text), text.length() + SLACK);
      }
      Object value;
      if (e instanceof MappingStartEvent || e instanceof SequenceStartEvent) {
        Frame f =
            e instanceof MappingStartEvent
                ? new Frame(new LinkedHashMap<>(), null, stack.peek())
                : new Frame(null, new ArrayList<>(), stack.peek());
        anchor(anchors, (NodeEvent) e, f.map != null ? f.map : f.list);
        stack.push(f);
        if (stack.size() > NESTING) {
          throw new YAMLException("nesting depth exceeds " + NESTING);
        }
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
        add(stack.peek(), value, repeated);
      }
    }
    return bounded(root[0], text.length() + SLACK);
  }

  private static final int NESTING = YamlNodes.options().getNestingDepthLimit();

  /** {@code value}, when what it means (aliases expanded) stays within {@code limit}. */
  private static Object bounded(Object value, long limit) {
    weight(
        value, limit, new IdentityHashMap<>(), Collections.newSetFromMap(new IdentityHashMap<>()));
    return value;
  }

  /**
   * What a value means in characters, every alias expanded: a string its length, another scalar 1,
   * a collection 1 plus its keys and values. Each collection is weighed once (aliases share it).
   */
  private static long weight(Object v, long limit, Map<Object, Long> known, Set<Object> open) {
    if (!(v instanceof Map<?, ?>) && !(v instanceof Collection<?>)) {
      return v instanceof String s ? s.length() : 1;
    }
    Long w = known.get(v);
    if (w != null) {
      return w;
    }
    if (!open.add(v)) {
      throw new YAMLException("a collection holds itself through an alias");
    }
    long sum = 1;
    Iterable<?> parts = v instanceof Map<?, ?> m ? m.entrySet() : (Collection<?>) v;
    for (Object p : parts) {
      if (p instanceof Map.Entry<?, ?> e) {
        sum += weight(e.getKey(), limit, known, open) + weight(e.getValue(), limit, known, open);
      } else {
        sum += weight(p, limit, known, open);
      }
      if (sum > limit) {
        throw new YAMLException("aliases expand the document beyond " + limit + " characters");
      }
    }
    open.remove(v);
    known.put(v, sum);
    return sum;
  }

  private static String join(String path, Object key) {
    return path.isEmpty() ? String.valueOf(key) : path + "." + key;
  }

  private static void add(Frame f, Object value, String[] repeated) {
    if (f.list != null) {
      f.list.add(value);
    } else if (!f.haveKey) {
      f.key = value;
      f.haveKey = true;
    } else {
      if (f.mergeKey) {
        f.merges.add(value);
      } else {
        if (repeated[0] == null && f.map.containsKey(f.key)) {
          repeated[0] = join(f.path(), f.key);
        }
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
