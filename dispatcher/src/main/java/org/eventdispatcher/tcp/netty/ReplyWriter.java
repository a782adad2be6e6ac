package org.eventdispatcher.tcp.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The lines written to one channel. Encoded here rather than by a handler: as a buffer, each line
 * counts at once against the channel's write limits, whichever thread writes it; gathered, the
 * replies to one read cost one buffer, one trip down the pipeline and one system call (Netty's
 * {@code FlushConsolidationHandler} saves the system calls only; measured in BENCHMARKS.md).
 * A peer whose replies pile up past {@link #MAX_PENDING} is reported as a slow reader, once.
 */
public final class ReplyWriter {

    /** Replies waiting for a peer that does not read, beyond which it is dropped. */
    public static final int MAX_PENDING = 1024 * 1024;

    /** Replies gathered beyond this are written without waiting for the end of the read. */
    private static final int GATHER_LIMIT = 64 * 1024;

    /** The heartbeat's probe (PROTOCOL.md b.3), shared by every connection: its bytes are never consumed. */
    private static final ByteBuf ALIVE =
            Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer("ALIVE\n".getBytes(StandardCharsets.US_ASCII))
                    .asReadOnly());

    private final Channel channel;
    /** How long a closing connection's replies may take to leave. */
    private final long sendTimeoutNanos;

    private volatile boolean slowReaderReported;
    /** Replies to the lines of the current read, not written yet; only the connection's thread touches it. */
    private @Nullable ByteBuf gathered;

    public ReplyWriter(Channel channel, Duration sendTimeout) {
        this.channel = channel;
        this.sendTimeoutNanos = sendTimeout.toNanos();
    }

    /** @param gather true on the connection's thread while it hands over a read's lines: written with the others at its end */
    public void write(byte[] line, boolean gather) {
        if (!channel.isActive()) {
            return;
        }
        if (!channel.isWritable() && channel.bytesBeforeWritable() > MAX_PENDING) {
            droppedAsSlowReader(MAX_PENDING + " bytes of replies waiting");
            return;
        }
        if (gather) {
            gather(line);
            return;
        }
        ByteBuf buffer =
                channel.alloc().ioBuffer(line.length + 1).writeBytes(line).writeByte('\n');
        channel.writeAndFlush(buffer, channel.voidPromise());
    }

    private void gather(byte[] line) {
        if (gathered == null) {
            gathered = channel.alloc().ioBuffer(Math.max(256, line.length + 1));
        }
        gathered.writeBytes(line).writeByte('\n');
        if (gathered.readableBytes() >= GATHER_LIMIT) {
            flushGathered();
        }
    }

    /** Writes the heartbeat's probe, {@code ALIVE}; from any thread. */
    public void probe() {
        channel.writeAndFlush(ALIVE.duplicate(), channel.voidPromise());
    }

    /** Writes what was gathered; on the connection's thread. */
    public void flushGathered() {
        ByteBuf replies = gathered;
        if (replies != null) {
            gathered = null;
            channel.writeAndFlush(replies, channel.voidPromise());
        }
    }

    /**
     * Writes what was gathered, then runs {@code then}, both in one task of the channel's event
     * loop; called on the connection's thread, when that is not the loop.
     */
    public void flushGatheredThen(Runnable then) {
        ByteBuf replies = gathered;
        gathered = null;
        try {
            channel.eventLoop().execute(() -> {
                if (replies != null) {
                    channel.writeAndFlush(replies, channel.voidPromise());
                }
                then.run();
            });
        } catch (RejectedExecutionException stopping) {
            if (replies != null) {
                replies.release(); // the loops are ending, and their connections with them
            }
        }
    }

    /** Writes what was gathered, when called on the connection's thread (no other touches it). */
    public void flushGatheredOn(boolean connectionThread) {
        if (connectionThread) {
            flushGathered();
        }
    }

    /** The channel is closed: what was gathered has nowhere to go. On the connection's thread. */
    public void discardGathered() {
        ByteBuf replies = gathered;
        if (replies != null) {
            gathered = null;
            replies.release();
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
     * Closes once every reply written so far has left, for a peer that closed its side; or after
     * the send timeout, whatever is left: a peer that closed its side and never reads must not
     * hold its slot for ever. The timer is armed only while replies wait.
     */
    public void closeAfterWrites() {
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

    private void closeOnceWritten() {
        ChannelFuture written = channel.writeAndFlush(Unpooled.EMPTY_BUFFER);
        if (written.isDone()) {
            channel.close();
            return;
        }
        ScheduledFuture<?> giveUp = channel.eventLoop()
                .schedule(
                        () -> {
                            channel.close();
                        },
                        sendTimeoutNanos,
                        TimeUnit.NANOSECONDS);
        written.addListener(done -> {
            giveUp.cancel(false);
            channel.close();
        });
    }
}
