package org.eventdispatcher.tcp.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eventdispatcher.tcp.netty.LineDecoder;
import org.eventdispatcher.tcp.netty.ReplyWriter;
import org.eventdispatcher.tcp.netty.SlowReaderGuard;
import org.eventdispatcher.tcp.server.listener.Listener;
import org.eventdispatcher.tcp.tls.ServerTls;
import org.eventdispatcher.tcp.tls.TlsHandshake;
import org.jspecify.annotations.Nullable;

/**
 * The handlers of every accepted connection, one role each, named by the constants below, in the
 * order a line meets them (as Reactor Netty's {@code NettyPipeline} names its own):
 *
 * <pre>
 * {@value #LIMIT}        a connection beyond max-connections is closed at once
 * {@value #TLS}          TLS (Netty's SslHandler, from a Spring Boot SSL bundle), when configured
 * {@value #HANDSHAKE}    a failed or timed-out handshake is counted and logged; gone once it succeeds
 * {@value #BACKPRESSURE} a peer that does not read is not read; one that takes no reply for send-timeout is dropped
 * {@value #LINES}        bytes to lines of at most max-line-length
 * {@value #IDLE}         a connection that sent no line and was sent nothing for idle-timeout is closed (when set)
 * {@value #CONNECTION}   the channel's {@link AcceptedConnection}: its lines to the inbound adapter, its life to the listeners
 * </pre>
 *
 * Lines go the other way from {@link AcceptedConnection#write}, as buffers, straight to the socket
 * (see {@link ReplyWriter}).
 */
public final class ServerPipeline extends ChannelInitializer<Channel> {

    public static final String LIMIT = "limit";
    public static final String TLS = "tls";
    public static final String HANDSHAKE = "handshake";
    public static final String BACKPRESSURE = "backpressure";
    public static final String LINES = "lines";
    public static final String IDLE = "idle";
    public static final String CONNECTION = "connection";

    private final NettyTcpServer server;
    private final ConnectionLimit limit;
    private final int maxLineLength;
    private final Duration sendTimeout;
    private final Duration idleTimeout;
    private final @Nullable ServerTls tls;
    private final @Nullable TlsHandshake handshake;
    private final Listener listener;

    /**
     * @param listener        the listener whose channels it serves: its TLS, and what its connections know of it
     * @param handshakeFailed counts a failed TLS handshake
     */
    ServerPipeline(NettyTcpServer server, TcpServerProperties properties, Listener listener, Runnable handshakeFailed) {
        this.server = server;
        this.listener = listener;
        ServerTls tls = listener.tls();
        this.limit = new ConnectionLimit(server.slots());
        this.maxLineLength = (int) properties.maxLineLength().toBytes();
        this.sendTimeout = properties.sendTimeout();
        this.idleTimeout = properties.idleTimeout();
        this.tls = tls;
        this.handshake = tls != null ? new TlsHandshake(handshakeFailed, tls.handshakeTimeout()) : null;
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(LIMIT, limit);
        if (tls != null) {
            pipeline.addLast(TLS, tls.newHandler(channel.alloc()));
            pipeline.addLast(HANDSHAKE, handshake);
        }
        boolean ownThreads = server.handlersOnOwnThreads();
        pipeline.addLast(BACKPRESSURE, new SlowReaderGuard(sendTimeout, !ownThreads));
        LineDecoder lines = new LineDecoder(maxLineLength);
        pipeline.addLast(LINES, lines);
        if (!idleTimeout.isZero()) {
            // after the lines: only a complete line is a sign of life, not a byte now and then;
            // output observed: a peer slowly taking a long reply is not silent
            pipeline.addLast(IDLE, new IdleStateHandler(true, 0, 0, idleTimeout.toNanos(), TimeUnit.NANOSECONDS));
        }
        pipeline.addLast(CONNECTION, new ConnectionBridge(server, listener, idleTimeout, tls != null, lines));
    }
}
