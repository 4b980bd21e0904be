package dev.hermesharden.practice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Building a fresh practice VPS (what the wizard's first start does before its first frame) makes
 * no Jackson mapper: the simulated Docker keeps its containers' confinement without JSON, and the
 * mapper (~600 classes) is made when something first asks docker (issue 14's start path).
 */
class SeedMakesNoJsonMapperTest {
  /** Builds a fresh practice VPS and exits. */
  public static void main(String[] args) {
    SimulatedHost.fresh();
  }

  @Test
  void aFreshPracticeVpsIsBuiltWithoutJackson() throws Exception {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process p =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xlog:class+load=info",
                    "-cp",
                    cp.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator),
                    SeedMakesNoJsonMapperTest.class.getName()))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("dev.hermesharden.practice.SimContainers"), "it did seed: " + out);
    // the verifier loads the few node and exception types SimDocker's methods name; the mapper
    // and what it drags in (~600 classes) are what must wait
    assertFalse(
        out.contains("com.fasterxml.jackson.databind.ObjectMapper "),
        "Jackson's mapper was made while seeding");
  }
}
