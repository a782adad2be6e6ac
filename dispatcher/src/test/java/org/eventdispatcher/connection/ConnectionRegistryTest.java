package org.eventdispatcher.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.eventdispatcher.dispatch.FakePeer;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.message.MessageCodec;
import org.eventdispatcher.protocol.message.MessageParseException;
import org.eventdispatcher.connection.Side;
import org.eventdispatcher.connection.ConnectionRegistry.Statistics;
import org.eventdispatcher.tcp.LoopbackFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/** Connections over real sockets on 127.0.0.1, registered from the events Spring Integration publishes. */
class ConnectionRegistryTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** The dispatcher's clock (System.nanoTime() in a daemon) reads 5 s whenever the registry asks. */
    private static final long NOW_NANOS = 5_000_000_000L;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class))
            .withBean(ConnectionRegistry.class, () -> new ConnectionRegistry(CLOCK, () -> NOW_NANOS))
            .withBean("server", TcpNetServerConnectionFactory.class, LoopbackFactories::server);

    @Test
    void eachOpenConnectionHasAnEntryOnBothSidesUntilItCloses() {
        runner.run(context -> {
            TcpNetServerConnectionFactory server = LoopbackFactories.listening(context);
            TcpNetClientConnectionFactory client = LoopbackFactories.client(context, server.getPort());
            ConnectionRegistry registry = context.getBean(ConnectionRegistry.class);
            try {
                TcpConnection first = client.getConnection();
                TcpConnection second = client.getConnection();
                await().until(() -> registry.connections().size() == 4); // two accepted, two opened

                List<Statistics> entries = registry.connections();
                assertThat(entries).filteredOn(e -> e.side() == Side.CLIENT).extracting(Statistics::peer)
                        .containsOnly("127.0.0.1:" + server.getPort());
                assertThat(entries).filteredOn(e -> e.side() == Side.SERVER).extracting(Statistics::peer)
                        .containsExactlyInAnyOrder(localEnd(first), localEnd(second));
                assertThat(entries).extracting(Statistics::connectedSince).containsOnly(NOW);
                assertThat(entries).extracting(Statistics::id)
                        .contains(first.getConnectionId(), second.getConnectionId());

                first.close();
                await().until(() -> registry.size() == 2);
                assertThat(registry.connections()).extracting(Statistics::id)
                        .doesNotContain(first.getConnectionId()).contains(second.getConnectionId());
            } finally {
                client.stop();
                server.stop();
            }
            await().until(() -> registry.size() == 0);
        });
    }

    @Test
    void theDispatchersCallbacksCountThePeersMessagesBothWays() {
        runner.run(context -> {
            TcpNetServerConnectionFactory server = LoopbackFactories.listening(context);
            TcpNetClientConnectionFactory client = LoopbackFactories.client(context, server.getPort());
            ConnectionRegistry registry = context.getBean(ConnectionRegistry.class);
            try {
                TcpConnection connection = client.getConnection();
                await().until(() -> registry.size() == 2); // and the server's end
                Peer peer = new FakePeer(connection.getConnectionId(), true);
                Message alive = MessageCodec.standard().parse("ALIVE");

                registry.received(alive, peer, 1_000_000_000L);
                registry.invalid(parseError(), peer, 4_000_000_000L);
                registry.sent(alive, peer, 3_500_000_000L); // the last: 1.5 s before the registry is read
                registry.received(alive, new FakePeer(false), NOW_NANOS); // no connection: not counted

                Statistics entry = registry.connections().stream()
                        .filter(e -> e.id().equals(connection.getConnectionId())).findFirst().orElseThrow();
                assertThat(entry.messagesIn()).isEqualTo(2);
                assertThat(entry.messagesOut()).isEqualTo(1);
                assertThat(entry.lastMessageAt()).isEqualTo(NOW.minusMillis(1_500));
                assertThat(registry.connections()).filteredOn(e -> !e.id().equals(connection.getConnectionId()))
                        .allSatisfy(other -> assertThat(other.lastMessageAt()).isNull());
            } finally {
                client.stop();
                server.stop();
            }
        });
    }

    /** Close events are always published; should one ever be lost, the entry goes on the next read. */
    @Test
    void anEntryWhoseCloseEventWasMissedIsDroppedWhenRead() {
        runner.run(context -> {
            TcpNetServerConnectionFactory server = LoopbackFactories.listening(context);
            TcpNetClientConnectionFactory client = LoopbackFactories.client(context, server.getPort());
            ConnectionRegistry missesCloses = new ConnectionRegistry(CLOCK); // told of the open only
            try {
                TcpConnection connection = client.getConnection();
                missesCloses.opened(new TcpConnectionOpenEvent(connection, "client"));
                assertThat(missesCloses.connections()).hasSize(1);

                connection.close();

                assertThat(missesCloses.connections()).isEmpty();
                assertThat(missesCloses.size()).isZero();
            } finally {
                client.stop();
                server.stop();
            }
        });
    }

    private static MessageParseException parseError() {
        try {
            MessageCodec.standard().parse("NOT A MESSAGE=");
        } catch (MessageParseException e) {
            return e;
        }
        throw new AssertionError("the line parsed");
    }

    private static String localEnd(TcpConnection connection) {
        return "127.0.0.1:" + connection.getSocketInfo().getLocalPort();
    }
}
