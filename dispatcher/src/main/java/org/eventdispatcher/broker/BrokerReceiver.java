package org.eventdispatcher.broker;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eventdispatcher.broker.queue.Acknowledgements;
import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.message.MessageCodec;
import org.eventdispatcher.protocol.message.MessageParseException;
import org.eventdispatcher.protocol.transport.BrokerAddress;
import org.springframework.messaging.MessageHandler;

/**
 * Each message taken off this daemon's queue, handed to the dispatcher as a line from its sender's
 * {@link VirtualConnection}. A message that does not say who sent it has no way back: it is
 * dispatched from a peer that cannot be answered, as a UDP datagram is. {@value
 * VirtualConnections#DISCONNECTING} is the transport's own: it closes the sender's connection.
 *
 * <p>The handler of the broker's inbound flow: what handling a message throws is counted as
 * rejected ({@link RejectedMessages}); every message is then acknowledged ({@link
 * Acknowledgements}), none requeued.
 */
public class BrokerReceiver implements MessageHandler {

    private final MessageDispatcher dispatcher;
    private final VirtualConnections connections;
    private final RejectedMessages rejected;
    private final Acknowledgements acknowledgements;
    private final MessageCodec codec = MessageCodec.standard();
    private final Peer anonymous = new AnonymousSender();

    public BrokerReceiver(
            MessageDispatcher dispatcher,
            VirtualConnections connections,
            RejectedMessages rejected,
            Acknowledgements acknowledgements) {
        this.dispatcher = dispatcher;
        this.connections = connections;
        this.rejected = rejected;
        this.acknowledgements = acknowledgements;
    }

    /** One line off the queue (a String: {@link LineConverter}); replies leave through the sender's virtual connection. */
    @Override
    public void handleMessage(org.springframework.messaging.Message<?> delivery) {
        try {
            receive((String) delivery.getPayload());
        } catch (RuntimeException | Error e) {
            // counted and logged a few times; an Error too, which the container would answer by
            // closing the consumer's channel (the queue unread for seconds)
            rejected.failed(e);
        } finally {
            acknowledgements.done(delivery.getHeaders());
        }
    }

    /** The body of one AMQP message, as {@link LineConverter} read it. */
    public void receive(String line) {
        Message message;
        try {
            message = codec.parse(line);
        } catch (MessageParseException e) {
            dispatcher.receive(line, anonymous); // the dispatcher logs and counts it, once
            return;
        }
        Optional<BrokerAddress> sender = BrokerAddress.senderOf(message);
        if (sender.isPresent() && message.command().equals(VirtualConnections.DISCONNECTING)) {
            connections.disconnected(sender.get());
            return;
        }
        dispatcher.dispatch(message, sender.isPresent() ? connections.from(sender.get()) : anonymous);
    }

    /** A sender that did not give its address: heard, never answered. */
    private static final class AnonymousSender implements Peer {

        private final Set<String> reported = ConcurrentHashMap.newKeySet();

        @Override
        public String id() {
            return "amqp:anonymous";
        }

        @Override
        public String address() {
            return "(a sender on the broker that gave no address)";
        }

        @Override
        public String transport() {
            return "amqp";
        }

        @Override
        public boolean canReply() {
            return false;
        }

        @Override
        public void send(Message message) {
            // no way back: the dispatcher logs and drops what it would have sent
        }

        @Override
        public void close() {}

        /** Anonymous senders are all one peer: each kind of problem is logged once in all. */
        @Override
        public boolean firstReport(String problem) {
            return reported.add(problem);
        }
    }
}
