package dev.hermesharden.host;

import java.util.concurrent.ThreadFactory;

/**
 * Named daemon threads: work that must never keep the JVM alive once {@code main} is done (the
 * wizard's worker and saver, the check threads, the work started ahead, a command's stream pumps).
 * The name is what a thread dump and the profiler show.
 */
public final class Daemons {
  private Daemons() {}

  /** For an executor: each thread it makes is a daemon called {@code name}. */
  public static ThreadFactory named(String name) {
    return r -> thread(name, r);
  }

  /** Runs {@code work} on a new daemon thread called {@code name}. */
  public static Thread start(String name, Runnable work) {
    Thread t = thread(name, work);
    t.start();
    return t;
  }

  private static Thread thread(String name, Runnable work) {
    Thread t = new Thread(work, name);
    t.setDaemon(true);
    return t;
  }
}
