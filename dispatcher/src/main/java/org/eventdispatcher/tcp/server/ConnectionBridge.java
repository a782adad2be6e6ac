package org.eventdispatcher.tcp.server;

import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last in the pipeline: the bridge between a Netty channel and Spring Integration. It makes the
 * channel's {@link NettyTcpConnection} when the channel becomes active, hands it each line, and
 * turns what ends a connection (a line too long, a reset, silence, a peer that does not read)
 * into Spring Integration's exception event before closing it. The close event follows the open
 * event on the same thread, always.
 *
 * <p>It runs on the thread of the connection's handlers: the channel's event loop, or an
 * executor of the connection's own, which it shuts down once the channel is done. On a thread of
 * its own, it asks for the next read only once it has handled the lines of the last, and the
 * peer takes its replies: the event loop never reads ahead of the handlers.
 */
final class ConnectionBridge extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionBridge.class);

    private final NettyServerConnectionFactory factory;
    private final Duration idleTimeout;
    private final boolean afterHandshake;
    private final LineDecoder lines;
    private @Nullable NettyTcpConnection connection;
    private boolean deliveryFailureLogged;
    private boolean readsOnDemand;
    private boolean readWhenWritable;

    /**
     * @param afterHandshake TLS: the connection opens once its handshake is done, not when the socket is
     * @param lines          the decoder before this: whether a read ended in the middle of a line
     */
    ConnectionBridge(NettyServerConnectionFactory factory, Duration idleTimeout, boolean afterHandshake,
            LineDecoder lines) {
        this.factory = factory;
        this.lines = lines;
        this.idleTimeout = idleTimeout;
        this.afterHandshake = afterHandshake;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        readsOnDemand = !ctx.channel().config().isAutoRead();
        if (afterHandshake) {
            ctx.fireChannelActive();
            readMore(ctx); // reads on demand: the first one starts the handshake, the TLS handler asks for the rest
            return;
        }
        open(ctx);
    }

    private void open(ChannelHandlerContext ctx) {
        NettyTcpConnection opened = factory.register(ctx.channel(), ctx.executor());
        connection = opened;
        if (!opened.isClosing()) { // not closed by a stop that came first
            opened.opened();
        }
        if (!afterHandshake) {
            ctx.fireChannelActive();
        }
        readMore(ctx);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        NettyTcpConnection current = connection;
        if (current != null) {
            current.readDone(lines.hasPartialLine());
        }
        ctx.fireChannelReadComplete();
        readMore(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (readWhenWritable && ctx.channel().isWritable()) {
            readWhenWritable = false;
            read(ctx.channel());
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** With reads on demand: the next read now, or once the peer has taken its replies. */
    private void readMore(ChannelHandlerContext ctx) {
        if (!readsOnDemand) {
            return;
        }
        if (ctx.channel().isWritable()) {
            read(ctx.channel());
        } else {
            readWhenWritable = true;
        }
    }

    /**
     * Reads once more, decided on the event loop: the peer may have closed its side since this
     * thread last heard, and Netty's epoll transport fails a read asked for after that.
     */
    private static void read(Channel channel) {
        channel.eventLoop().execute(() -> {
            if (!SlowReaderGuard.inputShutdown(channel)) {
                channel.read();
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object line) {
        NettyTcpConnection current = connection;
        if (current != null && !current.isClosing()) {
            deliver(current, (byte[]) line);
        }
    }

    private void deliver(NettyTcpConnection current, byte[] line) {
        try {
            current.received(line);
        } catch (RuntimeException e) {
            // the dispatcher answers handler failures itself: this is the flow failing (e.g. stopped
            // while the daemon stops), so once per connection is enough
            if (!deliveryFailureLogged) {
                deliveryFailureLogged = true;
                log.warn("{}: a line could not be handled: {}", current.peerAddress(), e.toString());
            }
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess() && connection == null && ctx.channel().isActive()) {
                open(ctx);
            }
            return;
        }
        NettyTcpConnection current = connection;
        if (current == null) {
            return;
        }
        if (current.isClosing()) {
            if (event instanceof IdleStateEvent) {
                ctx.channel().close(); // the close waits for replies: not for ever
            }
            return;
        }
        if (event instanceof IdleStateEvent) {
            try {
                current.failed(new SocketTimeoutException("no data for " + idleTimeout));
            } finally {
                current.close();
            }
        } else if (event instanceof ChannelInputShutdownEvent || event instanceof ChannelInputShutdownReadComplete) {
            current.closeAfterWrites(); // every whole line it sent is answered by now
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        NettyTcpConnection current = connection;
        Throwable problem = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (current == null) { // failed before its connection was made: the close gives its slot back
            log.debug("{} failed as it opened: {}", NettyTcpConnection.peerAddress(ctx.channel()), problem.toString());
            // the channel's close, not this context's: its promise must not need this handler's thread
            ctx.channel().close();
            return;
        }
        if (current.isClosing() || problem instanceof ClosedChannelException) {
            log.debug("{} after the close began: {}", current.peerAddress(), problem.toString());
            if (problem instanceof SlowReaderException) {
                ctx.channel().close(); // the close waits for replies: not from a peer that takes none
            }
            return;
        }
        try {
            current.failed(problem); // a line too long is answered INVALID by the listeners, before the close
        } finally {
            if (problem instanceof TruncatedLineException) {
                current.closeAfterWrites();
            } else {
                current.close();
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        NettyTcpConnection current = connection;
        try {
            if (current != null) {
                factory.unregister(current);
                current.closed();
            }
        } finally {
            ctx.fireChannelInactive();
        }
    }

    /** The channel is done: a connection's own executor has nothing left to run. */
    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (ctx.executor() != ctx.channel().eventLoop()) {
            ctx.executor().shutdownGracefully(0, 0, TimeUnit.SECONDS);
        }
    }
}
