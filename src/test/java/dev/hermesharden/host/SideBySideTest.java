package dev.hermesharden.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SideBySideTest {
  @Test
  void questionsAreAskedAtOnceAndAnswersKeepTheirOrder() throws Exception {
    // each question waits until every question has started: asked one after another, the first
    // would wait in vain
    CountDownLatch started = new CountDownLatch(3);
    List<String> answers =
        SideBySide.map(
            List.of("a", "b", "c"),
            q -> {
              started.countDown();
              try {
                if (!started.await(10, TimeUnit.SECONDS)) {
                  throw new HostException(HostException.Kind.TIMEOUT, "asked one at a time");
                }
              } catch (InterruptedException e) {
                throw new HostException(HostException.Kind.IO, "interrupted", e);
              }
              return q.toUpperCase();
            });
    assertEquals(List.of("A", "B", "C"), answers);
  }

  /**
   * Over the network the questions run side by side; on this machine in turn, on the caller's own
   * thread (a local audit on 32 threads grew by 4.5 MiB for nothing).
   */
  @Test
  void onlyAHostOverTheNetworkIsAskedSideBySide() throws Exception {
    Host local = new LocalHost();
    Host remote =
        new ForwardingHost(local) {
          @Override
          public boolean overNetwork() {
            return true;
          }
        };
    Thread me = Thread.currentThread();
    List<String> items = List.of("a", "b", "c");
    assertEquals(
        List.of(true, true, true), SideBySide.map(local, items, q -> Thread.currentThread() == me));
    assertEquals(
        List.of(false, false, false),
        SideBySide.map(remote, items, q -> Thread.currentThread() == me));
  }

  @Test
  void theFirstFailureInOrderIsThrownOnceEveryQuestionHasEnded() {
    AtomicInteger ended = new AtomicInteger();
    HostException e =
        assertThrows(
            HostException.class,
            () ->
                SideBySide.map(
                    List.of(1, 2, 3, 4),
                    q -> {
                      try {
                        if (q % 2 == 0) {
                          throw new HostException(HostException.Kind.IO, "failed " + q);
                        }
                        return q;
                      } finally {
                        ended.incrementAndGet();
                      }
                    }));
    assertEquals("failed 2", e.getMessage());
    assertEquals(4, ended.get());
  }
}
