package org.eventdispatcher.tcp.server;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLSession;
import org.eventdispatcher.connection.Connection;
import org.eventdispatcher.connection.Heartbeat;
import org.eventdispatcher.connection.HeartbeatTimeoutException;
import org.eventdispatcher.connection.Side;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.message.MessageCodec;
import org.eventdispatcher.tcp.netty.LineTimeoutException;
import org.eventdispatcher.tcp.netty.ReplyWriter;
import org.eventdispatcher.tcp.server.flow.LineInbound;
import org.eventdispatcher.tcp.server.flow.LinePeer;
import org.eventdispatcher.tcp.server.listener.Listener;
import org.eventdispatcher.tcp.server.listener.PeerIdentity;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.GenericMessage;

/**
 * One connection the server accepted: the {@link Connection} its listeners are told of and the
 * peer its handlers answer. Its lines go to the inbound adapter with this object in their
 * {@link LineInbound#CONNECTION header}; whatever is sent to it, a reply, the greeting or a line sent later from
 * any thread, goes through the outbound adapter, which {@link #write writes} it here. The
 * {@link ConnectionBridge} in its channel's pipeline calls it; everything but {@link #send},
 * {@link #close} and the sweep runs on the thread that serves it ({@link #onItsThread}).
 */
public final class AcceptedConnection implements Connection, LinePeer {

    private static final Logger log = LoggerFactory.getLogger(AcceptedConnection.class);
    private static final MessageCodec CODEC = MessageCodec.standard();

    private final Channel channel;
    private final NettyTcpServer server;
    private final String id;
    private final String address;
    private final Optional<InetAddress> remoteAddress;
    private final Optional<Credentials> credentials;
    private final Listener listener;
    private final MessageHeaders headers; // made once, see LineInbound.headersOf
    private final ReplyWriter replies;
    private final @Nullable SerialQueue queue;
    private final Set<String> reported = ConcurrentHashMap.newKeySet(4);
    private volatile boolean closing;
    /**
     * System.nanoTime() of the last read that brought a complete line, of the heartbeat's probe
     * since (0: none), of the read that began the line not complete yet (0: none): written on its
     * thread, read by the sweep's. Only complete lines count: a byte now and then keeps nothing alive.
     */
    private volatile long lastLine = System.nanoTime();

    private volatile long probeSent;
    private volatile long partialSince;
    /** True while its thread hands over the lines of one read; only that thread touches it. */
    private boolean gathering;
    /** True once the listeners were told it opened; only its thread touches it. */
    private boolean told;

    /**
     * @param listener the listener it came in on
     * @param queue    the serial queue its handlers run on; null: its event loop
     */
    AcceptedConnection(Channel channel, NettyTcpServer server, Listener listener, @Nullable SerialQueue queue) {
        this.channel = channel;
        this.server = server;
        this.listener = listener;
        this.queue = queue;
        PeerIdentity peer = PeerIdentity.of(channel, listener);
        this.id = peer.id();
        this.address = peer.address();
        this.remoteAddress = Optional.ofNullable(peer.ip());
        this.credentials = Optional.ofNullable(peer.credentials());
        this.headers = LineInbound.headersOf(this);
        this.replies = new ReplyWriter(channel, server.sendTimeout());
    }

    /** The listener it came in on. */
    Listener origin() {
        return listener;
    }

    @Override
    public String listener() {
        return listener.name();
    }

    @Override
    public String listenedOn() {
        return listener.toString();
    }

