package org.eventdispatcher.broker;

import org.eventdispatcher.broker.queue.Acknowledgements;
import org.springframework.integration.amqp.support.ManualAckListenerExecutionFailedException;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;

/**
 * The broker inbound adapter's error flow: a message it could not make a line of (refused by
 * {@link LineConverter}, counted there already) or failed on otherwise (counted here) is dropped
 * unread and acknowledged all the same, never requeued.
 */
public class UnreadMessages implements MessageHandler {

    private final RejectedMessages rejected;
    private final Acknowledgements acknowledgements;

    public UnreadMessages(RejectedMessages rejected, Acknowledgements acknowledgements) {
        this.rejected = rejected;
        this.acknowledgements = acknowledgements;
    }

    @Override
    public void handleMessage(Message<?> error) {
        if (error.getPayload() instanceof Throwable failure) {
            rejected.handleError(failure);
            if (failure instanceof ManualAckListenerExecutionFailedException unread) {
                acknowledgements.done(unread.getChannel(), unread.getDeliveryTag());
            }
        }
    }
}
