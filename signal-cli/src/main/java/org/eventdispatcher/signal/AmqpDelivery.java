package org.eventdispatcher.signal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import org.eventdispatcher.protocol.message.InvalidMessageException;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.message.MessageCodec;
import org.eventdispatcher.protocol.message.MessageParseException;
import org.eventdispatcher.protocol.transport.BrokerAddress;

/**
 * One message through the message broker (PROTOCOL.md h): published to the exchange with the
 * routing key its destination gives (h.3), mandatory and confirmed, so that a message no daemon
 * takes is reported rather than lost. With {@code --reply}, a temporary queue bound with this
 * sender's own routing key takes the answer.
 *
 * <p>The daemon greets a new sender with {@code HI} and keeps a virtual connection for it (h.4);
 * signal-cli, which sends one message and goes, says {@code DISCONNECTING} once done, so that the
 * daemon forgets it at once.
 */
final class AmqpDelivery {

    private final URI broker;
    private final String exchange;
    private final MessageCodec codec;
    private final Trace trace;

    AmqpDelivery(String broker, String exchange, MessageCodec codec, Trace trace) throws SignalException {
        try {
            this.broker = new URI(broker);
        } catch (URISyntaxException e) {
            throw new SignalException(ExitCode.USAGE, "invalid --broker \"" + masked(broker) + "\": " + e.getReason());
        }
        if (!"amqp".equals(this.broker.getScheme()) && !"amqps".equals(this.broker.getScheme())) {
            throw new SignalException(ExitCode.USAGE, "invalid --broker \"" + masked(broker)
                    + "\": write it amqp://user:password@host:5672/vhost (or amqps:// for TLS)");
        }
        this.exchange = exchange;
        this.codec = codec;
        this.trace = trace;
    }

    /** Publishes the message; with a timeout, waits for the answer and returns it (null without). */
    String send(Message message, Duration timeout, Duration replyTimeout) throws SignalException {
        BrokerAddress self = new BrokerAddress(message.sentFromServer(), message.sentFromService());
        String routingKey;
        try {
            routingKey = self.routingKeyOf(message);
        } catch (InvalidMessageException e) {
            throw new SignalException(ExitCode.USAGE, e.getMessage());
        }
        ConnectionFactory factory = factory(timeout);
        trace.step("connecting to " + masked(broker.toString()));
        try (Connection connection = factory.newConnection("signal-cli");
                Channel channel = connection.createChannel()) {
            BlockingQueue<String> replies = new LinkedBlockingQueue<>();
            if (replyTimeout != null) {
                String queue = channel.queueDeclare().getQueue(); // server-named, exclusive, auto-delete
                channel.queueBind(queue, exchange, self.routingKey());
                channel.basicConsume(queue, true, (tag, delivery) ->
                        replies.add(new String(delivery.getBody(), StandardCharsets.UTF_8)), tag -> { });
                trace.step("waiting for the answer on " + queue + " (bound with " + self.routingKey() + ")");
            }
            BlockingQueue<String> returned = new LinkedBlockingQueue<>();
            channel.addReturnListener(back -> returned.add(back.getRoutingKey()));
            channel.confirmSelect();
            publish(channel, routingKey, message);
            channel.waitForConfirmsOrDie(timeout.toMillis());
            if (!returned.isEmpty()) { // a return comes before the confirm of its message
                throw new SignalException(ExitCode.NOT_DELIVERED, "no daemon takes " + routingKey + " on exchange "
                        + exchange + " (nothing is bound to it)");
            }
            trace.step("published to " + exchange + " with routing key " + routingKey);
            String answer = replyTimeout == null ? null : answer(replies, message, replyTimeout);
            if (!message.server().equals("*")) {
                publish(channel, routingKey, Message.builder("DISCONNECTING").sentFrom(self.server(), self.service())
                        .server(message.server()).service(message.service()).build());
                channel.waitForConfirmsOrDie(timeout.toMillis());
            }
            return answer;
        } catch (AuthenticationFailureException e) {
            throw notDelivered("the broker refused the credentials of " + masked(broker.toString()), e);
        } catch (ShutdownSignalException e) {
            throw notDelivered("the broker closed the channel: " + closeReason(e), e);
        } catch (IOException e) {
            Throwable cause = e.getCause() instanceof ShutdownSignalException signal ? signal : e;
            throw notDelivered("cannot send through " + masked(broker.toString()) + ": "
                    + (cause instanceof ShutdownSignalException signal ? closeReason(signal) : SignalException.reason(e)), e);
        } catch (TimeoutException e) {
            throw notDelivered("the broker did not confirm the message within " + Durations.describe(timeout), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignalException(ExitCode.INTERNAL, "interrupted", e);
        }
    }

    private void publish(Channel channel, String routingKey, Message message) throws IOException {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("text/plain").contentEncoding("utf-8").deliveryMode(1).build();
        channel.basicPublish(exchange, routingKey, true, properties, codec.write(message).getBytes(StandardCharsets.UTF_8));
    }

    /** The first message that is not the greeting, as over TCP. */
    private String answer(BlockingQueue<String> replies, Message message, Duration replyTimeout)
            throws InterruptedException, SignalException {
        long deadline = System.nanoTime() + replyTimeout.toNanos();
        while (true) {
            String line = replies.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new SignalException(ExitCode.NO_REPLY, "no answer to " + message.command() + " through the broker"
                        + " within " + Durations.describe(replyTimeout));
            }
            if (TcpDelivery.GREETING.equals(command(line))) {
                trace.step("skipped the greeting: " + line);
                continue;
            }
            trace.step("received: " + line);
            return line;
        }
    }

    private String command(String line) {
        try {
            return codec.parse(line).command();
        } catch (MessageParseException e) {
            return "";
        }
    }

    private ConnectionFactory factory(Duration timeout) throws SignalException {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(broker);
        } catch (URISyntaxException | GeneralSecurityException | IllegalArgumentException e) {
            throw new SignalException(ExitCode.USAGE, "invalid --broker \"" + masked(broker.toString()) + "\": "
                    + e.getMessage());
        }
        if (factory.getVirtualHost().isEmpty()) {
            // amqp://host/ names the empty virtual host by the URI rules; every broker means "/" by it
            factory.setVirtualHost("/");
        }
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        factory.setConnectionTimeout(millis);
        factory.setHandshakeTimeout(millis);
        factory.setAutomaticRecoveryEnabled(false);
        return factory;
    }

    private static SignalException notDelivered(String message, Exception cause) {
        return new SignalException(ExitCode.NOT_DELIVERED, message, cause);
    }

    private static String closeReason(ShutdownSignalException e) {
        Object reason = e.getReason();
        if (reason instanceof AMQP.Channel.Close close) {
            return close.getReplyText();
        }
        if (reason instanceof AMQP.Connection.Close close) {
            return close.getReplyText();
        }
        return e.getMessage();
    }

    /** The URI as it may be shown: the password never is. */
    static String masked(String uri) {
        return uri.replaceFirst("^(amqps?://[^:/@]*):[^@/]*@", "$1:******@");
    }
}
