package org.eventdispatcher.broker.queue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.eventdispatcher.broker.Failures;
import org.eventdispatcher.protocol.transport.BrokerAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.amqp.rabbit.connection.RabbitUtils;
import org.springframework.context.SmartLifecycle;

/**
 * Two daemons with one address on one broker is a configuration error (PROTOCOL.md h.1). Before
 * this daemon's consumer starts, it claims its address: it declares an exclusive queue named after
 * it ({@code <queue>.claim}, holding nothing), which the broker lets one connection have at a time,
 * atomically; a second daemon is refused ({@code RESOURCE_LOCKED}) and its start fails, naming
 * the address. The claim is the daemon's connection's: it is gone when the daemon stops or its
 * process dies, and taken again each time the connection is re-established (a broker restart).
 *
 * <p>It then checks, as before there were claims, that no consumer holds the queue (a daemon of
 * an older version). A broker not reachable yet is no error: the consumer waits for it, as a TCP
 * client waits for its server.
 */
public class AddressClaim implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AddressClaim.class);
    private static final int ACCESS_REFUSED = 403;
    private static final int RESOURCE_LOCKED = 405;

    private final ConnectionFactory connectionFactory;
    private final BrokerAddress address;
    private final String claimQueue;
    private final int phase;
    private volatile boolean running;

    /** @param phase runs just before the consumer's phase */
    public AddressClaim(ConnectionFactory connectionFactory, BrokerAddress address, int phase) {
        this.connectionFactory = connectionFactory;
        this.address = address;
        this.claimQueue = address.queue() + ".claim";
        this.phase = phase;
        connectionFactory.addConnectionListener(new Reclaim());
    }

    @Override
    public void start() {
        running = true;
        try (Connection connection = connectionFactory.createConnection()) {
            claim(connection);
            checkNoOtherConsumer(connection);
        } catch (AmqpConnectException e) {
            log.warn(
                    "the broker is not reachable yet ({}); {} will consume its queue once it is",
                    Failures.mostSpecificMessage(e),
                    address);
        } catch (IOException | AmqpException | TimeoutException e) {
            if (isRefused(e)) {
                throw new BrokerAddressTakenException(address);
            }
            log.warn("could not check that {} is free on the broker: {}", address, Failures.mostSpecificMessage(e));
        }
    }

    /** The exclusive queue: declared by one connection at a time, whatever the timing. */
    private void claim(Connection connection) throws IOException, TimeoutException {
        try (Channel channel = connection.createChannel(false)) {
            channel.queueDeclare(claimQueue, false, true, true, Map.of("x-max-length", 0));
        }
    }

    private void checkNoOtherConsumer(Connection connection) throws IOException, TimeoutException {
        try (Channel channel = connection.createChannel(false)) {
            channel.basicQos(1);
            String tag =
                    channel.basicConsume(address.queue(), false, "", false, true, null, new DefaultConsumer(channel));
            channel.basicCancel(tag);
            // the probe may have been handed a waiting message: closing the channel for real gives it
            // back to the queue, where a cached channel would keep it unacknowledged for good
            RabbitUtils.setPhysicalCloseRequired(channel, true);
        }
    }

    private static boolean isRefused(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ShutdownSignalException signal
                    && signal.getReason() instanceof AMQP.Channel.Close close
                    && (close.getReplyCode() == ACCESS_REFUSED || close.getReplyCode() == RESOURCE_LOCKED)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The claim stays with the connection, which closes after the consumer stopped (the context's
     * close, the process's end): no call to the broker here, which could hold the daemon's stop
     * for as long as an unreachable broker takes to time out.
     */
    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return phase;
    }

    /** A new connection after one was lost: the claim went with the old one, and is taken again. */
    private final class Reclaim implements ConnectionListener {

        @Override
        public void onCreate(Connection connection) {
            if (!running) {
                return;
            }
            try {
                claim(connection);
            } catch (IOException | AmqpException | TimeoutException e) {
                if (isRefused(e)) {
                    log.error(
                            "another daemon runs as {} on the broker (it claimed the address while this one was not"
                                    + " connected): this one cannot consume its queue until the other stops",
                            address);
                } else {
                    log.warn("could not claim {} again on the broker: {}", address, Failures.mostSpecificMessage(e));
                }
            }
        }
    }
}