    @Override
    public Optional<Credentials> credentials() {
        return credentials;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public Optional<InetAddress> remoteAddress() {
        return remoteAddress;
    }

    @Override
    public Side side() {
        return Side.SERVER;
    }

    @Override
    public boolean canReply() {
        return true;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    /** Once the handshake is done (a connection opens only then); null on plaintext. */
    @Override
    public @Nullable SSLSession tlsSession() {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        return tls != null && tls.handshakeFuture().isSuccess() ? tls.engine().getSession() : null;
    }

    @Override
    public boolean firstReport(String problem) {
        return reported.add(problem);
    }

    /** True once this side started closing it (QUIT, a limit, shutdown): errors that follow are expected. */
    boolean isClosing() {
        return closing;
    }

    /** Sends the message as one line, through the outbound adapter; from any thread. */
    @Override
    public void send(Message message) {
        try {
            server.replies().send(new GenericMessage<>(CODEC.write(message).getBytes(StandardCharsets.UTF_8), headers));
        } catch (MessagingException e) { // the flow stopped: the daemon is stopping
            log.debug("not sent to {} ({}): {}", address, e.getMessage(), message);
        }
    }

    /**
     * Writes one line, for the outbound adapter: at once, or with the other replies to the read
     * its thread is handling. Not to a peer closing: a handler answering a peer that left did no wrong.
     */
    @Override
    public void write(byte[] line) {
        if (!closing) {
            replies.write(line, gathering && onItsThread());
        }
    }

    /** True on the thread that serves it: its event loop, or its serial queue's thread. */
    boolean onItsThread() {
        return queue != null ? queue.isCurrent() : channel.eventLoop().inEventLoop();
    }

    /** With a queue of its own: true when it has run every task given to it. */
    boolean queueIdle() {
        return queue != null && queue.isIdle();
    }

    /** Runs the task on the thread that serves it: now if this is that thread and no queue orders the tasks. */
    void onItsThread(Runnable task) {
        if (queue != null) {
            queue.execute(task);
        } else if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
    }

    /** It opened: the listeners are told, and may greet it. On its thread. */
    void opened() {
        told = true;
        server.reports().opened(this);
        server.events().opened(this);
    }

    /** Hands one line to the inbound adapter; on its thread, in the order of the lines. */
    void received(byte[] line) {
        gathering = true;
        server.inbound().received(line, headers);
    }

    /**
     * The lines of one read are handled: their replies are written, together. On its thread; one
     * clock read per read.
     *
     * @param partialLine true when the read ended in the middle of a line
     */
    void readDone(boolean partialLine) {
        noteRead(partialLine);
        replies.flushGathered();
    }

    /**
     * As {@link #readDone(boolean)}, from a thread of its own: the replies are written, and then
     * {@code onTheLoop} runs, in one task of the event loop (one hand-off rather than two).
     */
    void readDone(boolean partialLine, Runnable onTheLoop) {
        noteRead(partialLine);
        replies.flushGatheredThen(onTheLoop);
    }

    private void noteRead(boolean partialLine) {
        boolean lines = gathering;
        gathering = false;
        long now = System.nanoTime();
        if (lines) {
            lastLine = now;
        }
        if (partialLine) {
            if (lines || partialSince == 0) {
                partialSince = now; // a line began in this read
            }
        } else if (partialSince != 0) {
            partialSince = 0;
        }
    }

    /** Something ends it abnormally: logged, answered where there is an answer, and the listeners told. On its thread. */
    void failed(Throwable problem) {
        if (closing) {
            return; // we closed the connection and know why
        }
        server.reports().failed(this, problem); // INVALID for a line too long or too slow, before the close
        server.events().failed(this, problem);
    }

    /**
     * The {@link ConnectionSweep}'s look at it, from the sweep's thread. A line begun more than
     * {@code lineTimeout} ago and not ended closes it. With a heartbeat: no line for its idle time,
     * it is sent {@code ALIVE}; none for its timeout more, it is closed. The verdicts run on its thread.
     */
    void sweep(long now, @Nullable Heartbeat heartbeat, Duration lineTimeout) {
        long partial = partialSince;
        if (partial != 0 && now - partial >= lineTimeout.toNanos()) {
            failOnItsThread(new LineTimeoutException(lineTimeout));
        } else if (heartbeat != null) {
            heartbeat(now, heartbeat.idle(), heartbeat.timeout());
        }
    }

    private void heartbeat(long now, Duration idle, Duration timeout) {
        long probe = probeSent;
        long line = lastLine;
        if (closing) {
            // no probe into a closing connection, but no reprieve either: silent that long, it goes
            if (now - line >= idle.toNanos() + timeout.toNanos()) {
                channel.close();
            }
            return;
        }
        if (probe != 0 && line - probe < 0) {
            if (now - probe >= timeout.toNanos()) {
                failOnItsThread(new HeartbeatTimeoutException(idle, timeout));
            }
        } else if (now - line >= idle.toNanos()) {
            probeSent = now;
            replies.probe();
        }
    }

    private void failOnItsThread(Exception why) {
        onItsThread(() -> {
            failed(why); // a line timeout is answered INVALID, before the close
            close();
        });
    }

    /**
     * Closes from any thread. What was sent before goes out first as far as the peer takes it at
     * once (gathered replies are written, and every write is flushed as it is made); the closed
     * event follows once the channel is closed.
     */
    @Override
    public void close() {
        closing = true;
        replies.flushGatheredOn(onItsThread());
        channel.close();
    }

    /**
     * Closes once every reply sent so far is written, for a peer that closed its side; or after
     * the send timeout, whatever is left.
     */
    void closeAfterWrites() {
        closing = true;
        replies.flushGatheredOn(onItsThread());
        replies.closeAfterWrites();
    }

    /** The channel is closed: tells the listeners, once; on its thread, after its last line. */
    void closed() {
        closing = true;
        replies.discardGathered();
        server.forget(this);
        if (told) { // not for one closed by a stop before it opened
            server.reports().closed(this);
            server.events().closed(this);
        }
    }

    @Override
    public String toString() {
        return address;
    }
}
