package org.eventdispatcher.connection;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * The server's side of the heartbeat (PROTOCOL.md b.3 {@code ALIVE}): a peer that has sent nothing
 * for {@code idle} is sent {@code ALIVE}; if nothing at all comes back within {@code timeout}, a
 * {@link HeartbeatTimeoutException} goes down the pipeline and the bridge closes the connection.
 * Any bytes count as an answer: our client answers {@code ABSOLUTELY}, an upstream peer without
 * the system commands {@code UNKNOWN command=ALIVE}, and a busy one whatever it was going to say.
 *
 * <p>Netty's reader-idle timer does the watching; a read costs a timestamp, and a timer is pending
 * only while a probe is out.
 */
final class Heartbeat extends IdleStateHandler {

    private static final ByteBuf ALIVE = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer("ALIVE\n".getBytes(StandardCharsets.US_ASCII)).asReadOnly());

    private final Duration idle;
    private final Duration timeout;
    private @Nullable ScheduledFuture<?> verdict;

    Heartbeat(Duration idle, Duration timeout) {
        super(false, idle.toNanos(), 0, 0, TimeUnit.NANOSECONDS);
        this.idle = idle;
        this.timeout = timeout;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        answered();
        super.channelRead(ctx, msg);
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
        if (event.state() != IdleState.READER_IDLE || verdict != null || !ctx.channel().isActive()) {
            return; // a probe is out already: its timeout decides
        }
        ctx.writeAndFlush(ALIVE.duplicate());
        verdict = ctx.executor().schedule(() -> {
            verdict = null;
            ctx.fireExceptionCaught(new HeartbeatTimeoutException(idle, timeout));
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        answered();
        super.channelInactive(ctx);
    }

    private void answered() {
        if (verdict != null) {
            verdict.cancel(false);
            verdict = null;
        }
    }
}
