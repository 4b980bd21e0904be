package dev.hermesharden.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LinkWalk} resolves a path as the kernel does; {@code realpath(3)} is the reference. */
class LinkWalkTest {
  @TempDir Path tmp;
  private final Host host = new LocalHost();

  @Test
  void realPathAgreesWithTheKernelOverRelativeAbsoluteAndDotDotLinks() throws Exception {
    Path real = Files.createDirectories(tmp.resolve("a/b/c"));
    Files.writeString(real.resolve("keys"), "x");
    Files.createSymbolicLink(tmp.resolve("rel"), Path.of("a/b")); // relative, from tmp
    Files.createSymbolicLink(tmp.resolve("a/up"), Path.of("../a/b/c/..")); // .. inside a target
    Files.createSymbolicLink(tmp.resolve("abs"), tmp.resolve("rel")); // absolute, to a link
    Files.createSymbolicLink(real.resolve("self"), Path.of("."));
    for (String p :
        new String[] {
          "rel/c/keys",
          "a/up/c/keys",
          "abs/c/self/self/keys",
          "a/b/../b/./c//keys",
          "abs/../b/c/keys"
        }) {
      String asked = tmp + "/" + p;
      assertEquals(
          Optional.of(Path.of(asked).toRealPath().toString()),
          LinkWalk.realPath(host, asked),
          asked);
    }
    assertEquals(Optional.of("/"), LinkWalk.realPath(host, "/"));
  }

  @Test
  void aMissingPartALoopOrARelativePathHasNoRealPath() throws Exception {
    Files.createSymbolicLink(tmp.resolve("loop1"), tmp.resolve("loop2"));
    Files.createSymbolicLink(tmp.resolve("loop2"), tmp.resolve("loop1"));
    Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("nothing"));
    assertEquals(Optional.empty(), LinkWalk.realPath(host, tmp + "/loop1/x"));
    assertEquals(Optional.empty(), LinkWalk.realPath(host, tmp + "/dangling"));
    assertEquals(Optional.empty(), LinkWalk.realPath(host, "relative/path"));
  }

  @Test
  void aWalkPastTheLinkLimitIsUnsafe() throws Exception {
    Files.createSymbolicLink(tmp.resolve("me"), Path.of("."));
    LinkWalk walk = new LinkWalk(tmp + "/me".repeat(LinkWalk.MAX_LINKS + 1));
    HostException e =
        assertThrows(
            HostException.class,
            () -> {
              while (walk.hasNext()) {
                Optional<String> next = walk.step();
                if (next.isPresent() && host.lstat(next.get()).orElseThrow().isSymlink()) {
                  walk.follow(host, next.get());
                } else {
                  next.ifPresent(walk::enter);
                }
              }
            });
    assertEquals(HostException.Kind.UNSAFE, e.kind());
  }
}
