package dev.hermesharden.system.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ComposePortRewriterTest {

  /** Lines of a and b that differ, by 0-based index; both must have the same number of lines. */
  private static Map<Integer, String[]> changedLines(String a, String b) {
    String[] x = a.split("\n", -1);
    String[] y = b.split("\n", -1);
    assertEquals(x.length, y.length, "same number of lines");
    Map<Integer, String[]> out = new TreeMap<>();
    for (int i = 0; i < x.length; i++) {
      if (!x[i].equals(y[i])) {
        out.put(i, new String[] {x[i], y[i]});
      }
    }
    return out;
  }

  @Test
  void quickstartOnlyThePortValuesChange() {
    String before = ComposeFixtures.read("compose/quickstart.yml");
    ComposePortRewriter.Result r = ComposePortRewriter.rewrite("/opt/hermes/c.yml", before);
    Map<Integer, String[]> diff = changedLines(before, r.text());
    assertEquals(List.of(8, 9), List.copyOf(diff.keySet()));
    assertEquals("      - \"127.0.0.1:8642:8642\"   # gateway API", diff.get(8)[1]);
    assertEquals(
        "      - '127.0.0.1:9119:9119'   # dashboard (only when HERMES_DASHBOARD=1)",
        diff.get(9)[1]);
    assertEquals(List.of(9, 10), r.changedLines());
    assertTrue(
        ComposeFile.parse("/c.yml", r.text()).services().get(0).ports().stream()
            .noneMatch(PortPublish::isPublic));
  }

  @Test
  void shortSyntaxVariantsKeepInterpolationRangesAndProtocol() {
    String before = ComposeFixtures.read("compose/short-syntax.yml");
    String after = ComposePortRewriter.rewrite("/c.yml", before).text();
    Map<Integer, String[]> diff = changedLines(before, after);
    List<String> now = new ArrayList<>();
    diff.values().forEach(d -> now.add(d[1].strip()));
    assertEquals(
        List.of(
            "- \"127.0.0.1::8642\"",
            "- \"127.0.0.1:8000-8010:8000-8010\"",
            "- \"127.0.0.1:5353:5353/udp\"",
            "- \"127.0.0.1:8644:8642\"",
            "- \"127.0.0.1:8645:8642\"",
            "- \"127.0.0.1:${PORT:-8642}:8642\"",
            "- 127.0.0.1:8647:8642"),
        now);
  }

  @Test
  void longSyntaxGetsHostIpInsertedOrReplaced() {
    String before = ComposeFixtures.read("compose/long-syntax.yml");
    String after = ComposePortRewriter.rewrite("/c.yml", before).text();
    List<String> a = List.of(before.split("\n", -1));
    List<String> b = List.of(after.split("\n", -1));
    assertEquals(a.size() + 1, b.size(), "one line inserted for the entry without host_ip");
    assertEquals("      - target: 8642", b.get(5));
    assertEquals("        host_ip: 127.0.0.1", b.get(6));
    assertEquals(a.subList(6, 12), b.subList(7, 13), "following lines untouched");
    assertEquals("        host_ip: \"127.0.0.1\"   # explicit wildcard", b.get(14));
    assertEquals("      - {target: 7001, published: 7001, host_ip: 127.0.0.1}", b.get(16));
    assertEquals(a.subList(16, a.size()), b.subList(17, b.size()));
  }

  @Test
  void crlfFilesKeepTheirLineEndings() {
    String before =
        "services:\r\n  h:\r\n    ports:\r\n      - target: 1\r\n        published: 1\r\n";
    String after = ComposePortRewriter.rewrite("/c.yml", before).text();
    assertEquals(
        "services:\r\n  h:\r\n    ports:\r\n      - target: 1\r\n        host_ip: 127.0.0.1\r\n        published: 1\r\n",
        after);
  }

  @Test
  void aReverseProxyBesideHermesKeepsItsPublicPorts() {
    String before =
        "services:\n"
            + "  caddy:\n    image: caddy:2\n    ports:\n      - \"443:443\"\n"
            + "  hermes:\n    image: nousresearch/hermes-agent:latest\n    ports:\n      - \"8642:8642\"\n";
    String after = ComposePortRewriter.rewrite("/c.yml", before).text();
    assertEquals(before.replace("\"8642:8642\"", "\"127.0.0.1:8642:8642\""), after);
  }

  @Test
  void nothingPublicMeansSameText() {
    String text = "services:\n  h:\n    ports: [\"127.0.0.1:1:1\"]\n";
    ComposePortRewriter.Result r = ComposePortRewriter.rewrite("/c.yml", text);
    assertFalse(r.changed());
    assertSame(text, r.text());
  }

  @Test
  void aPortSpanningLinesIsRefused() {
    String text = "services:\n  h:\n    ports:\n      - \"8642:\n        8642\"\n";
    assertThrows(IllegalStateException.class, () -> ComposePortRewriter.rewrite("/c.yml", text));
  }

  @Test
  void twoHundredServicesAreRewrittenInOnePass() {
    StringBuilder sb = new StringBuilder("# generated\nservices:\n");
    for (int i = 0; i < 200; i++) {
      sb.append("  svc")
          .append(i)
          .append(":\n")
          .append("    image: example/app:")
          .append(i)
          .append("   # tag ")
          .append(i)
          .append('\n')
          .append("    ports:\n")
          .append("      - \"")
          .append(10000 + i)
          .append(":8642\"\n")
          .append("      - target: 9119\n")
          .append("        published: ")
          .append(20000 + i)
          .append('\n')
          .append("    environment:\n      - N=")
          .append(i)
          .append('\n');
    }
    String before = sb.toString();
    long start = System.nanoTime();
    ComposePortRewriter.Result r = ComposePortRewriter.rewrite("/c.yml", before);
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertEquals(400, r.changedLines().size());
    ComposeFile after = ComposeFile.parse("/c.yml", r.text());
    assertEquals(200, after.services().size());
    assertTrue(
        after.services().stream()
            .flatMap(s -> s.ports().stream())
            .noneMatch(PortPublish::isPublic));
    assertTrue(r.text().contains("      - \"127.0.0.1:10199:8642\"\n"));
    // Not a timing test (the design keeps those in benchmarks); a generous bound only catches
    // an accidental quadratic blow-up.
    assertTrue(ms < 10_000, "took " + ms + " ms");
  }

  /**
   * Found on the sandbox VPS: docker-compose 1.29.2 says "contains unsupported option: 'host_ip'".
   */
  @Test
  void composeV1RejectsHostIpSoLongSyntaxBecomesShortSyntax() {
    String before =
        "services:\n"
            + "  hermes:\n"
            + "    image: nousresearch/hermes-agent:latest\n"
            + "    ports:\n"
            + "      - \"${PORT:-8642}:8642\"   # API\n"
            + "      - target: 9119   # dashboard\n"
            + "        published: 9119\n"
            + "        protocol: tcp\n"
            + "        mode: host\n"
            + "    volumes:\n"
            + "      - ./data:/opt/data\n";
    String after = ComposePortRewriter.rewrite("/c.yml", before, true).text();
    assertEquals(
        "services:\n"
            + "  hermes:\n"
            + "    image: nousresearch/hermes-agent:latest\n"
            + "    ports:\n"
            + "      - \"127.0.0.1:${PORT:-8642}:8642\"   # API\n"
            + "      - \"127.0.0.1:9119:9119/tcp\"\n"
            + "    volumes:\n"
            + "      - ./data:/opt/data\n",
        after);
    assertFalse(ComposePortRewriter.rewrite("/c.yml", before, false).text().contains("9119/tcp"));
  }

  @Test
  void composeV1RefusesALongSyntaxEntryShortSyntaxCannotSay() {
    String text =
        "services:\n  hermes:\n    image: nousresearch/hermes-agent\n    ports:\n"
            + "      - target: 8642\n        published: 8642\n        mode: ingress\n";
    assertThrows(
        IllegalStateException.class, () -> ComposePortRewriter.rewrite("/c.yml", text, true));
  }

  /** A publish public by the project's {@code .env} is rewritten, and stays loopback with it. */
  @Test
  void aPublishPublicByTheProjectsDotEnvBecomesLoopback() {
    String before =
        "services:\n  hermes:\n    image: hermes\n    ports:\n"
            + "      - \"${HERMES_BIND:-127.0.0.1}:8642:8642\"  # API\n"
            + "      - \"${OTHER:-127.0.0.1}:9119:9119\"\n";
    Map<String, String> env = Map.of("HERMES_BIND", "0.0.0.0");
    assertFalse(ComposePortRewriter.rewrite("/c.yml", before).changed(), "by the defaults");
    String after = ComposePortRewriter.rewrite("/c.yml", before, false, env).text();
    assertTrue(after.contains("      - \"127.0.0.1:8642:8642\"  # API\n"), after);
    assertTrue(after.contains("${OTHER:-127.0.0.1}:9119:9119"), after);
    assertTrue(
        ComposeFile.parse("/c.yml", after, env).services().get(0).ports().stream()
            .noneMatch(PortPublish::isPublic),
        after);
  }

  /** The ports a Hermes service gets from its base are edited where the base writes them. */
  @Test
  void portsFromABaseTheServiceExtendsAreRewrittenInTheBase() {
    String before =
        "services:\n  base:\n    image: tools\n    ports: [\"8642:8642\"]\n"
            + "  hermes:\n    extends: base\n    image: nousresearch/hermes-agent\n";
    String after = ComposePortRewriter.rewrite("/c.yml", before).text();
    assertTrue(after.contains("ports: [\"127.0.0.1:8642:8642\"]"), after);
    assertTrue(
        ComposeFile.parse("/c.yml", after).hermesServices().get(0).ports().stream()
            .noneMatch(PortPublish::isPublic),
        after);
  }
}
