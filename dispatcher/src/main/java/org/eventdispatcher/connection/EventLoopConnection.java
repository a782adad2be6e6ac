package org.eventdispatcher.connection;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

import javax.net.ssl.SSLSession;

/**
 * A server connection served by an {@link EventLoop}: the loop's thread reads it, cuts the lines,
 * hands each to the listener (the inbound channel adapter) and so to the dispatcher, in order,
 * and writes the replies they produced in one system call once the lines of that read are done.
 *
 * <ul>
 * <li>Replies sent by any other thread are written at once, as far as the peer takes them.</li>
 * <li>A peer that does not take its replies stops being read until it does (its requests wait in
 *     the kernel, not in our memory), and is dropped by the {@link StalledWriteWatchdog} when it
 *     takes nothing for the send timeout, or when other threads keep sending to it past
 *     {@link #MAX_PENDING} bytes.</li>
 * <li>A peer that closes its side gets the replies to what it sent, then the connection closes.</li>
 * <li>A close writes what is buffered if the peer takes it at once; it never waits.</li>
 * </ul>
 */
final class EventLoopConnection extends TcpConnectionSupport implements ServerConnection, WatchedWriter {

    private static final Logger log = LoggerFactory.getLogger(EventLoopConnection.class);

    /** Replies buffered beyond this are written even in the middle of a burst of requests. */
    static final int FLUSH_THRESHOLD = 16 * 1024;

    /** Replies waiting for a peer that does not read, beyond which it is dropped. */
    static final int MAX_PENDING = 1024 * 1024;

    private final SocketChannel channel;
    private final EventLoop loop;
    private final LineBuffer input = new LineBuffer();
    private final int maxLineLength;
    private final StalledWriteWatchdog watchdog;
    private final long sendTimeoutNanos;
    private final Consumer<EventLoopConnection> onClosed;
    private final String peerAddress;
    private final int port;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final OutputBuffer pending = new OutputBuffer();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean forgotten = new AtomicBoolean();
    private @Nullable SelectionKey key;
    private byte @Nullable [] payload;
    /** True while the loop hands this connection's lines to the listener: replies wait to be batched. */
    private volatile boolean handlingLines;
    private boolean inputEnded;
    /** Whole lines left unhandled while the peer was not taking its replies. */
    private boolean linesWaiting;
    private boolean deliveryFailureLogged;
    /** Last time the peer sent something or took some of our bytes. */
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile long writeDeadline;
    private volatile boolean stalled;

    EventLoopConnection(SocketChannel channel, EventLoop loop, int maxLineLength, StalledWriteWatchdog watchdog,
            @Nullable ApplicationEventPublisher publisher, @Nullable String connectionFactoryName,
            Consumer<EventLoopConnection> onClosed) {
        super(channel.socket(), true, false, publisher, connectionFactoryName);
        this.channel = channel;
        this.loop = loop;
        this.maxLineLength = maxLineLength;
        this.watchdog = watchdog;
        this.sendTimeoutNanos = watchdog.sendTimeout().toNanos();
        this.onClosed = onClosed;
        this.port = channel.socket().getPort();
        this.peerAddress = getHostAddress() + ":" + port;
    }

    /** Joins the loop's selector, then tells the listeners of the new connection; on the loop's thread. */
    void open() throws IOException {
        key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
        if (forgotten.get()) {
            return; // closed meanwhile by another thread (a stop): no open event after its close event
        }
        publishConnectionOpenEvent();
    }

    @Override
    public String peerAddress() {
        return peerAddress;
    }

