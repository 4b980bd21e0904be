package dev.hermesharden.cli;

import java.nio.file.Path;

/** Options that apply to every command, wherever on the command line they stand. */
public final class GlobalOptions {
  boolean practice;
  Path stateDir;
  String lang;
  boolean debug;

  public boolean practice() {
    return practice;
  }

  public Path stateDir() {
    return stateDir;
  }

  public String lang() {
    return lang;
  }

  public boolean debug() {
    return debug;
  }
}
