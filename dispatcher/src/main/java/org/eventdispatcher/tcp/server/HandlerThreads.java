package org.eventdispatcher.tcp.server;

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import org.springframework.core.task.VirtualThreadTaskExecutor;

/**
 * With {@link ServerThreading#THREAD_PER_CONNECTION}, the thread each connection's handlers run
 * on: a single-thread Netty executor per connection, so that its lines are handled in order and a
 * handler that blocks holds up its own peer only. Virtual threads make that cheap (Java 21+).
 * Platform threads get a small stack and are kept for a minute after their connection closes, for
 * the next one: starting a platform thread costs more than a short conversation, and it would be
 * started on the event loop that accepted the connection (measured in BENCHMARKS.md).
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
     * Makes the executor of one connection; its thread starts with its first task and ends once
     * the executor is shut down.
     *
     * @param platformStackBytes stack size of platform threads (0: the JVM's default)
     * @throws IllegalStateException for {@link #VIRTUAL} on a Java without virtual threads
     */
    public ExecutorFactory executors(String namePrefix, long platformStackBytes) {
        Executor threads = virtual() ? virtualThreads(namePrefix) : platformThreads(namePrefix, platformStackBytes);
        return () -> new DefaultEventExecutor(threads);
    }

    /** Makes one executor per connection. */
    @FunctionalInterface
    public interface ExecutorFactory {
        EventExecutor newExecutor();
    }

    private static Executor virtualThreads(String namePrefix) {
        if (Runtime.version().feature() < VIRTUAL_THREADS_SINCE) {
            throw new IllegalStateException("virtual handler threads need Java " + VIRTUAL_THREADS_SINCE
                    + " or later; this is Java " + Runtime.version().feature());
        }
        return new VirtualThreadTaskExecutor(namePrefix);
    }

    /** Never shut down: idle threads end on their own after a minute. */
    private static Executor platformThreads(String namePrefix, long stackBytes) {
        AtomicInteger count = new AtomicInteger();
        // the number of threads is bounded by the connection limit: each serves one connection
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(null, task, namePrefix + count.incrementAndGet(), stackBytes);
            thread.setDaemon(true);
            return thread;
        });
    }
}
