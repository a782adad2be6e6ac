package org.eventdispatcher.tcp.server;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.EventExecutor;
import org.jspecify.annotations.Nullable;

/**
 * The handlers of every accepted connection, one role each, in the order a line meets them:
 *
 * <pre>
 * limit        a connection beyond max-connections is closed at once
 * tls          TLS (Netty's SslHandler, from a Spring Boot SSL bundle), when configured
 * handshake    a failed or timed-out handshake is counted and logged; gone once it succeeds
 * backpressure a peer that does not read is not read; one that takes no reply for send-timeout is dropped
 * lines        bytes to lines of at most max-line-length
 * idle         a connection that sent no line and was sent nothing for idle-timeout is closed (when set)
 * dispatch     lines to Spring Integration's inbound adapter, and the connection's events
 * </pre>
 *
 * Replies go the other way as lines, from {@link NettyTcpConnection#send}, which gathers the
 * replies to one read and writes them in one go: one buffer, one trip down the pipeline and one
 * system call per read rather than per reply (Netty's {@code FlushConsolidationHandler} saves the
 * system calls only; measured in BENCHMARKS.md).
 */
final class ServerPipeline extends ChannelInitializer<Channel> {

    private final NettyServerConnectionFactory factory;
    private final ConnectionLimit limit;
    private final int maxLineLength;
    private final Duration sendTimeout;
    private final Duration idleTimeout;
    private final @Nullable ServerTls tls;
    private final @Nullable TlsHandshake handshake;
    private final HandlerThreads.@Nullable ExecutorFactory handlerExecutors;

    /**
     * @param idleTimeout      zero keeps silent peers
     * @param tls              TLS for every connection; null: plaintext
     * @param handshakeFailed  counts a failed TLS handshake
     * @param handlerExecutors where each connection's handlers run; null: on its event loop
     */
    ServerPipeline(NettyServerConnectionFactory factory, ConnectionSlots slots, int maxLineLength,
            Duration sendTimeout, Duration idleTimeout, @Nullable ServerTls tls, Runnable handshakeFailed, HandlerThreads.@Nullable ExecutorFactory handlerExecutors) {
        this.factory = factory;
        this.limit = new ConnectionLimit(slots);
        this.maxLineLength = maxLineLength;
        this.sendTimeout = sendTimeout;
        this.idleTimeout = idleTimeout;
        this.tls = tls;
        this.handshake = tls != null ? new TlsHandshake(handshakeFailed, tls.handshakeTimeout()) : null;
        this.handlerExecutors = handlerExecutors;
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("limit", limit);
        if (tls != null) {
            pipeline.addLast("tls", tls.newHandler(channel.alloc()));
            pipeline.addLast("handshake", handshake);
        }
        boolean ownThread = handlerExecutors != null;
        pipeline.addLast("backpressure", new SlowReaderGuard(sendTimeout, !ownThread));
        LineDecoder lines = new LineDecoder(maxLineLength);
        pipeline.addLast("lines", lines);
        if (!idleTimeout.isZero()) {
            // after the lines: only a complete line is a sign of life, not a byte now and then;
            // output observed: a peer slowly taking a long reply is not silent
            pipeline.addLast("idle", new IdleStateHandler(true, 0, 0, idleTimeout.toNanos(), TimeUnit.NANOSECONDS));
        }
        if (ownThread) {
            // the bridge asks for each read once it has handled the last: lines never pile up on its thread
            channel.config().setAutoRead(false);
        }
        EventExecutor handlerThread = ownThread ? handlerExecutors.newExecutor() : null;
        pipeline.addLast(handlerThread, "dispatch", new ConnectionBridge(factory, idleTimeout, tls != null, lines));
    }
}
