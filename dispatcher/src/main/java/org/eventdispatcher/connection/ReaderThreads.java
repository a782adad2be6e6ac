package org.eventdispatcher.connection;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The threads that read connections: one per connection, blocked in {@code read} while the peer
 * is quiet. Virtual threads make that cheap (Java 21+); platform threads get a small stack.
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
     * @param platformStackBytes stack size of platform threads (0: the JVM's default)
     * @throws IllegalStateException for {@link #VIRTUAL} on a Java without virtual threads
     */
    public Executor executor(String namePrefix, long platformStackBytes) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(namePrefix);
        if (virtual()) {
            if (Runtime.version().feature() < VIRTUAL_THREADS_SINCE) {
                throw new IllegalStateException("virtual reader threads need Java " + VIRTUAL_THREADS_SINCE
                        + " or later; this is Java " + Runtime.version().feature());
            }
            executor.setVirtualThreads(true);
        } else {
            AtomicInteger count = new AtomicInteger();
            executor.setThreadFactory(task -> {
                Thread thread = new Thread(null, task, namePrefix + count.incrementAndGet(), platformStackBytes);
                thread.setDaemon(true);
                return thread;
            });
        }
        return executor;
    }
}
