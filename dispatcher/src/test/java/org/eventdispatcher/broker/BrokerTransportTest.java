package org.eventdispatcher.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventdispatcher.autoconfigure.MetricsAutoConfiguration;
import org.eventdispatcher.broker.queue.BrokerAddressTakenException;
import org.eventdispatcher.connection.Connection;
import org.eventdispatcher.connection.ConnectionListener;
import org.eventdispatcher.connection.ConnectionRegistry;
import org.eventdispatcher.connection.Side;
import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.dispatch.OnConnect;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.dispatch.StopsDaemon;
import org.eventdispatcher.link.NotConnectedException;
import org.eventdispatcher.management.ConnectionMetrics;
import org.eventdispatcher.management.MessageMetrics;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.message.MessageCodec;
import org.eventdispatcher.protocol.transport.BrokerAddress;
import org.eventdispatcher.testing.broker.RabbitNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The broker transport against a real RabbitMQ node: PROTOCOL.md h.2 to h.4 as a daemon lives them. */
class BrokerTransportTest {

    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final RabbitNode broker = RabbitNode.shared();
    /** A server name of its own per test: queues are durable, and a test must not read another's leftovers. */
    private final String server = "beta" + SERVERS.incrementAndGet();

    private final BrokerAddress daemon = new BrokerAddress(server, "test_service");
    private final BrokerAddress tester = new BrokerAddress("alpha" + SERVERS.get(), "tester");

    private final ApplicationContextRunner runner =
            BrokerDaemonContext.runner(broker, daemon).withUserConfiguration(Handlers.class);

    /**
     * A server's handlers: greets on connect, answers PING, stops on QUIT (it only counts); and,
     * as a connection listener, writes down what it is told beside the PINGs it answers.
     */
    @MessageHandlers
    static class Handlers implements ConnectionListener {

        final AtomicInteger quits = new AtomicInteger();
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void connectionEvent(Event event, Connection connection, Throwable cause) {
            seen.add(event + " " + connection.address());
        }

        @OnConnect
        Message greet(Peer peer) {
            return Message.of("HI");
        }

        @OnCommand("PING")
        Message ping(Message ping, Peer from) {
            seen.add("PING " + from.address());
            return Message.reply(ping, "PONG");
        }

        @OnCommand("QUIT")
        @StopsDaemon
        void quit() {
            quits.incrementAndGet();
        }
    }

    private AmqpPeer peer() throws Exception {
        return new AmqpPeer(broker.amqpPort(), "eventdispatcher", tester);
    }

    private String from(String command) {
        return "<" + tester + " " + daemon + "/" + command;
    }

