package org.eventdispatcher.connection;

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The threads that read connections: one per connection, blocked in {@code read} while the peer
 * is quiet. Virtual threads make that cheap (Java 21+): one is started per connection. Platform
 * threads get a small stack and are kept for a minute after their connection closes, for the
 * next one: starting a platform thread costs more than a short conversation.
 */
public enum ReaderThreads {

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
     * The executor of the reader threads; a failure to start a thread becomes a refused
     * connection.
     *
     * @param platformStackBytes stack size of platform threads (0: the JVM's default)
     * @throws IllegalStateException for {@link #VIRTUAL} on a Java without virtual threads
     */
    public Executor executor(String namePrefix, long platformStackBytes) {
        if (virtual()) {
            if (Runtime.version().feature() < VIRTUAL_THREADS_SINCE) {
                throw new IllegalStateException("virtual reader threads need Java " + VIRTUAL_THREADS_SINCE
                        + " or later; this is Java " + Runtime.version().feature());
            }
            SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(namePrefix);
            executor.setVirtualThreads(true);
            return new ReaderExecutor(executor);
        }
        AtomicInteger count = new AtomicInteger();
        // the number of threads is bounded by the connection limit: each holds one connection
        return new ReaderExecutor(new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(null, task, namePrefix + count.incrementAndGet(), platformStackBytes);
                    thread.setDaemon(true);
                    return thread;
                }));
    }
}
