package dev.hermesharden.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The timer and service texts: {@code systemd-analyze verify} on copies in a temp dir when the tool
 * exists (it reads only the files given; nothing is installed on this machine), and always a
 * structural check of sections and keys.
 */
class ReviewUnitsTest {
  @TempDir Path dir;

  private static Map<String, Map<String, String>> sections(String unit) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    String current = null;
    for (String line : unit.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[")) {
        current = line.substring(1, line.indexOf(']'));
        out.put(current, new LinkedHashMap<>());
      } else {
        assertTrue(current != null && line.contains("="), "key=value inside a section: " + line);
        out.get(current)
            .put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
      }
    }
    return out;
  }

  @Test
  void unitsAreStructurallyRight() {
    var timer = sections(ReviewSchedule.timerUnit());
    assertEquals(List.of("Unit", "Timer", "Install"), List.copyOf(timer.keySet()));
    assertEquals("monthly", timer.get("Timer").get("OnCalendar"));
    assertEquals("true", timer.get("Timer").get("Persistent"));
    assertEquals("timers.target", timer.get("Install").get("WantedBy"));
    var service = sections(ReviewSchedule.serviceUnit("/usr/local/bin/hermes-harden"));
    assertEquals(List.of("Unit", "Service"), List.copyOf(service.keySet()));
    assertEquals("oneshot", service.get("Service").get("Type"));
    assertEquals("/usr/local/bin/hermes-harden review", service.get("Service").get("ExecStart"));
  }

  @Test
  void systemdAnalyzeVerifyAcceptsTheUnits() throws Exception {
    Path tool = Path.of("/usr/bin/systemd-analyze");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isExecutable(tool), "no systemd-analyze here");
    Path bin = dir.resolve("hermes-harden");
    Files.writeString(bin, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path timer = dir.resolve(ReviewSchedule.TIMER);
    Path service = dir.resolve(ReviewSchedule.SERVICE);
    Files.writeString(timer, ReviewSchedule.timerUnit());
    Files.writeString(service, ReviewSchedule.serviceUnit(bin.toString()));
    assertEquals(0, verify(tool, timer, service), "systemd-analyze verify");
    Files.writeString(timer, ReviewSchedule.timerUnit().replace("monthly", "mnthly"));
    assertTrue(verify(tool, timer, service) != 0, "the check can fail: a bad calendar is refused");
  }

  private static int verify(Path tool, Path timer, Path service) throws Exception {
    List<String> argv = new ArrayList<>(List.of(tool.toString(), "verify", "--man=no"));
    argv.add(timer.toString());
    argv.add(service.toString());
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "systemd-analyze finished");
    System.out.println(out);
    return p.exitValue();
  }
}