    @Test
    void aNewSenderIsGreetedAndAnsweredAtItsAddress() {
        runner.run(context -> {
            try (AmqpPeer peer = peer()) {
                peer.send(from("PING"), daemon.routingKey());
                AmqpPeer.Received hi = peer.next();
                assertThat(hi.body()).isEqualTo("<" + daemon + " " + tester + "/HI");
                assertThat(hi.routingKey()).isEqualTo(tester.routingKey());
                assertThat(hi.properties().getContentType()).isEqualTo("text/plain");
                assertThat(hi.properties().getContentEncoding()).isEqualTo("utf-8");
                assertThat(peer.nextLine()).isEqualTo("<" + daemon + " " + tester + "/PONG");

                ConnectionRegistry registry = context.getBean(ConnectionRegistry.class);
                // the reply is counted once published: it may have arrived first
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(registry.connections())
                        .singleElement()
                        .satisfies(connection -> {
                            assertThat(connection.transport()).isEqualTo("amqp");
                            assertThat(connection.peer()).isEqualTo(tester.toString());
                            assertThat(connection.messagesIn()).isEqualTo(1);
                            assertThat(connection.messagesOut()).isEqualTo(2);
                        }));
            }
        });
    }

    @Test
    void everyDaemonOfAServiceTakesWhatIsSentToAllOfIt() {
        runner.run(context -> {
            try (AmqpPeer peer = peer()) {
                peer.send("<" + tester + " *:test_service/PING", daemon.serviceRoutingKey());
                assertThat(peer.nextLine()).endsWith("/HI");
                assertThat(peer.nextLine()).isEqualTo("<" + daemon + " " + tester + "/PONG");
            }
        });
    }

    @Test
    void nobodyOnTheBrokerMayStopTheDaemonByDefault() {
        runner.run(context -> {
            try (AmqpPeer peer = peer()) {
                peer.send(from("QUIT"), daemon.routingKey());
                assertThat(peer.nextLine()).endsWith("/HI");
                assertThat(peer.nextLine())
                        .isEqualTo("<" + daemon + " " + tester + "/INVALID command=QUIT;message=not allowed from "
                                + tester + " on the broker");
                assertThat(context.getBean(Handlers.class).quits).hasValue(0);
            }
        });
    }

    @Test
    void aSenderNamedInAllowedFromMayStopTheDaemon() {
        runner.withPropertyValues("eventdispatcher.daemon.stop.allowed-from=127.0.0.0/8," + tester)
                .run(context -> {
                    try (AmqpPeer peer = peer()) {
                        peer.send(from("QUIT"), daemon.routingKey());
                        assertThat(peer.nextLine()).endsWith("/HI");
                        Handlers handlers = context.getBean(Handlers.class);
                        await().atMost(Duration.ofSeconds(10)).until(() -> handlers.quits.get() == 1);
                    }
                });
    }

    @Test
    void disconnectingClosesTheSendersConnectionAndItsNextMessageIsGreetedAgain() {
        runner.run(context -> {
            try (AmqpPeer peer = peer()) {
                peer.send(from("PING"), daemon.routingKey());
                assertThat(peer.nextLine()).endsWith("/HI");
                assertThat(peer.nextLine()).endsWith("/PONG");
                peer.send(from("DISCONNECTING"), daemon.routingKey());
                peer.send(from("PING"), daemon.routingKey());
                assertThat(peer.nextLine()).as("greeted anew").endsWith("/HI");
                assertThat(peer.nextLine()).endsWith("/PONG");
                assertThat(context.getBean(ConnectionRegistry.class).opened(Side.SERVER, "amqp"))
                        .isEqualTo(2);
            }
        });
    }

    @Test
    void aListenerIsToldOpenedBeforeTheFirstMessageAndClosedAfterTheLast() {
        runner.run(context -> {
            try (AmqpPeer peer = peer()) {
                peer.send(from("PING"), daemon.routingKey());
                peer.send(from("PING"), daemon.routingKey());
                peer.send(from("DISCONNECTING"), daemon.routingKey());
                List<String> seen = context.getBean(Handlers.class).seen;
                await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("CLOSED " + tester));
                assertThat(seen)
                        .containsExactly("OPENED " + tester, "PING " + tester, "PING " + tester, "CLOSED " + tester);
                assertThat(peer.nextLine()).as("the @OnConnect greeting, first").endsWith("/HI");
                assertThat(peer.nextLine()).endsWith("/PONG");
            }
        });
    }

    @Test
    void messagesLeaveInTheOrderEachThreadSentThem() {
        runner.run(context -> {
            try (AmqpPeer peer = peer()) {
                BrokerPublisher publisher = context.getBean(BrokerPublisher.class);
                int perThread = 500;
                Thread[] senders = new Thread[3];
                for (int t = 0; t < senders.length; t++) {
                    String name = "T" + t;
                    senders[t] = new Thread(() -> {
                        for (int n = 0; n < perThread; n++) {
                            publisher.publish(Message.builder(name)
                                    .server(tester.server())
                                    .service(tester.service())
                                    .parameter("n", String.valueOf(n))
                                    .build());
                        }
                    });
                    senders[t].start();
                }
                for (Thread sender : senders) {
                    sender.join();
                }
                int[] next = new int[senders.length];
                for (int i = 0; i < perThread * senders.length; i++) {
                    Message received = MessageCodec.standard().parse(peer.nextLine());
                    int thread = received.command().charAt(1) - '0';
                    assertThat(received.parameter("n"))
                            .as("from " + received.command())
                            .contains(String.valueOf(next[thread]++));
                }
            }
        });
    }

    @Test
    void aSilentSenderIsProbedWithAliveThenClosedAndCounted() {
        runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
                .withPropertyValues(
                        "eventdispatcher.broker.heartbeat.idle=300ms", "eventdispatcher.broker.heartbeat.timeout=300ms")
                .run(context -> {
                    try (AmqpPeer peer = peer()) {
                        peer.send(from("PING"), daemon.routingKey());
                        assertThat(peer.nextLine()).endsWith("/HI");
                        assertThat(peer.nextLine()).endsWith("/PONG");
                        assertThat(peer.nextLine()).isEqualTo("<" + daemon + " " + tester + "/ALIVE");
                        ConnectionRegistry registry = context.getBean(ConnectionRegistry.class);
                        await().atMost(Duration.ofSeconds(10))
                                .until(() -> registry.connections().isEmpty());
                        assertThat(context.getBean(MeterRegistry.class)
                                        .get(ConnectionMetrics.HEARTBEAT_FAILURES)
                                        .tag("side", "server")
                                        .counter()
                                        .count())
                                .isEqualTo(1);
                    }
                });
    }

    @Test
    void aMessageIsTimedByTheDaemonsMetersAloneNotAgainByTheListenerContainer() {
        runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
                .run(context -> {
                    try (AmqpPeer peer = peer()) {
                        peer.send(from("PING"), daemon.routingKey());
                        assertThat(peer.nextLine()).endsWith("/HI");
                        assertThat(peer.nextLine()).endsWith("/PONG");
                        MeterRegistry meters = context.getBean(MeterRegistry.class);
                        assertThat(meters.get(MessageMetrics.HANDLER_DURATION)
                                        .tag("command", "PING")
                                        .timer()
                                        .count())
                                .isEqualTo(1);
                        assertThat(meters.find("spring.rabbitmq.listener").meters())
                                .isEmpty();
                    }
                });
    }

    @Test
    void aSenderThatAnswersAliveKeepsItsConnection() {
        // a timeout no round trip through the broker can miss, however loaded the machine: a probe
        // comes again only once the last was answered, so three probes prove three answers counted
        runner.withPropertyValues(
                        "eventdispatcher.broker.heartbeat.idle=300ms", "eventdispatcher.broker.heartbeat.timeout=1m")
                .run(context -> {
                    try (AmqpPeer peer = peer()) {
                        peer.send(from("PING"), daemon.routingKey());
                        assertThat(peer.nextLine()).endsWith("/HI");
                        assertThat(peer.nextLine()).endsWith("/PONG");
                        for (int probe = 0; probe < 3; probe++) {
                            assertThat(peer.nextLine()).endsWith("/ALIVE");
                            peer.send(from("ABSOLUTELY"), daemon.routingKey());
                        }
                        assertThat(context.getBean(ConnectionRegistry.class).opened(Side.SERVER, "amqp"))
                                .as("never closed and opened again")
                                .isEqualTo(1);
                        assertThat(context.getBean(ConnectionRegistry.class).size())
                                .isEqualTo(1);
                    }
                });
    }

    @Test
    void aMessageNoQueueTakesIsCounted() {
        runner.run(context -> {
            BrokerPublisher publisher = context.getBean(BrokerPublisher.class);
            publisher.publish(Message.builder("PING")
                    .server("nobody")
                    .service("nothing_here")
                    .build());
            publisher.publish(Message.builder("PING")
                    .server("nobody")
                    .service("nothing_here")
                    .build());
            UnroutableMessages unroutable = context.getBean(UnroutableMessages.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> unroutable.count() == 2);
        });
    }

    @Test
    void whatIsSentWithCacheWhileTheBrokerIsAwayGoesOutInOrderOnceItIsBack() throws Exception {
        try (RabbitNode own = RabbitNode.start()) {
            runner.withPropertyValues("spring.rabbitmq.port=" + own.amqpPort()).run(context -> {
                String queue = "test." + tester.routingKey();
                new AmqpPeer(own.amqpPort(), "eventdispatcher", tester, queue).close(); // its queue waits meanwhile
                BrokerPublisher publisher = context.getBean(BrokerPublisher.class);
                Message one = Message.builder("ONE")
                        .server(tester.server())
                        .service(tester.service())
                        .build();
                Message lost = Message.builder("LOST")
                        .server(tester.server())
                        .service(tester.service())
                        .build();
                Message two = Message.builder("TWO")
                        .server(tester.server())
                        .service(tester.service())
                        .build();

                own.stop();
                publisher.publish(one, true);
                assertThatThrownBy(() -> publisher.publish(lost, false))
                        .isInstanceOf(NotConnectedException.class)
                        .hasMessageContaining("out of reach");
                publisher.publish(two, true);
                assertThat(publisher.buffered()).isEqualTo(2);

                own.restart();
                await().atMost(Duration.ofSeconds(30)).until(() -> publisher.buffered() == 0);
                try (AmqpPeer peer = new AmqpPeer(own.amqpPort(), "eventdispatcher", tester, queue)) {
                    assertThat(peer.nextLine()).isEqualTo("<" + daemon + " " + tester + "/ONE");
                    assertThat(peer.nextLine()).isEqualTo("<" + daemon + " " + tester + "/TWO");
                }
            });
        }
    }

    @Test
    void aSecondDaemonWithTheSameAddressRefusesToStart() {
        runner.run(first -> runner.run(second -> {
            assertThat(second).hasFailed();
            assertThat(second.getStartupFailure())
                    .rootCause()
                    .isInstanceOf(BrokerAddressTakenException.class)
                    .hasMessageContaining("another daemon already runs as " + daemon);
        }));
    }
}
