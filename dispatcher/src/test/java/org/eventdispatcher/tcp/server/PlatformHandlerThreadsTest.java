package org.eventdispatcher.tcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The platform threads a connection's queue borrows (Java before 21): bounded, and never refusing work. */
class PlatformHandlerThreadsTest {

    /**
     * A closed connection's queue may still be busy when the connection that took its slot arrives
     * (and a thread that just finished is not back for the next task at once): its work must wait
     * for a thread, never be dropped, or the new connection is never opened nor closed.
     */
    @Test
    void workBeyondTheThreadLimitWaitsForAThreadInsteadOfBeingRefused() throws InterruptedException {
        Executor threads = HandlerThreads.PLATFORM.executor("test-handler-", 0, 1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch ran = new CountDownLatch(1);
        threads.execute(() -> {
            blocked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();

        threads.execute(ran::countDown); // the one thread is busy

        assertThat(ran.getCount()).isEqualTo(1);
        release.countDown();
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
