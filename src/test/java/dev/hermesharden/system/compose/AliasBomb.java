package dev.hermesharden.system.compose;

/**
 * Nine anchors of nine aliases each: a few hundred bytes of YAML that mean 9^9 values (a "billion
 * laughs"), hung under {@code mcp_servers} as the agent could write it into its own {@code
 * config.yaml}. For the parser's test and the sandbox's.
 */
public final class AliasBomb {
  public static final String YAML = build();

  private AliasBomb() {}

  private static String build() {
    StringBuilder y = new StringBuilder("x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 10; i++) {
      y.append("x").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        y.append(j > 0 ? ", " : "").append("*a").append(i - 1);
      }
      y.append("]\n");
    }
    return y.append("mcp_servers:\n  evil: *a9\n").toString();
  }
}
