package dev.hermesharden.system.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ComposeDotEnvTest {
  @Test
  void readsTheProjectsDotEnvAsComposeDoes() {
    String text =
        "# the bind\n"
            + "export HERMES_BIND=0.0.0.0 # public\n"
            + "\n"
            + "LITERAL='${HERMES_BIND}'\n"
            + "QUOTED=\"${HERMES_BIND}:8642\\n\"\r\n"
            + "DEFAULT=${UNSET:-127.0.0.1}\n"
            + "TWICE=1\n"
            + "TWICE=2\n"
            + "=no key\n"
            + "no equals sign\n";
    Map<String, String> env = ComposeDotEnv.parse(text);
    assertEquals(
        Map.of(
            "HERMES_BIND", "0.0.0.0",
            "LITERAL", "${HERMES_BIND}",
            "QUOTED", "0.0.0.0:8642\n",
            "DEFAULT", "127.0.0.1",
            "TWICE", "2"),
        env);
  }
}
