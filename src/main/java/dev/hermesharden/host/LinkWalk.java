package dev.hermesharden.host;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.Optional;

/**
 * A path's names taken one at a time the way the kernel resolves them: empty names and {@code .}
 * are dropped, {@code ..} steps up, and a symlink's target takes the link's place in what is left
 * (from {@code /} when it is absolute, else from the link's own directory), at most {@link
 * #MAX_LINKS} links. The walk asks nothing itself: its user {@code lstat}s each name, judges it,
 * and says whether to {@link #enter} it or {@link #follow} it. {@link PathTrust#classify} and
 * {@link #realPath} are its two users.
 */
public final class LinkWalk {
  /** Symlinks followed before a path counts as a loop (as the kernel's MAXSYMLINKS). */
  public static final int MAX_LINKS = 40;

  private final String path;
  private final Deque<String> todo = new ArrayDeque<>();
  private String cur = "";
  private int links;

  /** A walk of {@code path} from {@code /}. */
  public LinkWalk(String path) {
    this.path = path;
    push(path);
  }

  /** Whether names are left. */
  public boolean hasNext() {
    return !todo.isEmpty();
  }

  /**
   * The next name as a path below the current directory, not entered yet; empty for a {@code ..},
   * which has already moved the walk to the parent.
   */
  public Optional<String> step() {
    String name = todo.pop();
    if (name.equals("..")) {
      cur = cur.contains("/") ? cur.substring(0, cur.lastIndexOf('/')) : "";
      return Optional.empty();
    }
    return Optional.of(cur + "/" + name);
  }

  /** Moves the walk into {@code next}, the directory {@link #step} named. */
  public void enter(String next) {
    cur = next;
  }

  /**
   * Puts the target of the symlink {@code link} (the path {@link #step} named) in its place.
   *
   * @return whether the target is absolute (the walk starts again from {@code /})
   * @throws HostException {@code UNSAFE} past {@link #MAX_LINKS} links
   */
  public boolean follow(Host host, String link) throws HostException {
    if (++links > MAX_LINKS) {
      throw new HostException(HostException.Kind.UNSAFE, "too many symbolic links: " + path);
    }
    String target = host.readLink(link);
    push(target); // a relative target continues from the link's own directory
    if (target.startsWith("/")) {
      cur = "";
      return true;
    }
    return false;
  }

  /** The directory the walk is in; {@code ""} for {@code /}. */
  public String current() {
    return cur;
  }

  /** The names left, in order. */
  public Collection<String> remaining() {
    return Collections.unmodifiableCollection(todo);
  }

  /** {@code next} with the names left after it: the whole path as it now reads. */
  public String rest(String next) {
    StringBuilder sb = new StringBuilder(next);
    for (String n : todo) {
      sb.append('/').append(n);
    }
    return sb.toString();
  }

  /**
   * {@code realpath(3)} by {@code lstat} and {@code readlink}: every link followed, whoever owns
   * it. Empty when a part is missing, the path is relative, or its links loop.
   */
  public static Optional<String> realPath(Host host, String path) throws HostException {
    if (!path.startsWith("/")) {
      return Optional.empty();
    }
    LinkWalk walk = new LinkWalk(path);
    while (walk.hasNext()) {
      Optional<String> next = walk.step();
      if (next.isEmpty()) {
        continue;
      }
      Optional<FileStat> st = host.lstat(next.get());
      if (st.isEmpty()) {
        return Optional.empty();
      }
      if (!st.get().isSymlink()) {
        walk.enter(next.get());
      } else if (walk.links >= MAX_LINKS) {
        return Optional.empty();
      } else {
        walk.follow(host, next.get());
      }
    }
    return Optional.of(walk.cur.isEmpty() ? "/" : walk.cur);
  }

  private void push(String path) {
    String[] parts = path.split("/");
    for (int i = parts.length - 1; i >= 0; i--) {
      if (!parts[i].isEmpty() && !parts[i].equals(".")) {
        todo.push(parts[i]);
      }
    }
  }
}
