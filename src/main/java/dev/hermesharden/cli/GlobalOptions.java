package dev.hermesharden.cli;

import java.nio.file.Path;

/** Options that apply to every command, wherever on the command line they stand. */
public final class GlobalOptions {
  boolean practice;
  Path stateDir;
  String lang;
  boolean debug;
  String confirmDir;
  String confirmProgram;
  String remote;
  String privateAddress;

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

  /** The confirm drop box (one directory per admin uid inside), when not the default. */
  public String confirmDir() {
    return confirmDir;
  }

  /** How the second session runs hermes-harden, when not plain {@code hermes-harden}. */
  public String confirmProgram() {
    return confirmProgram;
  }

  /** {@code --remote [user@]host[:port]} (or a {@code ~/.ssh/config} alias), when given. */
  public String remote() {
    return remote;
  }

  /** The server's private-path address as this machine dials it, when given. */
  public String privateAddress() {
    return privateAddress;
  }
}
