package org.eventdispatcher.tcp.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DuplexChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The send timeout (PROTOCOL.md g.5: a peer that does not read its replies is dropped): a peer that
 * takes no whole reply for the timeout is reported, one that takes a reply within each timeout is
 * not, however slowly it reads; reading pauses while its replies pile up. The peer here is a
 * channel whose socket is full until the test takes a reply off it, on a clock the test moves.
 */
class SlowReaderSendTimeoutTest {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(1);
    /**
     * One reply stays below the high water mark, two pile up past it; one taken leaves the other
     * above the low mark, both taken drain below it (Netty counts 96 bytes more for each).
     */
    private static final int REPLY = 4096;

    private final List<Throwable> failures = new ArrayList<>();

    @Test
    void aPeerThatTakesNoReplyForTheSendTimeoutIsReportedAsASlowReader() {
        PeerOnCue peer = peer(true);
        peer.reply();
        peer.reply();
        assertThat(peer.isWritable()).isFalse();

        peer.advance(SEND_TIMEOUT);

        assertThat(failures).singleElement().isInstanceOf(SlowReaderException.class);
        assertThat(failures.get(0)).hasMessage("does not read its replies: no reply taken in 1000 ms");
    }

    @Test
    void aPeerThatTakesAReplyWithinEachSendTimeoutIsNotReportedHoweverSlowly() {
        PeerOnCue peer = peer(true);
        peer.reply();
        peer.reply();
        peer.reply();

        for (int i = 0; i < 3; i++) {
            peer.takeOneReply();
            peer.reply();
            assertThat(peer.isWritable()).isFalse();
            peer.advance(SEND_TIMEOUT);
            assertThat(failures).isEmpty();
        }

        peer.advance(SEND_TIMEOUT); // and then it stops reading

        assertThat(failures).singleElement().isInstanceOf(SlowReaderException.class);
    }

    @Test
    void aPeerThatTookEveryReplyIsNotReportedWhenTheNextPileStartsWithTheSameBuffer() {
        PeerOnCue peer = peer(true);
        ByteBuf reused = Unpooled.wrappedBuffer(new byte[REPLY]).retain(); // a pooled buffer, taken again
        peer.writeAndFlush(reused);
        peer.reply();
        peer.takeOneReply();
        peer.takeOneReply();
        assertThat(peer.isWritable()).isTrue();

        peer.writeAndFlush(reused);
        peer.reply();
        peer.advance(SEND_TIMEOUT);

        assertThat(failures).isEmpty();
        peer.advance(SEND_TIMEOUT); // still watched: this pile was not taken
        assertThat(failures).singleElement().isInstanceOf(SlowReaderException.class);
    }

    @Test
    void aPeerThatCatchesUpBeforeTheTimeoutIsNotReported() {
        PeerOnCue peer = peer(true);
        peer.reply();
        peer.reply();
        peer.takeOneReply();
        peer.takeOneReply();

        peer.advance(SEND_TIMEOUT);

        assertThat(failures).isEmpty();
    }

    @Test
    void readingPausesWhileRepliesPileUpAndResumesOnceTheyDrain() {
        PeerOnCue peer = peer(true);
        peer.reply();
        peer.reply();
        assertThat(peer.config().isAutoRead()).isFalse();

        peer.takeOneReply();
        assertThat(peer.config().isAutoRead()).isFalse(); // still above the low water mark
        peer.takeOneReply();

        assertThat(peer.config().isAutoRead()).isTrue();
    }

    @Test
    void whenTheHandlersDecideWhenToReadTheGuardOnlyWatches() {
        PeerOnCue peer = peer(false);
        peer.reply();
        peer.reply();

        assertThat(peer.config().isAutoRead()).isTrue();
        peer.advance(SEND_TIMEOUT);
        assertThat(failures).singleElement().isInstanceOf(SlowReaderException.class);
    }

    @Test
    void aConnectionClosedWhileItsRepliesPileUpLeavesNoTimerBehind() {
        PeerOnCue peer = peer(true);
        peer.reply();
        peer.reply();

        peer.close();

        assertThat(peer.runScheduledPendingTasks()).isEqualTo(-1); // none scheduled
        assertThat(failures).isEmpty();
    }

    @Test
    void aPeerThatKeepsUpStartsNoTimer() {
        PeerOnCue peer = peer(true);
        peer.reply();
        peer.takeOneReply();

        assertThat(peer.runScheduledPendingTasks()).isEqualTo(-1);
    }

    @Test
    void onceThePeerClosedItsSideReadingIsNotResumedWhenItsRepliesDrain() {
        PeerOnCue peer = watched(new HalfClosedPeer(), true); // Netty's epoll fails a read asked for then
        peer.reply();
        peer.reply();
        assertThat(peer.config().isAutoRead()).isFalse();

        peer.takeOneReply();
        peer.takeOneReply();

        assertThat(peer.isWritable()).isTrue();
        assertThat(peer.config().isAutoRead()).isFalse();
    }

    private PeerOnCue peer(boolean pausesReading) {
        return watched(new PeerOnCue(), pausesReading);
    }

    private PeerOnCue watched(PeerOnCue peer, boolean pausesReading) {
        peer.config().setWriteBufferWaterMark(new WriteBufferWaterMark(REPLY, REPLY + REPLY / 2));
        peer.freezeTime();
        peer.pipeline().addLast(new SlowReaderGuard(SEND_TIMEOUT, pausesReading), new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                failures.add(cause);
            }
        });
        return peer;
    }

    /** A peer's socket that takes nothing until the test takes a reply off it: a flush leaves the replies queued. */
    private static class PeerOnCue extends EmbeddedChannel {

        void reply() {
            writeAndFlush(Unpooled.wrappedBuffer(new byte[REPLY]));
        }

        void takeOneReply() {
            unsafe().outboundBuffer().remove();
        }

        void advance(Duration duration) {
            advanceTimeBy(duration.toNanos(), TimeUnit.NANOSECONDS);
            runScheduledPendingTasks();
        }

        @Override
        protected void doWrite(ChannelOutboundBuffer in) {
            // the socket is full
        }
    }

    /** A peer that closed its side (shut its output down): nothing more to read from it. */
    private static final class HalfClosedPeer extends PeerOnCue implements DuplexChannel {

        @Override
        public boolean isInputShutdown() {
            return true;
        }

        @Override
        public ChannelFuture shutdownInput() {
            return newSucceededFuture();
        }

        @Override
        public ChannelFuture shutdownInput(ChannelPromise promise) {
            return promise.setSuccess();
        }

        @Override
        public boolean isOutputShutdown() {
            return false;
        }

        @Override
        public ChannelFuture shutdownOutput() {
            return newFailedFuture(new UnsupportedOperationException());
        }

        @Override
        public ChannelFuture shutdownOutput(ChannelPromise promise) {
            return promise.setFailure(new UnsupportedOperationException());
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public ChannelFuture shutdown() {
            return newFailedFuture(new UnsupportedOperationException());
        }

        @Override
        public ChannelFuture shutdown(ChannelPromise promise) {
            return promise.setFailure(new UnsupportedOperationException());
        }
    }
}
