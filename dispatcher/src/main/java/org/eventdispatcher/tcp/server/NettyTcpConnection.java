package org.eventdispatcher.tcp.server;

import org.eventdispatcher.connection.Heartbeat;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSession;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.eventdispatcher.connection.HeartbeatTimeoutException;
import org.eventdispatcher.protocol.transport.HostPort;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.SocketInfo;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.MessagingException;

/**
 * One accepted connection as Spring Integration sees it: the inbound adapter hears its lines, the
 * outbound adapter sends through it, and it publishes the open, close and exception events. The
 * socket is a Netty channel; the {@link ConnectionBridge} in its pipeline calls this class.
 */
final class NettyTcpConnection extends TcpConnectionSupport implements ServerConnection {

    /** Replies waiting for a peer that does not read, beyond which it is dropped. */
    static final int MAX_PENDING = 1024 * 1024;

    /** Replies gathered beyond this are written without waiting for the end of the read. */
    private static final int GATHER_LIMIT = 64 * 1024;

    /** The heartbeat's probe (PROTOCOL.md b.3), shared by every connection: its bytes are never consumed. */
    private static final ByteBuf ALIVE = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer("ALIVE\n".getBytes(StandardCharsets.US_ASCII)).asReadOnly());

    private final Channel channel;
    private final String connectionId;
    private final String hostAddress;
    private final @Nullable InetAddress remoteAddress;
    private final int port;
    private final String peerAddress;
    private final String factoryName;
    private final MessageHeaders headers;
    /** How long a closing connection's replies may take to leave. */
    private final long sendTimeoutNanos;
    private volatile boolean closing;
    private volatile boolean slowReaderReported;
    /** The line being handed to the listener; the message mapper takes it from here. */
    private byte @Nullable [] payload;
    /** The thread that runs this connection's handlers: its event loop, or one of its own. */
    private final EventExecutor handlerThread;
    /**
     * System.nanoTime() of the last read that brought a complete line, of the heartbeat's probe
     * since (0: none), of the read that began the line not complete yet (0: none): written on the
     * handler thread, read by the sweep's. Only complete lines count: a byte now and then keeps
     * nothing alive.
     */
    private volatile long lastLine = System.nanoTime();
    private volatile long probeSent;
    private volatile long partialSince;
    /** True while the handler thread hands over the lines of one read; only that thread touches it. */
    private boolean gathering;
    /** Replies to the lines of the current read, not written yet; only the handler thread touches it. */
    private @Nullable ByteBuf gathered;

    /**
     * @param handlerThread the thread that runs this connection's handlers
     * @param sendTimeout   how long the replies of a closing connection may take to leave
     */
    NettyTcpConnection(Channel channel, EventExecutor handlerThread, @Nullable ApplicationEventPublisher publisher,
            String factoryName, Duration sendTimeout) {
        super(publisher);
        this.sendTimeoutNanos = sendTimeout.toNanos();
        this.channel = channel;
        this.handlerThread = handlerThread;
        this.factoryName = factoryName;
        SocketAddress remote = channel.remoteAddress();
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            this.remoteAddress = inet.getAddress();
            this.hostAddress = remoteAddress.getHostAddress();
            this.port = inet.getPort();
        } else {
            this.remoteAddress = null;
            this.hostAddress = String.valueOf(remote);
            this.port = 0;
        }
        this.peerAddress = new HostPort(hostAddress, port).toString();
        int localPort = channel.localAddress() instanceof InetSocketAddress local ? local.getPort() : 0;
        this.connectionId = hostAddress + ":" + port + ":" + localPort + ":" + channel.id().asShortText();
        this.headers = new ConnectionHeaders(connectionId);
    }

    /** The headers of every line from this connection: only its id. */
    MessageHeaders headers() {
        return headers;
    }

    /** {@code host:port} of the peer at the other end of this channel. */
    static String peerAddress(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? new HostPort(inet.getAddress().getHostAddress(), inet.getPort()).toString()
                : String.valueOf(channel.remoteAddress());
    }

    @Override
    public String peerAddress() {
        return peerAddress;
    }

    @Override
    public Optional<InetAddress> remoteAddress() {
        return Optional.ofNullable(remoteAddress);
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public boolean isServer() {
        return true;
    }

    @Override
    public String getConnectionId() {
        return connectionId;
    }

    @Override
    public String getHostAddress() {
        return hostAddress;
    }

    @Override
    public String getHostName() {
        return hostAddress;
    }

    @Override
    public int getPort() {
        return port;
    }

    @Override
    public String getConnectionFactoryName() {
        return factoryName;
    }

    @Override
    public @Nullable Object getPayload() {
        return payload;
    }

    @Override
    public @Nullable Object getDeserializerStateKey() {
        return null;
    }

    /** The TLS session once the handshake is done (a connection opens only then); null on plaintext. */
    @Override
    public @Nullable SSLSession getSslSession() {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        return tls != null && tls.handshakeFuture().isSuccess() ? tls.engine().getSession() : null;
    }

    @Override
    public @Nullable SocketInfo getSocketInfo() {
        return null;
    }

    /** Nothing to run: the channel's event loop reads this connection. */
    @Override
    public void run() {
    }

    /** Tells the listeners of the new connection. */
    void opened() {
        publishConnectionOpenEvent();
    }

    /**
     * Hands one line to the listener (the inbound channel adapter); on the handler thread, in the
     * order of the lines. The replies sent meanwhile on this thread are gathered until
     * {@link #readDone()}: the replies to one read go out in one write.
     *
     * @throws RuntimeException when the flow fails to take it
     */
    void received(byte[] line) {
        gathering = true;
        TcpListener listener = getListener();
        payload = line;
        Message<?> message;
        try {
            message = getMapper().toMessage(this);
        } finally {
            payload = null;
        }
        if (message != null && listener != null) {
            listener.onMessage(message);
        }
    }

    /** Something ended the connection abnormally: the listeners are told why; the caller closes it. */
    void failed(Throwable problem) {
        publishConnectionExceptionEvent(problem);
    }

    /**
     * Writes one line. Replies sent on the handler thread while it handles the lines of a read go
     * out together once the read is done; others at once.
     */
    @Override
    public void send(Message<?> message) {
        byte[] line = (byte[]) getMapper().fromMessage(message);
        if (line == null) {
            return;
        }
        if (!channel.isActive() || closing) {
            throw new MessagingException(message, "connection to " + peerAddress + " is closed");
        }
        if (!channel.isWritable() && channel.bytesBeforeWritable() > MAX_PENDING) {
            droppedAsSlowReader(MAX_PENDING + " bytes of replies waiting");
            return;
        }
        if (gathering && handlerThread.inEventLoop()) {
            gather(line);
            return;
        }
        ByteBuf buffer = channel.alloc().ioBuffer(line.length + 1).writeBytes(line).writeByte('\n');
        channel.writeAndFlush(buffer, channel.voidPromise());
    }

    // encoded here rather than by a handler: as a buffer, each reply counts at once against the
    // channel's write limits, whichever thread sends it; gathered, the replies to one read cost one
    // buffer and one trip down the pipeline
    private void gather(byte[] line) {
        if (gathered == null) {
            gathered = channel.alloc().ioBuffer(Math.max(256, line.length + 1));
        }
        gathered.writeBytes(line).writeByte('\n');
        if (gathered.readableBytes() >= GATHER_LIMIT) {
            writeGathered();
        }
    }

    /**
     * The lines of one read are handled: their replies are written, together. On the handler
     * thread; one clock read per read.
     *
     * @param partialLine true when the read ended in the middle of a line
     */
    void readDone(boolean partialLine) {
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
        writeGathered();
    }

    /**
     * The {@link ConnectionSweep}'s look at this connection, from the sweep's thread. A line begun
     * more than {@code lineTimeout} ago and not ended closes the connection. With a heartbeat: no
     * line for its idle time, it is sent {@code ALIVE}; none for its timeout more, it is closed. The
     * verdicts run on the connection's own thread.
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
            channel.writeAndFlush(ALIVE.duplicate(), channel.voidPromise());
        }
    }

    /** Tells the listeners why (unless it is closing already), then closes; on the handler thread. */
    private void failOnItsThread(Exception why) {
        handlerThread.execute(() -> {
            if (!closing) {
                failed(why); // a line timeout is answered INVALID by the listeners, before the close
            }
            close();
        });
    }

    private void writeGathered() {
        ByteBuf replies = gathered;
        if (replies != null) {
            gathered = null;
            channel.writeAndFlush(replies, channel.voidPromise());
        }
    }

    /** Its replies pile up: the pipeline reports it once, and its bridge closes it. */
    private void droppedAsSlowReader(String why) {
        if (!slowReaderReported) {
            slowReaderReported = true;
            channel.pipeline().fireExceptionCaught(new SlowReaderException(why));
        }
    }

    /**
     * Closes from any thread. What was sent before goes out first as far as the peer takes it at
     * once (gathered replies are written, and every write is flushed as it is made); the close
     * event follows once the channel is closed.
     */
    @Override
    public void close() {
        closing = true;
        writeGatheredReplies();
        channel.close();
    }

    /**
     * Closes once every reply sent so far is written, for a peer that closed its side; or after
     * the send timeout, whatever is left: a peer that closed its side and never reads must not
     * hold its slot for ever. The timer is armed only while replies wait.
     */
    void closeAfterWrites() {
        closing = true;
        writeGatheredReplies();
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            closeOnceWritten();
        } else {
            try {
                // behind the writes this thread handed to the loop; there, a peer that took every
                // reply is closed at once, without a timer
                loop.execute(this::closeOnceWritten);
            } catch (RejectedExecutionException stopping) {
                channel.close(); // the loops are ending, and their connections with them
            }
        }
    }

    /** On the event loop: closes now if every reply is written, else once they are or the send timeout is up. */
    private void closeOnceWritten() {
        ChannelFuture written = channel.writeAndFlush(Unpooled.EMPTY_BUFFER);
        if (written.isDone()) {
            channel.close();
            return;
        }
        ScheduledFuture<?> giveUp = channel.eventLoop().schedule(() -> {
            channel.close();
        }, sendTimeoutNanos, TimeUnit.NANOSECONDS);
        written.addListener(done -> {
            giveUp.cancel(false);
            channel.close();
        });
    }

    private void writeGatheredReplies() {
        if (handlerThread.inEventLoop()) {
            writeGathered();
        }
    }

    /** The channel is closed: tells the listeners and the senders, once. On the handler thread. */
    void closed() {
        closing = true;
        ByteBuf replies = gathered;
        if (replies != null) {
            gathered = null;
            replies.release(); // nowhere to go
        }
        super.close();
    }

    @Override
    public String toString() {
        return peerAddress;
    }
}
