package dev.hermesharden.system.hermes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DotEnvEditorTest {
  private static final String CRLF =
      "# Hermes\r\nOPENROUTER_API_KEY=sk-or-v1-abc\r\n\r\nexport API_SERVER_HOST=0.0.0.0   # all interfaces\r\nTELEGRAM_ALLOW_ALL_USERS=true\r\nLAST='x'";

  @Test
  void setKeepsEveryOtherByteOfACrlfFileWithoutFinalNewline() {
    String out = DotEnvEditor.set(CRLF, "API_SERVER_HOST", "127.0.0.1");
    assertEquals(CRLF.replace("0.0.0.0   #", "127.0.0.1   #"), out);
  }

  @Test
  void removeCommentsTheLineOutInPlace() {
    String out = DotEnvEditor.remove(CRLF, "TELEGRAM_ALLOW_ALL_USERS");
    assertEquals(
        CRLF.replace(
            "TELEGRAM_ALLOW_ALL_USERS=true", "# hermes-harden: TELEGRAM_ALLOW_ALL_USERS=true"),
        out);
    assertEquals(Optional.empty(), DotEnv.parse(out).get("TELEGRAM_ALLOW_ALL_USERS"));
    assertEquals(CRLF, DotEnvEditor.remove(CRLF, "NOT_THERE"));
  }

  @Test
  void appendsAMissingKeyInTheFilesStyle() {
    assertEquals(CRLF + "\r\nAPI_SERVER_KEY=abc", DotEnvEditor.set(CRLF, "API_SERVER_KEY", "abc"));
    assertEquals("A=1\nB=2\n", DotEnvEditor.set("A=1\n", "B", "2"));
    assertEquals("B=2\n", DotEnvEditor.set("", "B", "2"));
  }

  @Test
  void keepsQuotingAndChangesOnlyTheLastDuplicate() {
    String text = "K=old\nK='older'\n";
    assertEquals("K=old\nK='new'\n", DotEnvEditor.set(text, "K", "new"));
    assertEquals("K=\"a b\"\n", DotEnvEditor.set("K=x\n", "K", "a b"));
  }

  @Test
  void removeCommentsOutEveryDuplicateSoNoEarlierOneWins() {
    String out = DotEnvEditor.remove("K=1\nX=2\nexport K=3\n", "K");
    assertEquals("# hermes-harden: K=1\nX=2\n# hermes-harden: export K=3\n", out);
  }

  @Test
  void aLargeFileChangesOnlyTheEditedLine() {
    String text = Fixtures.hermes("env-typical.env");
    String out = DotEnvEditor.set(text, "API_SERVER_HOST", "127.0.0.1");
    List<String> changed = HermesConfigEditorTest.changedLines(text, out);
    assertEquals(List.of("-API_SERVER_HOST=0.0.0.0", "+API_SERVER_HOST=127.0.0.1"), changed);
  }

  /**
   * A key behind a lone CR, or single-quoted: python-dotenv reads both, so the edit reaches them.
   */
  @Test
  void aKeyBehindALoneCrOrSingleQuotedIsEditedWhereDotenvReadsIt() {
    String cr = "X=0\rHERMES_YOLO_MODE=1\n";
    assertEquals(
        "X=0\rHERMES_YOLO_MODE=false\n", DotEnvEditor.set(cr, "HERMES_YOLO_MODE", "false"));
    assertEquals(
        "X=0\r" + DotEnvEditor.REMOVED + "HERMES_YOLO_MODE=1\n",
        DotEnvEditor.remove(cr, "HERMES_YOLO_MODE"));
    String quoted = "'TELEGRAM_ALLOW_ALL_USERS'=true\n";
    assertEquals(
        DotEnvEditor.REMOVED + quoted, DotEnvEditor.remove(quoted, "TELEGRAM_ALLOW_ALL_USERS"));
    assertEquals(
        "'HERMES_YOLO_MODE'=false\n",
        DotEnvEditor.set("'HERMES_YOLO_MODE'=1\n", "HERMES_YOLO_MODE", "false"));
  }
}
