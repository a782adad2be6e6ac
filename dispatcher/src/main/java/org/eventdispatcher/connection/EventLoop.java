package org.eventdispatcher.connection;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread, one selector: accepts from the shared listening socket and serves the connections
 * it accepted, each read's lines handled and answered on this thread, in order. A few loops (one
 * per core) serve any number of connections: no thread per connection, no hand-off between
 * threads on the way from a request to its reply.
 *
 * <p>It sleeps in the kernel while nothing happens: it wakes up on its own only while accepting
 * is paused after an error, or to look for silent peers when an idle timeout is set and it holds
 * connections.
 */
final class EventLoop implements Runnable {

    /** What becomes of an accepted socket; runs on the loop's thread. */
    @FunctionalInterface
    interface Acceptor {
        void accepted(SocketChannel channel, EventLoop loop);
    }

    private static final Logger log = LoggerFactory.getLogger(EventLoop.class);

    /** Pause after a failed accept: the usual cause (no file descriptor left) needs time to clear. */
    static final Duration ACCEPT_RETRY_PAUSE = AcceptingServerSocket.RETRY_PAUSE;

    /** More waiting connections are accepted on the next round, after the reads that are ready. */
    private static final int ACCEPTS_PER_ROUND = 64;

    private static final long ERROR_LOG_INTERVAL = TimeUnit.SECONDS.toNanos(10);
    private static final long SHORTEST_IDLE_SCAN = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long LONGEST_IDLE_SCAN = TimeUnit.SECONDS.toNanos(1);

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final SelectionKey acceptKey;
    private final Acceptor acceptor;
    private final ConnectionSlots slots;
    private final Duration idleTimeout;
    private final long idleNanos;
    private final long idleScanNanos;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile @Nullable Thread thread;
    private volatile boolean stopping;
    private long acceptPausedUntil;
    private boolean acceptPaused;
    private long lastIdleScan = System.nanoTime();
    private long lastErrorLog = System.nanoTime() - ERROR_LOG_INTERVAL;

    /**
     * @param idleTimeout a connection silent this long is closed; zero keeps silent peers
     */
    EventLoop(ServerSocketChannel listener, Acceptor acceptor, ConnectionSlots slots, Duration idleTimeout)
            throws IOException {
        this.listener = listener;
        this.acceptor = acceptor;
        this.slots = slots;
        this.idleTimeout = idleTimeout;
        this.idleNanos = idleTimeout.toNanos();
        this.idleScanNanos = Math.max(SHORTEST_IDLE_SCAN, Math.min(LONGEST_IDLE_SCAN, idleNanos / 4));
        this.selector = Selector.open();
        try {
            this.acceptKey = listener.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
    }

    Selector selector() {
        return selector;
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs the task on the loop's thread: now when called from it, else on its next round. */
    void execute(Runnable task) {
        if (inLoop()) {
            task.run();
            return;
        }
        tasks.add(task);
        selector.wakeup();
    }

    /** Ends the loop: it closes its connections and lets go of the selector. Returns at once. */
    void stop() {
        stopping = true;
        selector.wakeup();
    }

    /** Lets go of the selector of a loop whose thread never started. */
    void closeUnstarted() {
        closeAll();
        ended.countDown();
    }

    /** Waits until the loop has closed its connections; false when it did not in time. */
    boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            while (!stopping) {
                selector.select(this::ready, selectTimeoutMillis());
                runTasks();
                long now = System.nanoTime();
                if (acceptPaused && now - acceptPausedUntil >= 0) {
                    resumeAccepting();
                }
                if (idleNanos > 0 && now - lastIdleScan >= idleScanNanos) {
                    lastIdleScan = now;
                    closeIdle(now);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.error("the event loop serving {} connections failed; they are closed: {}",
                    selector.keys().size() - 1, e.toString(), e);
        } finally {
            closeAll();
            ended.countDown();
        }
    }

    private long selectTimeoutMillis() {
        long timeout = 0; // none: sleep until something happens
        if (acceptPaused) {
            timeout = Math.max(1, TimeUnit.NANOSECONDS.toMillis(acceptPausedUntil - System.nanoTime()));
        }
        if (idleNanos > 0 && selector.keys().size() > 1) {
            long scan = Math.max(1, TimeUnit.NANOSECONDS.toMillis(idleScanNanos));
            timeout = timeout == 0 ? scan : Math.min(timeout, scan);
        }
        return timeout;
    }

    private void ready(SelectionKey key) {
        if (key == acceptKey) {
            acceptPending();
            return;
        }
        EventLoopConnection connection = (EventLoopConnection) key.attachment();
        try {
            int ready = key.readyOps();
            if ((ready & SelectionKey.OP_WRITE) != 0) {
                connection.writable();
            }
            if ((ready & SelectionKey.OP_READ) != 0 && key.isValid()) {
                connection.readable();
            }
        } catch (CancelledKeyException e) {
            connection.close(); // closed by another thread meanwhile
        } catch (RuntimeException | Error e) {
            // one connection's failure (even out of memory for its burst) must not end the loop
            // that serves the others
            log.warn("{}: connection closed after an unexpected failure: {}", connection.peerAddress(), e.toString(), e);
            connection.close();
        }
    }

    private void acceptPending() {
        for (int i = 0; i < ACCEPTS_PER_ROUND && !stopping; i++) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException e) {
                if (listener.isOpen()) {
                    pauseAccepting(e);
                }
                return;
            }
            if (channel == null) {
                return; // another loop took it, or none is left
            }
            try {
                acceptor.accepted(channel, this);
            } catch (RuntimeException | Error e) {
                // one connection's failure must not end the loop that serves the others
                log.warn("accepted connection dropped after an unexpected failure: {}", e.toString(), e);
                closeQuietly(channel);
            }
        }
    }

    /** Without a file descriptor left, accept fails at once: retrying in a busy loop would not help. */
    private void pauseAccepting(IOException error) {
        long now = System.nanoTime();
        if (now - lastErrorLog >= ERROR_LOG_INTERVAL) {
            lastErrorLog = now;
            log.error("cannot accept connections on {}: {} ({} open); retrying", localAddress(), error.getMessage(),
                    slots.open());
        }
        acceptPaused = true;
        acceptPausedUntil = now + ACCEPT_RETRY_PAUSE.toNanos();
        acceptKey.interestOps(0);
    }

    private void resumeAccepting() {
        acceptPaused = false;
        if (acceptKey.isValid()) {
            acceptKey.interestOps(SelectionKey.OP_ACCEPT);
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                log.warn("event loop task failed: {}", e.toString(), e);
            }
        }
    }

    private void closeIdle(long now) {
        for (SelectionKey key : List.copyOf(selector.keys())) {
            if (key.attachment() instanceof EventLoopConnection connection) {
                connection.closeIfIdle(now, idleNanos, idleTimeout);
            }
        }
    }

    private void closeAll() {
        runTasks();
        for (SelectionKey key : List.copyOf(selector.keys())) {
            if (key.attachment() instanceof EventLoopConnection connection) {
                connection.close();
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // it is being dropped anyway
        }
    }

    private Object localAddress() {
        try {
            return listener.getLocalAddress();
        } catch (IOException e) {
            return listener;
        }
    }
}
