package dev.hermesharden.fixes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UnifiedDiffTest {
  @Test
  void oneChangedLineShowsContextAndTheChange() {
    String before = "a\nb\nc\nd\ne\nf\ng\nh\n";
    String after = "a\nb\nc\nd\nE\nf\ng\nh\n";
    String diff = UnifiedDiff.of("/etc/x.conf", before, after, false);
    assertEquals(
        "--- a/etc/x.conf\n+++ b/etc/x.conf\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n",
        diff);
  }

  @Test
  void newFileDiffsAgainstDevNull() {
    String diff = UnifiedDiff.of("/etc/ssh/sshd_config.d/00-x.conf", "", "A yes\nB no\n", true);
    assertEquals(
        "--- /dev/null\n+++ b/etc/ssh/sshd_config.d/00-x.conf\n@@ -0,0 +1,2 @@\n+A yes\n+B no\n",
        diff);
  }

  @Test
  void identicalTextsHaveNoHunks() {
    String diff = UnifiedDiff.of("/f", "x\ny\n", "x\ny\n", false);
    assertEquals("--- a/f\n+++ b/f\n", diff);
  }

  @Test
  void aLargeFileWithOneEditStaysSmall() {
    String before =
        IntStream.range(0, 20_000)
            .mapToObj(i -> "key" + i + ": v")
            .collect(Collectors.joining("\n"));
    String after = before.replace("key10000: v", "key10000: w");
    String diff = UnifiedDiff.of("/big.yaml", before, after, false);
    assertTrue(diff.contains("-key10000: v\n+key10000: w\n"), diff);
    assertEquals(11, diff.lines().count(), diff);
  }
}
