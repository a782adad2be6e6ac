package org.eventdispatcher.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

/**
 * A Spring Integration blocking connection (one reader thread per socket, so replies keep the
 * order of requests) that writes less often and never waits forever on a peer:
 * <ul>
 * <li>input is buffered and read a whole line at a time ({@link LineInputStream});</li>
 * <li>replies sent from the reader thread wait in a buffer until the reader has handled every
 *     request it has already received, then go out in one write: a peer that sends many requests
 *     at once gets its replies in a few segments, not one per reply. Sends from any other thread
 *     are written at once;</li>
 * <li>every socket write has a deadline (the send timeout): a peer that stops reading is dropped
 *     by the {@link StalledWriteWatchdog} instead of blocking a thread for ever;</li>
 * <li>a close flushes what is buffered first, when it can do so without waiting for a writer.</li>
 * </ul>
 */
public class BatchingTcpNetConnection extends TcpNetConnection implements WatchedWriter, ServerConnection {

    private static final Logger log = LoggerFactory.getLogger(BatchingTcpNetConnection.class);

    /** Replies buffered beyond this are written even in the middle of a burst. */
    static final int FLUSH_THRESHOLD = 16 * 1024;

    /** Longest wait for the final flush of a connection being closed. */
    private static final long CLOSE_FLUSH_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final Socket socket;
    private final StalledWriteWatchdog watchdog;
    private final long sendTimeoutNanos;
    private final Consumer<BatchingTcpNetConnection> onClosed;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final OutputBuffer pending = new OutputBuffer();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean forgotten = new AtomicBoolean();
    private final String peerAddress;
    private @Nullable LineInputStream input;
    private @Nullable OutputStream output;
    private volatile @Nullable Thread reader;
    private volatile long writeDeadline;
    private volatile boolean broken;
    private volatile boolean stalled;

    public BatchingTcpNetConnection(Socket socket, boolean server, boolean lookupHost,
            @Nullable ApplicationEventPublisher publisher, @Nullable String connectionFactoryName,
            StalledWriteWatchdog watchdog, Consumer<BatchingTcpNetConnection> onClosed) {
        super(socket, server, lookupHost, publisher, connectionFactoryName);
        this.socket = socket;
        this.watchdog = watchdog;
        this.sendTimeoutNanos = watchdog.sendTimeout().toNanos();
        this.onClosed = onClosed;
        this.peerAddress = getHostAddress() + ":" + socket.getPort();
        // read errors are reported once, with the peer, by the connection event listeners
        setNoReadErrorOnClose(true);
    }

    @Override
    public String peerAddress() {
        return peerAddress;
    }

    @Override
    public boolean isClosing() {
        return closing.get();
    }

    /** True when the connection was dropped because the peer stopped reading. */
    public boolean isStalled() {
        return stalled;
    }

    @Override
    public void run() {
        reader = Thread.currentThread();
        watchdog.watch(this);
        try {
            super.run();
        } finally {
            close();
        }
    }

    @Override
    protected InputStream inputStream() throws IOException {
        LineInputStream lines = input;
        if (lines == null) {
            lines = new LineInputStream(socket.getInputStream(), this::flushBeforeBlocking);
            input = lines;
        }
        return lines;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void send(Message<?> message) {
        Object payload = getMapper().fromMessage(message);
        IOException failure = null;
        writeLock.lock();
        try {
            ((Serializer<Object>) getSerializer()).serialize(payload, pending);
            // the reader writes once it has handled all it has read; anyone else writes now
            if (Thread.currentThread() != reader || pending.size() >= FLUSH_THRESHOLD) {
                flush(sendTimeoutNanos);
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            writeLock.unlock();
        }
        if (failure != null) {
            MessagingException exception = new MessagingException(message, "Send failed", failure);
            publishConnectionExceptionEvent(exception);
            closeConnection(true);
            throw exception;
        }
    }

    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            flushBeforeClose();
        }
        super.close();
        if (forgotten.compareAndSet(false, true)) {
            watchdog.forget(this);
            onClosed.accept(this);
        }
    }

    /**
     * Ends the input without waiting: the reader sees the end of the stream, flushes what it
     * buffered and closes the connection on its own thread. A connection whose write is stuck
     * is closed at once instead.
     */
    void stopReading() {
        if (writeDeadline != 0) {
            close();
            return;
        }
        try {
            socket.shutdownInput();
        } catch (IOException e) {
            close(); // not connected any more: nothing to read, nothing to flush
        }
    }

    /** A peer that closes between two lines ends the connection normally: no exception event for it. */
    @Override
    protected void publishConnectionExceptionEvent(Throwable cause) {
        if (!(cause instanceof PeerClosedException)) {
            super.publishConnectionExceptionEvent(cause);
        }
    }

    @Override
    public long writeDeadline() {
        return writeDeadline;
    }

    @Override
    public void closeStalled() {
        if (stalled || closing.get()) {
            if (closing.get() && !stalled) {
                closeSocketQuietly(); // the final flush of a close took too long
            }
            return;
        }
        stalled = true;
        log.warn("{} does not read its replies: no write completed in {} ms; connection dropped",
                peerAddress, TimeUnit.NANOSECONDS.toMillis(sendTimeoutNanos));
        closing.set(true); // nothing more will be written to it
        close();
        closeSocketQuietly();
    }

    private void flushBeforeBlocking() throws IOException {
        writeLock.lock();
        try {
            flush(sendTimeoutNanos);
        } finally {
            writeLock.unlock();
        }
    }

    /** Best effort: gives up at once when a writer holds the lock (it may be stuck on this peer). */
    private void flushBeforeClose() {
        if (broken || !writeLock.tryLock()) {
            return;
        }
        try {
            flush(Math.min(sendTimeoutNanos, CLOSE_FLUSH_NANOS));
        } catch (IOException e) {
            log.debug("{}: final flush failed: {}", peerAddress, e.toString());
        } finally {
            writeLock.unlock();
        }
    }

    /** Writes the buffered bytes; the caller holds the write lock. */
    private void flush(long timeoutNanos) throws IOException {
        if (pending.size() == 0) {
            return;
        }
        if (broken) {
            throw new IOException("connection to " + peerAddress + " is broken");
        }
        OutputStream out = output;
        if (out == null) {
            out = socket.getOutputStream();
            output = out;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        writeDeadline = deadline == 0 ? 1 : deadline;
        watchdog.writeStarted();
        try {
            pending.drainTo(out);
        } catch (IOException e) {
            broken = true;
            throw e;
        } finally {
            writeDeadline = 0;
        }
    }

    private void closeSocketQuietly() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all we wanted
        }
    }
}
