package org.eventdispatcher.tcp.server;

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.core.task.VirtualThreadTaskExecutor;

/**
 * With {@link ServerThreading#THREAD_PER_CONNECTION}, the threads the connections' handlers run
 * on, shared by every connection through a {@link SerialQueue} of its own: its lines are handled
 * in order, and a handler that blocks holds up its own peer only. Virtual threads make that cheap
 * (Java 21+): one per batch of work. Platform threads are a pool, bounded, with a small stack,
 * kept for a minute once idle for the next batch: starting a platform thread costs more than a
 * short conversation.
 */
public enum HandlerThreads {

    /** Virtual threads on Java 21 and later, platform threads before. */
    AUTO,
    VIRTUAL,
    PLATFORM;

    /** The first Java feature release with virtual threads. */
    public static final int VIRTUAL_THREADS_SINCE = 21;

    public boolean virtual() {
        return this == VIRTUAL || (this == AUTO && Runtime.version().feature() >= VIRTUAL_THREADS_SINCE);
    }

    /**
     * The threads every connection's queue borrows from.
     *
     * @param platformStackBytes stack size of platform threads (0: the JVM's default)
     * @param maxPlatformThreads platform threads at most: a connection's queue uses one at a time,
     *                           so the connection limit is enough for no handler to wait for another's
     * @throws IllegalStateException for {@link #VIRTUAL} on a Java without virtual threads
     */
    public Executor executor(String namePrefix, long platformStackBytes, int maxPlatformThreads) {
        return virtual()
                ? virtualThreads(namePrefix)
                : platformThreads(namePrefix, platformStackBytes, maxPlatformThreads);
    }

    private static Executor virtualThreads(String namePrefix) {
        if (Runtime.version().feature() < VIRTUAL_THREADS_SINCE) {
            throw new IllegalStateException("virtual handler threads need Java " + VIRTUAL_THREADS_SINCE
                    + " or later; this is Java " + Runtime.version().feature());
        }
        return new VirtualThreadTaskExecutor(namePrefix);
    }

    /** Never shut down: idle threads end on their own after a minute. */
    private static Executor platformThreads(String namePrefix, long stackBytes, int max) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, max, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(null, task, namePrefix + count.incrementAndGet(), stackBytes);
            thread.setDaemon(true);
            return thread;
        });
    }
}
