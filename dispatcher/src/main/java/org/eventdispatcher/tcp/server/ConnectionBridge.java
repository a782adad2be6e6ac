package org.eventdispatcher.tcp.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eventdispatcher.tcp.netty.LineDecoder;
import org.eventdispatcher.tcp.netty.SlowReaderException;
import org.eventdispatcher.tcp.netty.SlowReaderGuard;
import org.eventdispatcher.tcp.netty.TruncatedLineException;
import org.eventdispatcher.tcp.server.listener.Listener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last in the pipeline, on the channel's event loop: makes the channel's {@link AcceptedConnection}
 * when it becomes active (after the handshake, with TLS), hands it each line, and turns what ends
 * a connection (a line too long, a reset, silence, a peer that does not read) into its failure
 * before closing it. It tells the connection on the thread that serves it: the event loop itself,
 * or, with a thread per connection, the connection's {@link SerialQueue}, in the order the events
 * came: opened first, closed last, the lines between.
 *
 * <p>With a thread per connection, it reads while the peer takes its replies and the lines not yet
 * handled are few ({@link #READ_AHEAD_BYTES}): a slow handler backs up into its own socket, not
 * the heap. A peer that waits for its replies never reaches the limit, so its reads cost nothing
 * more than on the event loops (asking for each read was two system calls of epoll more per read).
 */
final class ConnectionBridge extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionBridge.class);

    /**
     * With a thread per connection, the bytes of lines handed to its queue and not yet handled
     * beyond which the connection is not read (autoRead off) until its handlers catch up.
     */
    static final int READ_AHEAD_BYTES = 64 * 1024;

    private final NettyTcpServer server;
    private final Listener listener;
    private final Duration idleTimeout;
    private final boolean afterHandshake;
    private final LineDecoder lines;
    private final boolean queued;
    private @Nullable AcceptedConnection connection;
    private boolean deliveryFailureLogged;
    /**
     * With a thread per connection, the lines of the read under way: handed to the connection's
     * queue in one task once the read is complete (or before any other event), so that a read
     * costs one hand-off to the handlers' thread and one back, whatever its number of lines.
     * Only the event loop touches it.
     */
    private List<byte[]> readLines = new ArrayList<>(4);
    /** With a thread per connection, the bytes of lines handed to its queue and not handled yet; only the event loop touches it. */
    private int unhandledBytes;
    /** The part of {@link #unhandledBytes} in {@link #readLines}. */
    private int readBytes;

    /**
     * @param afterHandshake TLS: the connection opens once its handshake is done, not when the socket is
     * @param lines          the decoder before this: whether a read ended in the middle of a line
     */
    ConnectionBridge(
            NettyTcpServer server, Listener listener, Duration idleTimeout, boolean afterHandshake, LineDecoder lines) {
        this.server = server;
        this.listener = listener;
        this.idleTimeout = idleTimeout;
        this.afterHandshake = afterHandshake;
        this.lines = lines;
        this.queued = server.handlersOnOwnThreads();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (afterHandshake) {
            ctx.fireChannelActive();
            return;
        }
        open(ctx);
    }

    private void open(ChannelHandlerContext ctx) {
        AcceptedConnection opened = server.accepted(ctx.channel(), listener);
        connection = opened;
        opened.onItsThread(() -> {
            if (!opened.isClosing()) { // not closed by a stop that came first
                try {
                    opened.opened();
                } catch (RuntimeException | Error e) { // on an event loop, Netty would pass it to exceptionCaught
                    failThenClose(opened, e);
                }
            }
        });
        if (!afterHandshake) {
            ctx.fireChannelActive();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object line) {
        AcceptedConnection current = connection;
        if (current == null || current.isClosing()) {
            return;
        }
        if (queued) {
            byte[] bytes = (byte[]) line;
            readLines.add(bytes);
            readBytes += bytes.length;
            unhandledBytes += bytes.length;
            readOrNot(ctx.channel()); // at once: the read under way stops after this socket read
        } else {
            deliver(current, (byte[]) line);
        }
    }

    /** The lines of the read under way, to the connection's queue: before anything that comes after them. */
    private void handOverLines(AcceptedConnection current) {
        if (readLines.isEmpty()) {
            return;
        }
        List<byte[]> handed = readLines;
        readLines = new ArrayList<>(4);
        // no longer counted, for no trip back to the loop counts them off: at most one read's lines,
        // before an event that ends the connection as a rule
        unhandledBytes -= readBytes;
        readBytes = 0;
        current.onItsThread(() -> handed.forEach(line -> deliver(current, line)));
    }

    private void deliver(AcceptedConnection current, byte[] line) {
        if (current.isClosing()) {
            return;
        }
        try {
            current.received(line);
        } catch (RuntimeException e) {
            // the dispatcher answers handler failures itself: this is the flow failing (e.g. stopped
            // while the daemon stops), so once per connection is enough
            if (!deliveryFailureLogged) {
                deliveryFailureLogged = true;
                log.warn("{}: a line could not be handled: {}", current.address(), e.toString());
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        AcceptedConnection current = connection;
        boolean partialLine = lines.hasPartialLine();
        Channel channel = ctx.channel();
        if (current == null) {
            // not open yet (TLS handshake): nothing to tell
        } else if (queued && readLines.isEmpty()) {
            current.onItsThread(() -> current.readDone(partialLine)); // a part of a line: its start noted
        } else if (queued) {
            List<byte[]> handed = readLines;
            int bytes = readBytes;
            readLines = new ArrayList<>(4);
            readBytes = 0;
            current.onItsThread(() -> {
                handed.forEach(line -> deliver(current, line));
                // this read's lines are handled: their replies, and their count off, in one trip to the loop
                current.readDone(partialLine, () -> handled(channel, bytes));
            });
        } else {
            current.readDone(partialLine);
        }
        ctx.fireChannelReadComplete();
    }

    /** With a thread per connection, on the event loop: the lines of a read are handled. */
    private void handled(Channel channel, int bytes) {
        unhandledBytes -= bytes;
        readOrNot(channel);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (queued) {
            readOrNot(ctx.channel());
        }
        ctx.fireChannelWritabilityChanged();
    }

    /**
     * With a thread per connection, on the event loop: reads go on while the peer takes its
     * replies and its handlers keep up. Not turned on once the peer closed its side: Netty's epoll
     * transport fails a read asked for after that.
     */
    private void readOrNot(Channel channel) {
        boolean read = channel.isWritable() && unhandledBytes <= READ_AHEAD_BYTES;
        if (read != channel.config().isAutoRead() && !(read && SlowReaderGuard.inputShutdown(channel))) {
            channel.config().setAutoRead(read);
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
        AcceptedConnection current = connection;
        if (current == null) {
            return;
        }
        if (queued) {
            handOverLines(current);
        }
        if (current.isClosing()) {
            if (event instanceof IdleStateEvent) {
                ctx.channel().close(); // the close waits for replies: not for ever
            }
            return;
        }
        if (event instanceof IdleStateEvent) {
            current.onItsThread(() -> failThenClose(current, new SocketTimeoutException("no data for " + idleTimeout)));
        } else if (event instanceof ChannelInputShutdownEvent || event instanceof ChannelInputShutdownReadComplete) {
            if (queued && unhandledBytes == 0 && current.queueIdle()) {
                // every line handled, and its replies handed to this loop: no trip to the queue and
                // back. A task of the loop, behind the writes its handlers handed to it
                ctx.channel().eventLoop().execute(current::closeAfterWrites);
            } else {
                current.onItsThread(current::closeAfterWrites); // every whole line it sent is answered by then
            }
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        AcceptedConnection current = connection;
        Throwable problem = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (current == null) { // failed before its connection was made: the close gives its slot back
            log.debug("{} failed as it opened: {}", ConnectionLimit.peerAddress(ctx.channel()), problem.toString());
            ctx.channel().close();
            return;
        }
        if (queued) {
            handOverLines(current); // a line too long is answered after the lines before it
        }
        if (current.isClosing() || problem instanceof ClosedChannelException) {
            log.debug("{} after the close began: {}", current.address(), problem.toString());
            if (problem instanceof SlowReaderException) {
                ctx.channel().close(); // the close waits for replies: not from a peer that takes none
            }
            return;
        }
        current.onItsThread(() -> failThenClose(current, problem));
    }

    /** A line too long is answered INVALID before the close; a line cut short by the peer's close is answered too. */
    private static void failThenClose(AcceptedConnection current, Throwable problem) {
        try {
            current.failed(problem);
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
        AcceptedConnection current = connection;
        if (current != null) {
            if (queued) {
                handOverLines(current);
            }
            current.onItsThread(current::closed);
        }
        ctx.fireChannelInactive();
    }
}
