package dev.hermesharden.practice;

/** One entry of the practice VPS's filesystem: a directory or a text file with owner and mode. */
public record SimFile(boolean directory, String content, String owner, String group, int mode) {
  public static SimFile dir(String owner, String group, int mode) {
    return new SimFile(true, "", owner, group, mode);
  }

  public static SimFile file(String content, String owner, String group, int mode) {
    return new SimFile(false, content, owner, group, mode);
  }

  public SimFile withContent(String c) {
    return new SimFile(directory, c, owner, group, mode);
  }

  public SimFile withMode(int m) {
    return new SimFile(directory, content, owner, group, m);
  }

  public SimFile withOwner(String o, String g) {
    return new SimFile(directory, content, o == null ? owner : o, g == null ? group : g, mode);
  }
}
