package dev.hermesharden.system.compose;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Rewrites every public port publish of a compose file's Hermes services and of the services whose
 * network they join ({@link ComposeFile#publishingServices()}) to loopback: short syntax {@code
 * "8642:8642"} becomes {@code "127.0.0.1:8642:8642"}, long syntax gets {@code host_ip: 127.0.0.1}.
 * Only the bytes of those values change (or one line is inserted per long-syntax entry); comments,
 * quoting, indentation, line endings and interpolations stay as they were.
 *
 * <p>docker-compose v1 (Debian 12's 1.29.2) rejects {@code host_ip} in the long syntax ("contains
 * unsupported option"): for it ({@code shortOnly}) a block long-syntax entry is replaced by one
 * short-syntax line {@code - "127.0.0.1:PUBLISHED:TARGET/PROTOCOL"}; comments inside that entry are
 * lost, and an entry with keys the short syntax cannot say is refused.
 *
 * <p>After editing, the result is parsed again and compared with the original: if anything but the
 * host addresses of ports changed, the rewrite is refused. Runs in time linear in the file.
 */
public final class ComposePortRewriter {
  static final String LOOPBACK = "127.0.0.1";

  /** The new text and the 1-based lines (of the new text) that changed. */
  public record Result(String text, List<Integer> changedLines) {
    public boolean changed() {
      return !changedLines.isEmpty();
    }
  }

  /**
   * One edit: replace columns [from, to) of a line, insert a line after it (from = -1), or replace
   * the whole lines line..to (from = -2).
   */
  private record Edit(int line, int from, int to, String text) {}

  private static final Set<String> SHORT_SAYABLE =
      Set.of("target", "published", "protocol", "host_ip", "mode");

  private ComposePortRewriter() {}

  /**
   * @throws IllegalArgumentException when the file does not parse
   * @throws IllegalStateException when the edit cannot be made safely (refused)
   */
  public static Result rewrite(String path, String text) {
    return rewrite(path, text, false);
  }

  /**
   * @param shortOnly the host's compose is v1, which knows no {@code host_ip}: long-syntax entries
   *     become short syntax
   * @throws IllegalArgumentException when the file does not parse
   * @throws IllegalStateException when the edit cannot be made safely (refused)
   */
  public static Result rewrite(String path, String text, boolean shortOnly) {
    return rewrite(path, text, shortOnly, Map.of());
  }

  /**
   * {@link #rewrite(String, String, boolean)} of a file read with its project's {@code .env} values
   * ({@link ComposeFile#variables()}): a publish public by such a value is rewritten too. The ports
   * a Hermes service gets by {@code extends:} are edited where they are written (in the base), and
   * the base's publishes become loopback with them.
   */
  public static Result rewrite(
      String path, String text, boolean shortOnly, Map<String, String> variables) {
    ComposeFile before = ComposeFile.parse(path, text, variables);
    Node root = YamlNodes.compose(text);
    List<Edit> edits = new ArrayList<>();
    Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<Node> edited = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<String> hermes =
        before.publishingServices().stream().map(ComposeService::name).collect(Collectors.toSet());
    Node services = YamlNodes.value(YamlNodes.entries(root), "services");
    Map<String, Map<String, NodeTuple>> merged = ComposeExtends.merged(services);
    for (Map.Entry<String, Map<String, NodeTuple>> e : merged.entrySet()) {
      if (!hermes.contains(e.getKey())) {
        continue;
      }
      for (Node p : YamlNodes.items(YamlNodes.value(e.getValue(), "ports"))) {
        if (seen.add(p)) {
          Optional<PortPublish> pp = ComposeFile.port(p, variables).filter(PortPublish::isPublic);
          if (pp.isPresent()) {
            edits.add(shortOnly ? editShort(text, p, pp.get()) : edit(p, pp.get()));
            edited.add(p);
          }
        }
      }
    }
    if (edits.isEmpty()) {
      return new Result(text, List.of());
    }
    // a base whose ports were edited for the Hermes service that extends it changes too
    Set<String> changing = new java.util.HashSet<>(hermes);
    merged.forEach(
        (name, m) -> {
          if (YamlNodes.items(YamlNodes.value(m, "ports")).stream().anyMatch(edited::contains)) {
            changing.add(name);
          }
        });
    Result result = apply(text, edits);
    verify(
        before, ComposeFile.parse(path, result.text(), variables), changing, text, result.text());
    return result;
  }

  private static Edit edit(Node node, PortPublish p) {
    if (node instanceof ScalarNode s) {
      String raw = s.getValue();
      int slash = raw.lastIndexOf('/');
      String proto =
          slash > raw.lastIndexOf(':') && slash > raw.lastIndexOf('}') ? raw.substring(slash) : "";
      return replace(s, LOOPBACK + ":" + p.published() + ":" + p.target() + proto);
    }
    Map<String, NodeTuple> m = YamlNodes.entries(node);
    Node ip = YamlNodes.value(m, "host_ip");
    if (ip instanceof ScalarNode s) {
      return replace(s, LOOPBACK);
    }
    MappingNode map = (MappingNode) node;
    List<NodeTuple> tuples = map.getValue();
    Node lastValue = tuples.get(tuples.size() - 1).getValueNode();
    if (map.getFlowStyle() == org.yaml.snakeyaml.DumperOptions.FlowStyle.FLOW) {
      int line = lastValue.getEndMark().getLine();
      int col = lastValue.getEndMark().getColumn();
      return new Edit(line, col, col, ", host_ip: " + LOOPBACK);
    }
    Node firstKey = tuples.get(0).getKeyNode();
    String indent = " ".repeat(firstKey.getStartMark().getColumn());
    int after = tuples.get(0).getValueNode().getEndMark().getLine();
    if (tuples.get(0).getValueNode().getEndMark().getColumn() == 0) {
      after--; // a value ending at the start of a line ended on the line before
    }
    return new Edit(after, -1, -1, indent + "host_ip: " + LOOPBACK);
  }

  private static Edit editShort(String text, Node node, PortPublish p) {
    if (node instanceof ScalarNode) {
      return edit(node, p);
    }
    MappingNode map = (MappingNode) node;
    for (NodeTuple t : map.getValue()) {
      String key = YamlNodes.text(t.getKeyNode());
      if (!SHORT_SAYABLE.contains(key)
          || ("mode".equals(key) && !"host".equals(YamlNodes.text(t.getValueNode())))) {
        throw new IllegalStateException(
            "port at line "
                + YamlNodes.line(node)
                + " has "
                + key
                + ", which compose v1 cannot say");
      }
    }
    if (map.getFlowStyle() == org.yaml.snakeyaml.DumperOptions.FlowStyle.FLOW
        && map.getStartMark().getLine() != map.getEndMark().getLine()) {
      throw new IllegalStateException("port value spans lines at line " + YamlNodes.line(node));
    }
    int first = map.getStartMark().getLine();
    List<NodeTuple> tuples = map.getValue();
    Node last = tuples.get(tuples.size() - 1).getValueNode();
    int lastLine = last.getEndMark().getLine() - (last.getEndMark().getColumn() == 0 ? 1 : 0);
    String firstLine = text.lines().skip(first).findFirst().orElse("");
    String prefix =
        firstLine.substring(0, firstLine.offsetByCodePoints(0, map.getStartMark().getColumn()));
    String published = p.published().isEmpty() ? "" : p.published() + ":";
    return new Edit(
        first,
        -2,
        lastLine,
        prefix + "\"" + LOOPBACK + ":" + published + p.target() + "/" + p.protocol() + "\"");
  }

  private static Edit replace(ScalarNode s, String value) {
    if (s.getStartMark().getLine() != s.getEndMark().getLine()) {
      throw new IllegalStateException("port value spans lines at line " + YamlNodes.line(s));
    }
    String quote =
        s.getScalarStyle() == ScalarStyle.DOUBLE_QUOTED
            ? "\""
            : s.getScalarStyle() == ScalarStyle.SINGLE_QUOTED ? "'" : "";
    if (quote.isEmpty() && s.getScalarStyle() != ScalarStyle.PLAIN) {
      throw new IllegalStateException("unusual scalar style at line " + YamlNodes.line(s));
    }
    return new Edit(
        s.getStartMark().getLine(),
        s.getStartMark().getColumn(),
        s.getEndMark().getColumn(),
        quote + value + quote);
  }

  private static Result apply(String text, List<Edit> edits) {
    Map<Integer, List<Edit>> byLine = new LinkedHashMap<>();
    for (Edit e : edits) {
      byLine.computeIfAbsent(e.line(), k -> new ArrayList<>()).add(e);
    }
    String eol = text.contains("\r\n") ? "\r\n" : "\n";
    StringBuilder out = new StringBuilder(text.length() + edits.size() * 24);
    List<Integer> changed = new ArrayList<>();
    int lineNo = 0;
    int outLine = 1;
    int pos = 0;
    while (pos < text.length() || lineNo == 0) {
      int nl = text.indexOf('\n', pos);
      int end = nl < 0 ? text.length() : nl + 1;
      String whole = text.substring(pos, end);
      String body = whole.replaceFirst("\r?\n$", "");
      String term = whole.substring(body.length());
      List<Edit> here = byLine.getOrDefault(lineNo, List.of());
      Optional<Edit> lines = here.stream().filter(e -> e.from() == -2).findFirst();
      if (lines.isPresent()) {
        // skip to the entry's last line and keep that line's terminator
        while (lineNo < lines.get().to() && nl >= 0) {
          pos = end;
          nl = text.indexOf('\n', pos);
          end = nl < 0 ? text.length() : nl + 1;
          lineNo++;
        }
        String lastWhole = text.substring(pos, end);
        out.append(lines.get().text())
            .append(lastWhole.substring(lastWhole.replaceFirst("\r?\n$", "").length()));
        changed.add(outLine++);
        lineNo++;
        pos = end;
        if (nl < 0) {
          break;
        }
        continue;
      }
      List<Edit> inline = new ArrayList<>(here.stream().filter(e -> e.from() >= 0).toList());
      inline.sort(Comparator.comparingInt(Edit::from).reversed());
      StringBuilder b = new StringBuilder(body);
      for (Edit e : inline) {
        int from = body.offsetByCodePoints(0, e.from());
        int to = body.offsetByCodePoints(0, e.to());
        b.replace(from, to, e.text());
      }
      out.append(b).append(term);
      if (!inline.isEmpty()) {
        changed.add(outLine);
      }
      outLine++;
      for (Edit e : here) {
        if (e.from() < 0) {
          if (term.isEmpty()) {
            out.append(eol);
          }
          out.append(e.text()).append(term.isEmpty() ? "" : term);
          changed.add(outLine++);
        }
      }
      lineNo++;
      pos = end;
      if (nl < 0) {
        break;
      }
    }
    return new Result(out.toString(), changed);
  }

  private static void verify(
      ComposeFile before,
      ComposeFile after,
      Set<String> rewritten,
      String oldText,
      String newText) {
    if (!withoutPorts(YamlNodes.load(oldText)).equals(withoutPorts(YamlNodes.load(newText)))) {
      throw new IllegalStateException("the edit changed more than ports; refusing");
    }
    if (before.services().size() != after.services().size()) {
      throw new IllegalStateException("the edit changed the services; refusing");
    }
    for (int i = 0; i < before.services().size(); i++) {
      boolean mayChange = rewritten.contains(before.services().get(i).name());
      List<PortPublish> a = before.services().get(i).ports();
      List<PortPublish> b = after.services().get(i).ports();
      if (a.size() != b.size()) {
        throw new IllegalStateException("the edit changed the number of ports; refusing");
      }
      for (int k = 0; k < a.size(); k++) {
        PortPublish x = a.get(k);
        PortPublish y = b.get(k);
        boolean same =
            x.published().equals(y.published())
                && x.target().equals(y.target())
                && x.protocol().equals(y.protocol())
                && (mayChange && x.isPublic()
                    ? y.hostIp().equals(LOOPBACK)
                    : x.hostIp().equals(y.hostIp()));
        if (!same) {
          throw new IllegalStateException("port " + x.label() + " did not come out as intended");
        }
      }
    }
  }

  /** The document with every {@code ports} entry removed, for comparing the rest. */
  private static Object withoutPorts(Object o) {
    if (o instanceof Map<?, ?> m) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      m.forEach(
          (k, v) -> {
            if (!"ports".equals(k)) {
              copy.put(k, withoutPorts(v));
            }
          });
      return copy;
    }
    if (o instanceof List<?> l) {
      return l.stream().map(ComposePortRewriter::withoutPorts).toList();
    }
    return o;
  }
}
