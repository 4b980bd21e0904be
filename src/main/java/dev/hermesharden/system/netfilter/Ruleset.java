package dev.hermesharden.system.netfilter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code filter} table of {@code iptables-save} / {@code ip6tables-save} output: each chain's
 * policy and rules in order. Other tables are skipped (they can mark or redirect, not admit past a
 * drop in filter).
 *
 * @param policies built-in chain to its policy ({@code ACCEPT}, {@code DROP}); user chains have
 *     none
 * @param rules chain to its rules in order
 */
public record Ruleset(Map<String, String> policies, Map<String, List<Rule>> rules) {
  /** The {@link dev.hermesharden.host.Host#parsed} kind of an {@code iptables-save} text. */
  public static final String KIND = "iptables-save";

  /** An empty filter table: every built-in chain accepts. */
  public static final Ruleset EMPTY = new Ruleset(Map.of(), Map.of());

  /** One {@code -A CHAIN …} line, its arguments split as the shell would. */
  public record Rule(String chain, List<String> args, String text) {
    public Rule {
      args = List.copyOf(args);
    }

    /** The target of {@code -j}, or empty for a rule without one (a counter or {@code --set}). */
    public Optional<String> target() {
      int j = args.indexOf("-j");
      if (j < 0) {
        j = args.indexOf("-g");
      }
      return j >= 0 && j + 1 < args.size() ? Optional.of(args.get(j + 1)) : Optional.empty();
    }
  }

  public static Ruleset parse(String save) {
    Map<String, String> policies = new LinkedHashMap<>();
    Map<String, List<Rule>> rules = new LinkedHashMap<>();
    String table = "";
    for (String raw : save.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("*")) {
        table = line.substring(1);
      } else if (!table.equals("filter") || line.isEmpty() || line.startsWith("#")) {
        continue;
      } else if (line.startsWith(":")) {
        String[] f = line.substring(1).split("\\s+");
        rules.putIfAbsent(f[0], new ArrayList<>());
        if (f.length > 1 && !f[1].equals("-")) {
          policies.put(f[0], f[1]);
        }
      } else if (line.startsWith("-A ")) {
        List<String> words = split(line);
        String chain = words.get(1);
        rules
            .computeIfAbsent(chain, k -> new ArrayList<>())
            .add(new Rule(chain, words.subList(2, words.size()), line));
      }
    }
    return new Ruleset(policies, rules);
  }

  /** Whether ufw's chains are loaded (what {@code ufw status} calls active). */
  public boolean hasChain(String chain) {
    return rules.containsKey(chain);
  }

  /**
   * {@code builtin} and every chain its rules jump or go to, directly or through other chains: the
   * chains a packet entering {@code builtin} can pass. A chain only FORWARD reaches ({@code
   * DOCKER-USER}) is not among INPUT's.
   */
  public java.util.Set<String> reachableFrom(String builtin) {
    java.util.Set<String> seen = new java.util.LinkedHashSet<>(List.of(builtin));
    java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(builtin));
    while (!todo.isEmpty()) {
      for (Rule r : chain(todo.pop())) {
        r.target().filter(rules::containsKey).filter(seen::add).ifPresent(todo::add);
      }
    }
    return seen;
  }

  public String policy(String chain) {
    return policies.getOrDefault(chain, "ACCEPT");
  }

  public List<Rule> chain(String name) {
    return rules.getOrDefault(name, List.of());
  }

  /** Words of a rule line; double quotes group words (log prefixes, comments). */
  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : line.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (any) {
          out.add(cur.toString());
          cur.setLength(0);
          any = false;
        }
      } else {
        cur.append(c);
        any = true;
      }
    }
    if (any) {
      out.add(cur.toString());
    }
    return out;
  }
}
