package org.eventdispatcher.tcp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventdispatcher.dispatch.LogCapture;
import org.junit.jupiter.api.Test;

/**
 * {@code max-connections} and {@code max-connections-per-address} at their edges (PROTOCOL.md g.5):
 * the connection one past a maximum is closed before the rest of the pipeline hears of it, counted
 * with its reason and logged; every slot comes back when its connection closes, the refused
 * ones' at once. Each peer is one of Netty's {@link EmbeddedChannel}s with the address it connects
 * from.
 */
class ConnectionSlotsAtTheLimitTest {

    private final List<ConnectionSlots.Refusal> refusals = new CopyOnWriteArrayList<>();
    private final AtomicInteger heardOf = new AtomicInteger();

    @Test
    void theConnectionOnePastTheMaximumIsClosedBeforeAnyoneHearsOfIt() throws Exception {
        ConnectionSlots slots = slots(2, 2);

        PeerAt first = connect(slots, "10.0.0.1");
        PeerAt second = connect(slots, "10.0.0.2");
        PeerAt third;
        try (LogCapture log = new LogCapture()) {
            third = connect(slots, "10.0.0.3");
            assertThat(log.messages())
                    .contains("connection from 10.0.0.3:40000 refused: 2 connections open, the maximum");
        }

        assertThat(first.isOpen()).isTrue();
        assertThat(second.isOpen()).isTrue();
        assertThat(third.isOpen()).isFalse();
        assertThat(heardOf).hasValue(2);
        assertThat(refusals).containsExactly(ConnectionSlots.Refusal.MAX_CONNECTIONS);
        assertThat(slots.open()).isEqualTo(2);
    }

    @Test
    void theConnectionOnePastTheMaximumFromOneAddressIsClosedAndOthersStillCome() throws Exception {
        ConnectionSlots slots = slots(10, 2);

        connect(slots, "10.0.0.1");
        connect(slots, "10.0.0.1");
        PeerAt third;
        try (LogCapture log = new LogCapture()) {
            third = connect(slots, "10.0.0.1");
            assertThat(log.messages())
                    .contains("connection from 10.0.0.1:40000 refused: 2 connections open from its address, the"
                            + " maximum (max-connections-per-address)");
        }
        PeerAt elsewhere = connect(slots, "10.0.0.2");

        assertThat(third.isOpen()).isFalse();
        assertThat(elsewhere.isOpen()).isTrue();
        assertThat(refusals).containsExactly(ConnectionSlots.Refusal.MAX_CONNECTIONS_PER_ADDRESS);
        assertThat(slots.open()).as("the refused one holds no slot").isEqualTo(3);
    }

    @Test
    void aClosedConnectionGivesItsSlotBackInAllAndForItsAddress() throws Exception {
        ConnectionSlots slots = slots(2, 1);
        PeerAt first = connect(slots, "10.0.0.1");
        connect(slots, "10.0.0.2");
        assertThat(connect(slots, "10.0.0.1").isOpen()).isFalse();

        first.close();

        assertThat(slots.open()).isEqualTo(1);
        assertThat(connect(slots, "10.0.0.1").isOpen()).isTrue();
        assertThat(slots.open()).isEqualTo(2);
    }

    @Test
    void anAddressKeepsItsCountUntilItsLastConnectionCloses() throws Exception {
        ConnectionSlots slots = slots(10, 2);
        PeerAt first = connect(slots, "10.0.0.1");
        connect(slots, "10.0.0.1");

        first.close();

        assertThat(connect(slots, "10.0.0.1").isOpen()).isTrue();
        assertThat(connect(slots, "10.0.0.1").isOpen()).isFalse();
    }

    @Test
    void aConnectionRefusedForItsAddressLeavesThatAddressItsCount() throws Exception {
        ConnectionSlots slots = slots(10, 1);
        PeerAt first = connect(slots, "10.0.0.1");
        assertThat(connect(slots, "10.0.0.1").isOpen()).isFalse();
        assertThat(connect(slots, "10.0.0.1").isOpen()).isFalse();

        first.close();

        assertThat(connect(slots, "10.0.0.1").isOpen()).isTrue();
    }

    @Test
    void aPeerWithoutAnIpAddressCountsInAllOnly() throws Exception {
        ConnectionSlots slots = slots(2, 1);

        PeerAt first = connect(slots, null);
        PeerAt second = connect(slots, null);
        PeerAt third = connect(slots, null);

        assertThat(first.isOpen()).isTrue();
        assertThat(second.isOpen()).isTrue();
        assertThat(third.isOpen()).isFalse();
        assertThat(refusals).containsExactly(ConnectionSlots.Refusal.MAX_CONNECTIONS);
        second.close();
        assertThat(slots.open()).isEqualTo(1);
    }

    @Test
    void anAdmittedConnectionNoLongerPassesThroughTheLimit() throws Exception {
        PeerAt peer = connect(slots(1, 1), "10.0.0.1");

        assertThat(peer.pipeline().get(ConnectionLimit.class)).isNull();
    }

    @Test
    void aPeerIsNamedByItsAddressAndPortAsEveryLineNamesIt() throws Exception {
        assertThat(ConnectionLimit.peerAddress(connect(slots(5, 5), "10.0.0.1")))
                .isEqualTo("10.0.0.1:40000");
        assertThat(ConnectionLimit.peerAddress(connect(slots(5, 5), "::1"))).isEqualTo("[0:0:0:0:0:0:0:1]:40000");
        assertThat(ConnectionLimit.peerAddress(new PeerAt(InetSocketAddress.createUnresolved("peer", 7))))
                .isEqualTo(InetSocketAddress.createUnresolved("peer", 7).toString());
        assertThat(ConnectionLimit.peerAddress(connect(slots(5, 5), null))).isEqualTo("embedded");
    }

    @Test
    void maximaBelowOneAreRefusedAtStart() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ConnectionSlots(0, 1, refusal -> {}))
                .withMessage("the maximum number of connections must be at least 1, not 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ConnectionSlots(1, 0, refusal -> {}))
                .withMessage("the maximum number of connections per address must be at least 1, not 0");
        ConnectionSlots one = new ConnectionSlots(1);
        assertThat(one.max()).isEqualTo(1);
        assertThat(one.maxPerAddress()).isEqualTo(1);
    }

    private ConnectionSlots slots(int max, int maxPerAddress) {
        return new ConnectionSlots(max, maxPerAddress, refusals::add);
    }

    /** A peer from {@code ip} (null: not an IP peer), through the limit and then a handler that counts who it hears of. */
    private PeerAt connect(ConnectionSlots slots, String ip) throws Exception {
        SocketAddress from = ip == null ? null : new InetSocketAddress(ip, 40000);
        PeerAt peer = new PeerAt(from, new ConnectionLimit(slots), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                heardOf.incrementAndGet();
            }
        });
        peer.register();
        return peer;
    }

    /** An accepted channel whose peer connects from {@code from} (null: Netty's embedded address). */
    private static final class PeerAt extends EmbeddedChannel {

        private final SocketAddress from;

        PeerAt(SocketAddress from, ChannelHandler... handlers) {
            super(false, false, handlers);
            this.from = from;
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return from != null ? from : super.remoteAddress0();
        }
    }
}
