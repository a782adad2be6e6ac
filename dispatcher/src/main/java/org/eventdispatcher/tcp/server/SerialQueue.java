package org.eventdispatcher.tcp.server;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tasks of one connection, run one at a time in the order they came, on threads borrowed
 * from a shared executor ({@link HandlerThreads}): with a thread per connection, its lines are
 * handled in order, and a handler that blocks holds up its own peer only. A queue uses a thread
 * only while it has tasks: a quiet connection holds none.
 *
 * <p>What bounds it: the connection is not read while the lines it holds, not handled yet, pass
 * {@link ConnectionBridge#READ_AHEAD_BYTES}, so a queue holds at most that and one socket read's
 * lines, and a few events.
 */
final class SerialQueue implements Executor {

    private static final Logger log = LoggerFactory.getLogger(SerialQueue.class);

    private final Executor threads;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** True from the moment a drain is handed to a thread until it finds nothing more to run. */
    private final AtomicBoolean draining = new AtomicBoolean();

    private volatile @Nullable Thread current;
    private final Runnable drain = this::drain;

    SerialQueue(Executor threads) {
        this.threads = threads;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        drainSoon();
    }

    /**
     * True when every task given so far has run: none waits, none runs. Only a caller that is the
     * one to give it tasks learns something lasting from it.
     */
    boolean isIdle() {
        return !draining.get() && tasks.isEmpty();
    }

    /** True on the thread running this queue's tasks now. */
    boolean isCurrent() {
        return current == Thread.currentThread();
    }

    private void drainSoon() {
        if (draining.compareAndSet(false, true)) {
            try {
                threads.execute(drain);
            } catch (RejectedExecutionException stopping) {
                draining.set(false);
                log.debug("handler threads stopped: {} task(s) of a connection dropped", tasks.size());
                tasks.clear();
            }
        }
    }

    private void drain() {
        current = Thread.currentThread();
        try {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                run(task);
            }
        } finally {
            current = null;
            draining.set(false);
        }
        if (!tasks.isEmpty()) {
            drainSoon(); // added after the last poll, by a caller that saw a drain running
        }
    }

    private static void run(Runnable task) {
        try {
            task.run();
        } catch (Throwable e) { // an Error too, as Netty's event loops do: the other connections' tasks go on
            // the dispatcher answers handler failures itself: this is a failure around them
            log.warn("a connection's task failed: {}", e.toString(), e);
        }
    }
}
