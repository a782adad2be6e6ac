package org.eventdispatcher.tcp.server;

import static org.awaitility.Awaitility.await;

import io.netty.channel.DefaultEventLoop;
import java.time.Duration;
import java.util.AbstractCollection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The sweep over the open connections (heartbeat, line timeout), on a real event loop. */
class ConnectionSweepTest {

    /** One open connection whose first look fails, as a bug in any rule of the sweep would. */
    static final class FailingOnce extends AbstractCollection<AcceptedConnection> {

        final AtomicInteger sweeps = new AtomicInteger();

        @Override
        public Iterator<AcceptedConnection> iterator() {
            if (sweeps.incrementAndGet() == 1) {
                throw new IllegalStateException("the first sweep fails");
            }
            return List.<AcceptedConnection>of().iterator();
        }

        @Override
        public int size() {
            return 1;
        }
    }

    @Test
    void aSweepThatFailsDoesNotDisarmTheTimers() throws InterruptedException {
        DefaultEventLoop loop = new DefaultEventLoop();
        try {
            FailingOnce connections = new FailingOnce();
            ConnectionSweep sweep = new ConnectionSweep(connections, loop, null, Duration.ofMillis(20));

            sweep.wake();

            await().atMost(Duration.ofSeconds(10)).until(() -> connections.sweeps.get() >= 3);
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }
}
