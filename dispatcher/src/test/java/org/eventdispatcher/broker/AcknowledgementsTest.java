package org.eventdispatcher.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventdispatcher.broker.queue.Acknowledgements;
import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.dispatch.OnConnect;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.transport.BrokerAddress;
import org.eventdispatcher.testing.broker.RabbitNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Every message the daemon took off its queue is acknowledged (many at once, {@link
 * Acknowledgements}) before it lets go of the queue, however the message ended: none goes back to
 * the queue for the next daemon to handle again.
 */
class AcknowledgementsTest {

    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final RabbitNode broker = RabbitNode.shared();
    private final BrokerAddress daemon = new BrokerAddress("acks" + SERVERS.incrementAndGet(), "test_service");
    private final BrokerAddress tester = new BrokerAddress("sender" + SERVERS.get(), "tester");
    private final ApplicationContextRunner runner =
            BrokerDaemonContext.runner(broker, daemon).withUserConfiguration(Handlers.class);

    @MessageHandlers
    static class Handlers {

        @OnConnect
        Message greet(Peer peer) {
            return Message.of("HI");
        }

        @OnCommand("PING")
        Message ping(Message ping) {
            return Message.reply(ping, "PONG");
        }
    }

    @Test
    void whatTheDaemonTookIsAcknowledgedBeforeItStopsSoNoneIsRequeued() throws Exception {
        int pings = Acknowledgements.MOST_PENDING * 2 + 7; // two whole batches and a part of one
        try (AmqpPeer peer = new AmqpPeer(broker.amqpPort(), "eventdispatcher", tester)) {
            runner.run(context -> {
                peer.sendRaw(
                        ("<" + tester + " " + daemon + "/PING").getBytes(StandardCharsets.UTF_8),
                        new AMQP.BasicProperties.Builder()
                                .contentType("application/json")
                                .build(),
                        daemon.routingKey());
                for (int n = 0; n < pings; n++) {
                    peer.send("<" + tester + " " + daemon + "/PING n=" + n, daemon.routingKey());
                }
                assertThat(peer.nextLine()).endsWith("/HI");
                for (int n = 0; n < pings; n++) {
                    assertThat(peer.nextLine()).endsWith("/PONG");
                }
            }); // the daemon stops, and its consumer's channel closes: what it held unacknowledged goes back
            assertThat(peer.waiting(daemon.queue()))
                    .as("requeued when the daemon stopped")
                    .isZero();
        }
    }
}
