package org.eventdispatcher.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventdispatcher.connection.Connection;
import org.eventdispatcher.connection.ConnectionListener;
import org.eventdispatcher.connection.ConnectionRegistry;
import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.dispatch.OnConnect;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.transport.BrokerAddress;
import org.eventdispatcher.testing.broker.RabbitNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** How many senders a daemon keeps on the broker, and for how long: bounded whatever they do. */
class VirtualConnectionLimitsTest {

    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final RabbitNode broker = RabbitNode.shared();
    private final int run = SERVERS.incrementAndGet();
    private final BrokerAddress daemon = new BrokerAddress("bounded" + run, "test_service");

    private final ApplicationContextRunner runner =
            BrokerDaemonContext.runner(broker, daemon).withUserConfiguration(Handlers.class);

    @MessageHandlers
    static class Handlers implements ConnectionListener {

        /** Set, the next virtual connection closed makes this listener throw, once. */
        final AtomicBoolean failNextClose = new AtomicBoolean();

        @OnConnect
        Message greet(Peer peer) {
            return Message.of("HI");
        }

        /** A broken listener: an Error, which no one on the way catches, reaches the heartbeat's sweep. */
        @Override
        public void connectionEvent(Event event, Connection connection, Throwable cause) {
            if (event == Event.CLOSED && failNextClose.compareAndSet(true, false)) {
                throw new AssertionError("a listener that fails once, on " + connection.address());
            }
        }

        @OnCommand("PING")
        Message ping(Message ping) {
            return Message.reply(ping, "PONG");
        }
    }

    private AmqpPeer peer(BrokerAddress address) throws Exception {
        return new AmqpPeer(broker.amqpPort(), "eventdispatcher", address);
    }

    private String from(BrokerAddress sender, String command) {
        return "<" + sender + " " + daemon + "/" + command;
    }

    @Test
    void pastMaxVirtualConnectionsTheSenderSilentForLongestIsClosedToAdmitTheNewOne() {
        runner.withPropertyValues("eventdispatcher.broker.max-virtual-connections=2")
                .run(context -> {
                    BrokerAddress first = new BrokerAddress("first" + run, "tester");
                    BrokerAddress second = new BrokerAddress("second" + run, "tester");
                    BrokerAddress third = new BrokerAddress("third" + run, "tester");
                    try (AmqpPeer a = peer(first);
                            AmqpPeer b = peer(second);
                            AmqpPeer c = peer(third)) {
                        a.send(from(first, "PING"), daemon.routingKey());
                        assertThat(a.nextLine()).endsWith("/HI");
                        assertThat(a.nextLine()).endsWith("/PONG");
                        b.send(from(second, "PING"), daemon.routingKey());
                        assertThat(b.nextLine()).endsWith("/HI");
                        assertThat(b.nextLine()).endsWith("/PONG");
                        a.send(
                                from(first, "PING"),
                                daemon.routingKey()); // the first speaks again: the second is silent for longest
                        assertThat(a.nextLine()).endsWith("/PONG");

                        c.send(from(third, "PING"), daemon.routingKey());
                        assertThat(c.nextLine()).endsWith("/HI");
                        assertThat(c.nextLine()).endsWith("/PONG");
                        assertThat(b.nextLine()).isEqualTo("<" + daemon + " " + second + "/DISCONNECTING");
                        ConnectionRegistry registry = context.getBean(ConnectionRegistry.class);
                        assertThat(registry.connections())
                                .extracting(ConnectionRegistry.Statistics::peer)
                                .containsExactlyInAnyOrder(first.toString(), third.toString());
                        a.send(from(first, "PING"), daemon.routingKey());
                        assertThat(a.nextLine())
                                .as("still open: not greeted again")
                                .endsWith("/PONG");
                    }
                });
    }

    @Test
    void withTheHeartbeatOffASilentSenderIsClosedAfterTheIdleTimeout() {
        runner.withPropertyValues(
                        "eventdispatcher.broker.heartbeat.idle=0", "eventdispatcher.broker.idle-timeout=300ms")
                .run(context -> {
                    BrokerAddress quiet = new BrokerAddress("quiet" + run, "tester");
                    try (AmqpPeer peer = peer(quiet)) {
                        peer.send(from(quiet, "PING"), daemon.routingKey());
                        assertThat(peer.nextLine()).endsWith("/HI");
                        assertThat(peer.nextLine()).endsWith("/PONG");
                        assertThat(peer.nextLine()).isEqualTo("<" + daemon + " " + quiet + "/DISCONNECTING");
                        assertThat(context.getBean(ConnectionRegistry.class).connections())
                                .isEmpty();
                    }
                });
    }

    @Test
    void theHeartbeatGoesOnAfterASweepMetAnException() {
        runner.withPropertyValues(
                        "eventdispatcher.broker.heartbeat.idle=300ms", "eventdispatcher.broker.heartbeat.timeout=300ms")
                .run(context -> {
                    BrokerAddress mute = new BrokerAddress("mute" + run, "tester");
                    BrokerAddress later = new BrokerAddress("later" + run, "tester");
                    context.getBean(Handlers.class).failNextClose.set(true);
                    try (AmqpPeer silent = peer(mute);
                            AmqpPeer peer = peer(later)) {
                        silent.send(from(mute, "PING"), daemon.routingKey());
                        assertThat(silent.nextLine()).endsWith("/HI");
                        assertThat(silent.nextLine()).endsWith("/PONG");
                        assertThat(silent.nextLine())
                                .endsWith("/ALIVE"); // not answered: closed, and the listener throws
                        ConnectionRegistry registry = context.getBean(ConnectionRegistry.class);
                        await().atMost(Duration.ofSeconds(10))
                                .until(() -> registry.connections().isEmpty());

                        peer.send(from(later, "PING"), daemon.routingKey());
                        assertThat(peer.nextLine()).endsWith("/HI");
                        assertThat(peer.nextLine()).endsWith("/PONG");
                        assertThat(peer.nextLine())
                                .as("probed: the sweep still runs")
                                .endsWith("/ALIVE");
                    }
                });
    }
}
