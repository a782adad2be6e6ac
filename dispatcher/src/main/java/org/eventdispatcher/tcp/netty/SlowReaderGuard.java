package org.eventdispatcher.tcp.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Backpressure: while a peer's replies pile up past the channel's high water mark, it is not
 * read (its requests wait in the kernel, not in our memory); once they drain below the low mark,
 * reading resumes. A peer that takes no whole reply (a write: one reply, or the replies to one
 * read) for the send timeout is reported as a {@link SlowReaderException}, and its connection
 * closed by the bridge. Watching costs nothing
 * while the peer keeps up: the timer runs only while the channel is not writable.
 *
 * <p>When the handlers run on a thread of their own, they decide when to read (see
 * the server's {@code ConnectionBridge}), and this only watches.
 */
public final class SlowReaderGuard extends ChannelInboundHandlerAdapter {

    private final Duration sendTimeout;
    private final boolean pausesReading;
    private @Nullable ScheduledFuture<?> check;
    private int lastMessage;
    /** The replies drained below the low water mark since the last check: many were taken. */
    private boolean drained;

    /** @param pausesReading true: reading stops while the replies do not drain */
    public SlowReaderGuard(Duration sendTimeout, boolean pausesReading) {
        this.sendTimeout = sendTimeout;
        this.pausesReading = pausesReading;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean writable = ctx.channel().isWritable();
        if (pausesReading && !(writable && inputShutdown(ctx.channel()))) {
            ctx.channel().config().setAutoRead(writable);
        }
        if (writable) {
            drained = true;
        } else if (check == null) {
            progressed(ctx.channel());
            arm(ctx);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
        ctx.fireChannelInactive();
    }

    /**
     * True once the peer closed its side: nothing more to read, and Netty's epoll transport fails
     * a read asked for after that (it may have let go of the socket's registration).
     */
    public static boolean inputShutdown(Channel channel) {
        return channel instanceof DuplexChannel duplex && duplex.isInputShutdown();
    }

    private void arm(ChannelHandlerContext ctx) {
        check = ctx.executor().schedule(() -> check(ctx), sendTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void check(ChannelHandlerContext ctx) {
        check = null;
        Channel channel = ctx.channel();
        if (!channel.isActive() || channel.isWritable()) {
            return;
        }
        if (progressed(channel)) {
            arm(ctx);
            return;
        }
        ctx.fireExceptionCaught(new SlowReaderException("no reply taken in " + sendTimeout.toMillis() + " ms"));
    }

    /**
     * True when a whole write (a reply, or the replies to one read) left for the socket since the
     * last call: the peer takes its replies. Bytes do not count: a peer that reads a trickle would
     * pin its pile of replies for as long as it likes.
     */
    private boolean progressed(Channel channel) {
        ChannelOutboundBuffer output = channel.unsafe().outboundBuffer();
        if (output == null) {
            return false;
        }
        // the message's identity, not the message: a reference would keep a released buffer
        // reachable. A pooled buffer taken and reused could come back to the head with the same
        // identity only after the replies drained, which sets drained
        int message = System.identityHashCode(output.current());
        boolean moved = message != lastMessage || drained;
        lastMessage = message;
        drained = false;
        return moved;
    }
}
