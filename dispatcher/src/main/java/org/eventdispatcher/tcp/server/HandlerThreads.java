package org.eventdispatcher.tcp.server;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedTransferQueue;
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

    /**
     * Never shut down: idle threads end on their own after a minute. A task goes to an idle thread,
     * else to a new one up to {@code max}, else it waits for the first thread free: never refused.
     * (A closed connection's queue may still hold a thread when the connection that took its slot
     * arrives, and a thread that just finished is not waiting for the next task at once.) At most
     * one task per connection's queue waits, so the wait is bounded by the connections.
     */
    private static Executor platformThreads(String namePrefix, long stackBytes, int max) {
        AtomicInteger count = new AtomicInteger();
        IdleThreadsFirst tasks = new IdleThreadsFirst();
        return new ThreadPoolExecutor(
                0,
                max,
                60,
                TimeUnit.SECONDS,
                tasks,
                task -> {
                    Thread thread = new Thread(null, task, namePrefix + count.incrementAndGet(), stackBytes);
                    thread.setDaemon(true);
                    return thread;
                },
                (task, pool) -> tasks.waitForAThread(task));
    }

    /**
     * The pool's queue: offered a task, it hands it to an idle thread or says no, so that the pool
     * starts a thread (up to its maximum) rather than queueing; past the maximum, the task waits here.
     */
    private static final class IdleThreadsFirst extends LinkedTransferQueue<Runnable> {

        @Override
        public boolean offer(Runnable task) {
            return tryTransfer(task);
        }

        void waitForAThread(Runnable task) {
            super.offer(task);
        }
    }
}