    @Override
    public boolean isClosing() {
        return closing.get();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public int getPort() {
        return port;
    }

    /** The line being handed to the listener; the message mapper takes it from here. */
    @Override
    public @Nullable Object getPayload() {
        return payload;
    }

    @Override
    public Object getDeserializerStateKey() {
        return input;
    }

    @Override
    public @Nullable SSLSession getSslSession() {
        return null;
    }

    /** Nothing to run: the event loop reads this connection when the peer has sent something. */
    @Override
    public void run() {
    }

    /** The peer sent something, or closed its side; on the loop's thread. */
    void readable() {
        int read;
        try {
            read = input.readFrom(channel, maxLineLength);
        } catch (IOException e) {
            lost(e);
            return;
        }
        lastActivityNanos = System.nanoTime();
        if (read < 0) {
            inputEnded = true;
        }
        handleLines();
        settle();
    }

    /** The peer took some of what waited for it; on the loop's thread. */
    void writable() {
        flush();
        settle();
    }

    /**
     * Closed, and the listeners told why, when silent since {@code idleNanos} before {@code now}.
     * A peer that is still taking a long reply is not silent.
     */
    boolean closeIfIdle(long now, long idleNanos, Duration idleTimeout) {
        if (now - lastActivityNanos < idleNanos || !isOpen() || pendingBytes() > 0) {
            return false;
        }
        publishConnectionExceptionEvent(new SocketTimeoutException("no data for " + idleTimeout));
        close();
        return true;
    }

    /**
     * Hands the buffered whole lines to the listener, then writes the replies. Stops early, with
     * lines left waiting, when the peer is not taking its replies.
     */
    private void handleLines() {
        TcpListener listener = getListener();
        linesWaiting = false;
        handlingLines = true;
        try {
            byte[] line;
            while (isOpen() && (line = input.nextLine(maxLineLength)) != null) {
                payload = line;
                Message<?> message = getMapper().toMessage(this);
                if (message != null && listener != null) {
                    deliver(listener, message);
                }
                if (pendingBytes() >= FLUSH_THRESHOLD && !flush()) {
                    linesWaiting = true; // read no more, handle no more, until the peer takes some
                    break;
                }
            }
        } catch (LineTooLongException e) {
            publishConnectionExceptionEvent(e); // answered INVALID by the listeners of the event
            close();
            return;
        } finally {
            payload = null;
            handlingLines = false;
        }
        if (isOpen()) {
            flush();
        }
    }

    private void deliver(TcpListener listener, Message<?> message) {
        try {
            listener.onMessage(message);
        } catch (RuntimeException e) {
            // the dispatcher answers handler failures itself: this is the flow failing (e.g. stopped
            // while the daemon stops), so once per connection is enough
            if (!deliveryFailureLogged) {
                deliveryFailureLogged = true;
                log.warn("{}: a line could not be handled: {}", peerAddress, e.toString());
            }
        }
    }

    /**
     * Decides what the loop waits for next: the peer to take its replies while some wait; else
     * the lines left waiting are handled; else, once the peer has closed its side, the connection
     * closes; else the peer's next bytes. On the loop's thread, after anything that changed the
     * state: replies from another thread may have been written meanwhile.
     */
    private void settle() {
        while (isOpen()) {
            if (pendingBytes() > 0) {
                waitFor(SelectionKey.OP_WRITE);
                return;
            }
            if (linesWaiting) {
                handleLines(); // handles at least one line each time: this ends
                continue;
            }
            if (inputEnded) {
                endOfInput();
                return;
            }
            waitFor(SelectionKey.OP_READ);
            return;
        }
    }

    /** The peer closed its side, and every whole line it sent is answered and written. */
    private void endOfInput() {
        int partial = input.buffered();
        if (partial > 0) {
            publishConnectionExceptionEvent(new TruncatedLineException(partial));
        }
        close();
    }

    private void waitFor(int operation) {
        SelectionKey selectionKey = key;
        if (selectionKey == null) {
            return;
        }
        try {
            selectionKey.interestOps(operation);
        } catch (RuntimeException e) { // cancelled by a close on another thread
            close();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void send(Message<?> message) {
        Object reply = getMapper().fromMessage(message);
        boolean batching = handlingLines && loop.inLoop();
        boolean waiting;
        boolean overflow;
        IOException failure = null;
        writeLock.lock();
        try {
            if (!isOpen()) {
                throw new MessagingException(message, "connection to " + peerAddress + " is closed");
            }
            ((Serializer<Object>) getSerializer()).serialize(reply, pending);
            // the loop writes once it has handled all it has read; anyone else writes now
            if (!batching || pending.size() >= FLUSH_THRESHOLD) {
                write();
            }
            waiting = pending.size() > 0;
            overflow = pending.size() > MAX_PENDING;
        } catch (IOException e) {
            failure = e;
            waiting = false;
            overflow = false;
        } finally {
            writeLock.unlock();
        }
        if (failure != null) {
            MessagingException sendFailed = new MessagingException(message, "Send failed", failure);
            publishConnectionExceptionEvent(sendFailed);
            close();
            throw sendFailed;
        }
        if (overflow) {
            dropSlowReader(MAX_PENDING + " bytes of replies waiting");
        } else if (waiting && !batching) {
            loop.execute(this::settle);
        }
    }

    /** Writes what the peer takes now; true when nothing is left waiting. On the loop's thread. */
    private boolean flush() {
        IOException failure;
        writeLock.lock();
        try {
            write();
            return pending.size() == 0;
        } catch (IOException e) {
            failure = e;
        } finally {
            writeLock.unlock();
        }
        if (!closing.get()) {
            publishConnectionExceptionEvent(failure);
        }
        close();
        return false;
    }

    /** The caller holds the write lock. */
    private void write() throws IOException {
        if (pending.size() == 0) {
            return;
        }
        int written = pending.writeTo(channel);
        if (written > 0) {
            lastActivityNanos = System.nanoTime();
        }
        if (pending.size() == 0) {
            writeDeadline = 0;
        } else if (written > 0 || writeDeadline == 0) {
            // the peer has the send timeout to take some more; watched only from its first stall on,
            // so that a connection whose writes always complete costs the watchdog nothing (a write
            // after the close fails before it gets here: close() forgets it for good)
            long deadline = System.nanoTime() + sendTimeoutNanos;
            writeDeadline = deadline == 0 ? 1 : deadline;
            watchdog.watch(this);
            watchdog.writeStarted();
        }
    }

    private int pendingBytes() {
        writeLock.lock();
        try {
            return pending.size();
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public long writeDeadline() {
        return writeDeadline;
    }

    @Override
    public void closeStalled() {
        dropSlowReader("no write completed in " + TimeUnit.NANOSECONDS.toMillis(sendTimeoutNanos) + " ms");
    }

    private void dropSlowReader(String why) {
        if (stalled || !closing.compareAndSet(false, true)) {
            return; // already on its way out, and it will not write any more
        }
        stalled = true;
        log.warn("{} does not read its replies: {}; connection dropped", peerAddress, why);
        close();
    }

    /** A read failed: the peer reset the connection, most often. */
    private void lost(IOException e) {
        if (!closing.get()) {
            publishConnectionExceptionEvent(e);
        }
        close();
    }

    /**
     * Closes at once from any thread, after writing what the peer takes without waiting (the write
     * lock is only ever held around non-blocking work).
     */
    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            writeLock.lock();
            try {
                write();
            } catch (IOException e) {
                log.debug("{}: final flush failed: {}", peerAddress, e.toString());
            } finally {
                writeLock.unlock();
            }
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closing is all we wanted
        }
        if (forgotten.compareAndSet(false, true)) {
            writeDeadline = 0;
            watchdog.forget(this);
            onClosed.accept(this);
            if (!loop.inLoop()) {
                wakeLoop(); // the loop lets go of the socket on its next round
            }
        }
        super.close();
    }

    private void wakeLoop() {
        try {
            loop.selector().wakeup();
        } catch (ClosedSelectorException e) {
            // the loop has ended, and let go of everything
        }
    }

    @Override
    public String toString() {
        return peerAddress;
    }
}
