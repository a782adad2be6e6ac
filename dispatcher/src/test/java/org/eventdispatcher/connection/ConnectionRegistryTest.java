package org.eventdispatcher.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eventdispatcher.connection.ConnectionListener.Event;
import org.eventdispatcher.connection.ConnectionRegistry.Statistics;
import org.eventdispatcher.dispatch.FakePeer;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.message.MessageCodec;
import org.eventdispatcher.protocol.message.MessageParseException;
import org.junit.jupiter.api.Test;

/**
 * The registry as its transports tell it of their connections (the transports' own tests show
 * they do, over real sockets and through {@code /actuator/connections}).
 */
class ConnectionRegistryTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** The dispatcher's clock (System.nanoTime() in a daemon) reads 5 s whenever the registry asks. */
    private static final long NOW_NANOS = 5_000_000_000L;

    private final ConnectionRegistry registry = new ConnectionRegistry(CLOCK, () -> NOW_NANOS);

    @Test
    void eachOpenConnectionHasAnEntryUntilItClosesCountedBySideAndTransport() {
        TestConnection accepted = new TestConnection("s-1", Side.SERVER, "tcp", "127.0.0.1:40001");
        TestConnection opened = new TestConnection("c-1", Side.CLIENT, "tcp", "127.0.0.1:3001");
        TestConnection virtual = new TestConnection("amqp-1", Side.SERVER, "amqp", "host:client");
        for (TestConnection connection : List.of(accepted, opened, virtual)) {
            registry.connectionEvent(Event.OPENED, connection, null);
        }

        assertThat(registry.connections())
                .extracting(
                        Statistics::id,
                        Statistics::side,
                        Statistics::transport,
                        Statistics::peer,
                        Statistics::connectedSince)
                .containsExactlyInAnyOrder(
                        tuple("s-1", Side.SERVER, "tcp", "127.0.0.1:40001", NOW),
                        tuple("c-1", Side.CLIENT, "tcp", "127.0.0.1:3001", NOW),
                        tuple("amqp-1", Side.SERVER, "amqp", "host:client", NOW));
        assertThat(registry.open(Side.SERVER)).isEqualTo(1);
        assertThat(registry.open(Side.SERVER, "amqp")).isEqualTo(1);

        registry.connectionEvent(Event.FAILED, accepted, new IOException("reset"));
        assertThat(registry.size()).isEqualTo(3); // failing is not closing
        registry.connectionEvent(Event.CLOSED, accepted, null);
        registry.connectionEvent(Event.CLOSED, accepted, null); // told twice, counted once

        assertThat(registry.connections()).extracting(Statistics::id).containsExactlyInAnyOrder("c-1", "amqp-1");
        assertThat(registry.opened(Side.SERVER)).isEqualTo(1);
        assertThat(registry.closed(Side.SERVER)).isEqualTo(1);
        assertThat(registry.open(Side.SERVER)).isZero();
    }

    @Test
    void theDispatchersCallbacksCountThePeersMessagesBothWays() throws MessageParseException {
        TestConnection connection = new TestConnection("c-1", Side.CLIENT, "tcp", "127.0.0.1:3001");
        registry.connectionEvent(Event.OPENED, connection, null);
        registry.connectionEvent(Event.OPENED, new TestConnection("c-2", Side.CLIENT, "tcp", "127.0.0.1:3001"), null);
        Message alive = MessageCodec.standard().parse("ALIVE");

        registry.received(alive, connection, 1_000_000_000L);
        registry.invalid(parseError(), connection, 4_000_000_000L);
        registry.sent(alive, connection, 3_500_000_000L); // the last: 1.5 s before the registry is read
        registry.received(alive, new FakePeer(false), NOW_NANOS); // no connection: not counted

        Statistics entry = registry.connections().stream()
                .filter(e -> e.id().equals("c-1"))
                .findFirst()
                .orElseThrow();
        assertThat(entry.messagesIn()).isEqualTo(2);
        assertThat(entry.messagesOut()).isEqualTo(1);
        assertThat(entry.lastMessageAt()).isEqualTo(NOW.minusMillis(1_500));
        assertThat(registry.connections())
                .filteredOn(e -> !e.id().equals("c-1"))
                .allSatisfy(other -> assertThat(other.lastMessageAt()).isNull());
    }

    /** Every transport tells of its closes; should one ever be lost, the entry goes on the next read. */
    @Test
    void anEntryWhoseCloseWasMissedIsDroppedWhenRead() {
        TestConnection connection = new TestConnection("s-1", Side.SERVER, "tcp", "127.0.0.1:40001");
        registry.connectionEvent(Event.OPENED, connection, null);
        assertThat(registry.connections()).hasSize(1);

        connection.open = false;

        assertThat(registry.connections()).isEmpty();
        assertThat(registry.size()).isZero();
        assertThat(registry.closed(Side.SERVER)).isEqualTo(1);
    }

    private static MessageParseException parseError() {
        try {
            MessageCodec.standard().parse("NOT A MESSAGE=");
        } catch (MessageParseException e) {
            return e;
        }
        throw new AssertionError("the line parsed");
    }
}
