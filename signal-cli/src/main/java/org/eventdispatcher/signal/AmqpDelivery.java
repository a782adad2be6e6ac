package org.eventdispatcher.signal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eventdispatcher.protocol.message.InvalidMessageException;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.message.MessageCodec;
import org.eventdispatcher.protocol.message.MessageParseException;
import org.eventdispatcher.protocol.transport.BrokerAddress;

/**
 * One message through the message broker (PROTOCOL.md h): published to the exchange with the
 * routing key its destination gives (h.3), mandatory and confirmed, so that a message no daemon
 * takes is reported rather than lost. With {@code --reply}, a temporary queue (server-named,
 * exclusive, auto-delete) bound with this sender's own routing key takes the answer; and unless
 * the message names its own sender, each such run is sent from an address of its own,
 * {@code <host:signal_cli_<run id>}: runs at once on one host would otherwise share a binding, each
 * reading the others' answers, and share one virtual connection on the daemon, which the first to
 * finish would close under the others.
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
        String scheme = this.broker.getScheme();
        if (!"amqp".equalsIgnoreCase(scheme) && !"amqps".equalsIgnoreCase(scheme)) {
            throw new SignalException(
                    ExitCode.USAGE,
                    "invalid --broker \"" + masked(broker)
                            + "\": write it amqp://user:password@host:5672/vhost (or amqps:// for TLS)");
        }
        this.exchange = exchange;
        this.codec = codec;
        this.trace = trace;
    }

    /** Publishes the message; with a timeout, waits for the answer and returns it (null without). */
    String send(Message request, Duration timeout, Duration replyTimeout) throws SignalException {
        Message message = replyTimeout != null && request.sentFromService().equals(SenderName.SERVICE)
                ? request.toBuilder()
                        .sentFrom(request.sentFromServer(), runAddress())
                        .build()
                : request;
        BrokerAddress self;
        String routingKey;
        try {
            // the sender's address is where answers come back to: it must be a daemon's address too
            self = new BrokerAddress(message.sentFromServer(), message.sentFromService());
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
                channel.basicConsume(
                        queue,
                        true,
                        (tag, delivery) -> replies.add(new String(delivery.getBody(), StandardCharsets.UTF_8)),
                        tag -> {});
                trace.step("waiting for the answer on " + queue + " (bound with " + self.routingKey() + ")");
            }
            BlockingQueue<String> returned = new LinkedBlockingQueue<>();
            channel.addReturnListener(back -> returned.add(back.getRoutingKey()));
            channel.confirmSelect();
            publish(channel, routingKey, message);
            channel.waitForConfirmsOrDie(timeout.toMillis());
            if (!returned.isEmpty()) { // a return comes before the confirm of its message
                throw new SignalException(
                        ExitCode.NOT_DELIVERED,
                        "no daemon takes " + routingKey + " on exchange " + exchange + " (nothing is bound to it)");
            }
            trace.step("published to " + exchange + " with routing key " + routingKey);
            String answer;
            try {
                answer = replyTimeout == null ? null : answer(replies, message, replyTimeout);
            } catch (SignalException noReply) {
                // the daemon greeted us all the same, so it keeps us until told: tell it, then report
                try {
                    disconnect(channel, routingKey, self, message, timeout);
                } catch (IOException | TimeoutException | RuntimeException e) {
                    trace.step("DISCONNECTING not confirmed: " + e.getMessage());
                }
                throw noReply;
            }
            disconnect(channel, routingKey, self, message, timeout);
            return answer;
        } catch (AuthenticationFailureException e) {
            throw notDelivered("the broker refused the credentials of " + masked(broker.toString()), e);
        } catch (ShutdownSignalException e) {
            throw notDelivered("the broker closed the channel: " + closeReason(e), e);
        } catch (IOException e) {
            Throwable cause = e.getCause() instanceof ShutdownSignalException signal ? signal : e;
            throw notDelivered(
                    "cannot send through " + masked(broker.toString()) + ": "
                            + (cause instanceof ShutdownSignalException signal
                                    ? closeReason(signal)
                                    : SignalException.reason(e)),
                    e);
        } catch (TimeoutException e) {
            throw notDelivered("the broker did not confirm the message within " + Durations.describe(timeout), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignalException(ExitCode.INTERNAL, "interrupted", e);
        }
    }

    /** The sent-from service of one run that waits for an answer: {@code signal_cli_} and 40 random bits. */
    private static String runAddress() {
        return SenderName.SERVICE + "_"
                + Long.toHexString((ThreadLocalRandom.current().nextLong() & 0xff_ffff_ffffL) | 0x100_0000_0000L)
                        .substring(1);
    }

    /**
     * One daemon keeps a virtual connection for this sender (h.4): {@code DISCONNECTING} ends it,
     * on the same routing key. Only after a message to one daemon, not after {@code *:service/...}.
     */
    private void disconnect(Channel channel, String routingKey, BrokerAddress self, Message message, Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        if (message.server().equals("*")) {
            return;
        }
        publish(
                channel,
                routingKey,
                Message.builder("DISCONNECTING")
                        .sentFrom(self.server(), self.service())
                        .server(message.server())
                        .service(message.service())
                        .build());
        channel.waitForConfirmsOrDie(timeout.toMillis());
        trace.step("said DISCONNECTING to " + routingKey);
    }

    private void publish(Channel channel, String routingKey, Message message) throws IOException {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("text/plain")
                .contentEncoding("utf-8")
                .deliveryMode(1)
                .build();
        channel.basicPublish(
                exchange, routingKey, true, properties, codec.write(message).getBytes(StandardCharsets.UTF_8));
    }

    /** The first message that is not the greeting, as over TCP. */
    private String answer(BlockingQueue<String> replies, Message message, Duration replyTimeout)
            throws InterruptedException, SignalException {
        long deadline = System.nanoTime() + replyTimeout.toNanos();
        while (true) {
            String line = replies.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new SignalException(
                        ExitCode.NO_REPLY,
                        "no answer to " + message.command() + " through the broker" + " within "
                                + Durations.describe(replyTimeout));
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
            // the client's reasons may quote the URI's user info ("Bad user info in AMQP URI: user:pass:x")
            throw new SignalException(
                    ExitCode.USAGE,
                    "invalid --broker \"" + masked(broker.toString()) + "\": " + concealed(e.getMessage()));
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

    /** A text that may quote the URI, with its password replaced, as written and as decoded. */
    private String concealed(String text) {
        if (text == null) {
            return "";
        }
        String hidden = text;
        for (String userInfo : new String[] {broker.getRawUserInfo(), broker.getUserInfo()}) {
            int colon = userInfo == null ? -1 : userInfo.indexOf(':');
            if (colon >= 0 && colon < userInfo.length() - 1) {
                hidden = hidden.replace(userInfo.substring(colon + 1), "******");
            }
        }
        return hidden;
    }

    /**
     * The URI as it may be shown: the password never is. Everything between the first {@code :}
     * after the scheme and the last {@code @} is taken for the password, whatever characters it
     * holds (a {@code /} or {@code @} the user forgot to escape): better too much hidden than a
     * piece of the password shown.
     */
    static String masked(String uri) {
        int start = uri.indexOf("://");
        if (start < 0) {
            return uri;
        }
        start += 3;
        int end = start;
        while (end < uri.length() && "?#".indexOf(uri.charAt(end)) < 0) {
            end++;
        }
        int at = uri.lastIndexOf('@', end - 1);
        int colon = at < start ? -1 : uri.indexOf(':', start);
        if (colon < 0 || colon > at) {
            return uri;
        }
        return uri.substring(0, colon + 1) + "******" + uri.substring(at);
    }
}
