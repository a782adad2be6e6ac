package org.eventdispatcher.broker;

import java.io.IOException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.ShutdownSignalException;
import org.eventdispatcher.protocol.transport.BrokerAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.RabbitUtils;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;

/**
 * Two daemons with one address on one broker is a configuration error (PROTOCOL.md h.1): each
 * daemon consumes its queue exclusively, so before this one's consumer starts, it tries to: if
 * the broker refuses because another consumer holds the queue, the start fails, naming the
 * address. A broker not reachable yet is no error: the consumer waits for it, as a TCP client
 * waits for its server.
 */
public class AddressClaim implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AddressClaim.class);
    private static final int ACCESS_REFUSED = 403;

    private final ConnectionFactory connectionFactory;
    private final BrokerAddress address;
    private final int phase;
    private volatile boolean running;

    /** @param phase runs just before the consumer's phase */
    public AddressClaim(ConnectionFactory connectionFactory, BrokerAddress address, int phase) {
        this.connectionFactory = connectionFactory;
        this.address = address;
        this.phase = phase;
    }

    @Override
    public void start() {
        running = true;
        try (Connection connection = connectionFactory.createConnection();
                Channel channel = connection.createChannel(false)) {
            channel.basicQos(1);
            String tag = channel.basicConsume(address.queue(), false, "", false, true, null, new DefaultConsumer(channel));
            channel.basicCancel(tag);
            // the probe may have been handed a waiting message: closing the channel for real gives it
            // back to the queue, where a cached channel would keep it unacknowledged for good
            RabbitUtils.setPhysicalCloseRequired(channel, true);
        } catch (AmqpConnectException e) {
            log.warn("the broker is not reachable yet ({}); {} will consume its queue once it is", mostSpecificMessage(e), address);
        } catch (IOException | AmqpException | java.util.concurrent.TimeoutException e) {
            if (isAccessRefused(e)) {
                throw new BrokerAddressTakenException(address);
            }
            log.warn("could not check that {} is free on the broker: {}", address, mostSpecificMessage(e));
        }
    }

    private static boolean isAccessRefused(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ShutdownSignalException signal
                    && signal.getReason() instanceof com.rabbitmq.client.AMQP.Channel.Close close
                    && close.getReplyCode() == ACCESS_REFUSED) {
                return true;
            }
        }
        return false;
    }


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

    private static String mostSpecificMessage(Throwable error) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(error);
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
