package dev.hermesharden.engine;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.ForwardingHost;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.SshAuthOffer;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A read-through view of a host for one run of checks: the same command (same argv) or file read is
 * asked once and answered from memory after that, so six sshd checks share one {@code sshd -T}. A
 * failure is remembered too (a command that timed out would only time out again). Any write forgets
 * everything, since the answers may have changed. Not for use across runs: it never notices changes
 * made by anyone else.
 *
 * <p>Files parsed from its answers ({@link #parsed}) are kept the same way: a compose file with
 * 3,200 services or a 5 MB {@code config.yaml} is parsed once per run, not once per check. A kept
 * parse is used only for the very text it was made from.
 *
 * <p>{@code lstat} answers are kept the same way (a check run only reads, and a write forgets
 * them): the trust of a path is judged from them, and the read that follows is made safe by itself
 * ({@code O_NOFOLLOW}, or with the owner's own rights), not by the answer being fresh.
 *
 * <p>A command given standard input and an output cap ({@link #exec(List, Duration, byte[], int)})
 * is passed through and never remembered: input makes it an action, and a check that reads what
 * changes while it runs (a log after its own failed login) asks again with it.
 */
final class CachingHost extends ForwardingHost {
  private record Answer<T>(T value, HostException failure) {
    T get() throws HostException {
      if (failure != null) {
        throw failure;
      }
      return value;
    }
  }

  private interface Call<T> {
    T run() throws HostException;
  }

  /** One future per question: asked once, and callers of the same question wait for it. */
  private final Map<String, CompletableFuture<Answer<?>>> cache = new ConcurrentHashMap<>();

  /** A file's text and what its parser made of it (or threw). */
  private record Parse(String text, Object value, RuntimeException failure) {}

  /** One future per parse of a file, as {@link #cache} holds one per question. */
  private final Map<String, CompletableFuture<Parse>> parses = new ConcurrentHashMap<>();

  CachingHost(Host inner) {
    super(inner);
  }

  @Override
  public ExecResult exec(List<String> argv, Duration timeout) throws HostException {
    return cached("exec\0" + String.join("\0", argv), () -> inner.exec(argv, timeout));
  }

  @Override
  public Optional<String> readFile(String path, Charset charset) throws HostException {
    return cached("read\0" + charset + "\0" + path, () -> inner.readFile(path, charset));
  }

  @Override
  public List<String> listDirectory(String path) throws HostException {
    return cached("list\0" + path, () -> inner.listDirectory(path));
  }

  @Override
  public Optional<FileStat> lstat(String path) throws HostException {
    return cached("lstat\0" + path, () -> inner.lstat(path));
  }

  /**
   * Kept as one question per list: {@link dev.hermesharden.host.PathTrust} walks the same
   * directories above a compose file or {@code .env} for every check that reads it, and over SSH
   * each walk is a command.
   */
  @Override
  public List<Optional<FileStat>> lstatAll(List<String> paths) throws HostException {
    List<Optional<FileStat>> all =
        cached("lstats\0" + String.join("\0", paths), () -> inner.lstatAll(paths));
    // each answer is also that path's lstat: a check that asks many names in one batch (one
    // command over SSH) then asks them one by one for free
    for (int i = 0; i < paths.size() && i < all.size(); i++) {
      cache.putIfAbsent(
          "lstat\0" + paths.get(i),
          CompletableFuture.completedFuture(new Answer<>(all.get(i), null)));
    }
    return all;
  }

  @Override
  public String readLink(String path) throws HostException {
    return cached("readlink\0" + path, () -> inner.readLink(path));
  }

  @Override
  public SshAuthOffer sshAuthOffer(String address, int port, String user) throws HostException {
    return cached(
        "ssh\0" + address + "\0" + port + "\0" + user,
        () -> inner.sshAuthOffer(address, port, user));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T parsed(String kind, String path, String text, Function<String, T> parser) {
    String key = "parsed\0" + kind + "\0" + path;
    CompletableFuture<Parse> mine = new CompletableFuture<>();
    CompletableFuture<Parse> known = parses.putIfAbsent(key, mine);
    if (known == null) {
      try {
        mine.complete(new Parse(text, inner.parsed(kind, path, text, parser), null));
      } catch (RuntimeException e) {
        mine.complete(new Parse(text, null, e));
      } catch (Error e) {
        parses.remove(key, mine);
        mine.completeExceptionally(e);
        throw e;
      }
      known = mine;
    }
    Parse p = known.join();
    if (!p.text().equals(text)) {
      // another text under the same path (not from this host's answers): not this parse
      return inner.parsed(kind, path, text, parser);
    }
    if (p.failure() != null) {
      throw p.failure();
    }
    return (T) p.value();
  }

  @Override
  public void writeFile(String path, String content, FileAttrs attrs, Charset charset)
      throws HostException {
    forget();
    inner.writeFile(path, content, attrs, charset);
  }

  @Override
  public void deleteFile(String path) throws HostException {
    forget();
    inner.deleteFile(path);
  }

  private void forget() {
    cache.clear();
    parses.clear();
  }

  /**
   * Different questions run at once (steps are checked in parallel); the same question is asked of
   * the host once and every other caller waits for that answer.
   */
  @SuppressWarnings("unchecked")
  private <T> T cached(String key, Call<T> call) throws HostException {
    CompletableFuture<Answer<?>> mine = new CompletableFuture<>();
    CompletableFuture<Answer<?>> known = cache.putIfAbsent(key, mine);
    if (known == null) {
      try {
        mine.complete(new Answer<>(call.run(), null));
      } catch (HostException e) {
        mine.complete(new Answer<>(null, e));
      } catch (RuntimeException | Error e) {
        cache.remove(key, mine);
        mine.completeExceptionally(e);
        throw e;
      }
      known = mine;
    }
    return (T) known.join().get();
  }
}
