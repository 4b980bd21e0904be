package dev.hermesharden.host;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Independent questions to a host, asked side by side: each waits for a command to end or for a
 * round trip over SSH, not for a core (fail2ban's client is a Python start, sshd is asked once per
 * connection). The answers keep the questions' order; the first failure, in that order, is thrown
 * once every question has ended.
 */
public final class SideBySide {
  /** More questions than this wait for a thread. */
  static final int MAX_THREADS = 8;

  /** One question about one item. */
  public interface Question<T, R> {
    R ask(T item) throws HostException;
  }

  private SideBySide() {}

  /**
   * {@link #map} when each of {@code host}'s questions is a round trip ({@link Host#overNetwork});
   * on this machine one after another, where more threads would cost more than they save.
   */
  public static <T, R> List<R> map(Host host, List<T> items, Question<T, R> question)
      throws HostException {
    if (host.overNetwork()) {
      return map(items, question);
    }
    List<R> out = new ArrayList<>();
    for (T item : items) {
      out.add(question.ask(item));
    }
    return out;
  }

  public static <T, R> List<R> map(List<T> items, Question<T, R> question) throws HostException {
    List<R> out = new ArrayList<>();
    if (items.size() <= 1) {
      for (T item : items) {
        out.add(question.ask(item));
      }
      return out;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(MAX_THREADS, items.size()), Daemons.named("side-by-side"));
    try {
      List<Future<R>> asked = new ArrayList<>();
      for (T item : items) {
        asked.add(pool.submit(() -> question.ask(item)));
      }
      HostException failed = null;
      for (Future<R> f : asked) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          if (e.getCause() instanceof HostException h) {
            failed = failed == null ? h : failed;
            out.add(null);
          } else if (e.getCause() instanceof RuntimeException r) {
            throw r;
          } else if (e.getCause() instanceof Error err) {
            throw err;
          } else {
            throw new IllegalStateException(e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new HostException(HostException.Kind.IO, "interrupted while asking the host", e);
        }
      }
      if (failed != null) {
        throw failed;
      }
      return out;
    } finally {
      pool.shutdown();
    }
  }
}
