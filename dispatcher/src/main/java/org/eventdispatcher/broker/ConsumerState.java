package org.eventdispatcher.broker;

import org.springframework.amqp.rabbit.listener.AsyncConsumerStartedEvent;
import org.springframework.amqp.rabbit.listener.ListenerContainerConsumerFailedEvent;
import org.springframework.context.event.EventListener;

/**
 * Whether this daemon's consumer takes messages off its queue now: up once the broker said
 * consume-ok (so the exchange and queue were declared), down when the consumer failed (a lost
 * broker, a queue held by another daemon) until it is back. Told by the listener container's events.
 */
public class ConsumerState {

    private volatile boolean consuming;
    private volatile String lastFailure = "not started yet";

    @EventListener
    public void started(AsyncConsumerStartedEvent event) {
        consuming = true;
        lastFailure = null;
    }

    @EventListener
    public void failed(ListenerContainerConsumerFailedEvent event) {
        consuming = false;
        lastFailure = event.getReason() + (event.getThrowable() != null ? ": " + event.getThrowable().getMessage() : "");
    }

    public boolean isConsuming() {
        return consuming;
    }

    /** Why it is not consuming; null when it is. */
    public String lastFailure() {
        return consuming ? null : lastFailure;
    }
}
