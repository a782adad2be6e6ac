package org.eventdispatcher.broker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.listener.ConsumeOkEvent;
import org.springframework.amqp.rabbit.listener.ListenerContainerConsumerFailedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.NestedExceptionUtils;

/**
 * Whether this daemon's consumer takes messages off its queue now: up once the broker said
 * consume-ok (so the exchange and queue were declared), down when the consumer failed (a lost
 * broker, a queue held by another daemon) until it is back. Told by the listener container's events.
 */
public class ConsumerState {

    private static final Logger log = LoggerFactory.getLogger(ConsumerState.class);

    private volatile boolean consuming;
    private final Runnable whenConsuming;
    private volatile String lastFailure = "not started yet";
    /** System.nanoTime() when consuming stopped; 0 while consuming, or before the first failure. */
    private volatile long lostSince;

    /** @param whenConsuming run each time the consumer starts: what waited for the broker can go */
    public ConsumerState(Runnable whenConsuming) {
        this.whenConsuming = whenConsuming;
    }

    /** The broker said consume-ok: at start, and after each recovery. */
    @EventListener
    public void started(ConsumeOkEvent event) {
        if (!consuming && lostSince != 0) {
            log.info("consuming from the broker again (after {} s)", (System.nanoTime() - lostSince) / 1_000_000_000);
        }
        consuming = true;
        lostSince = 0;
        lastFailure = null;
        whenConsuming.run();
    }

    /** Logged once per outage: the container tries again every few seconds, each attempt failing alike. */
    @EventListener
    public void failed(ListenerContainerConsumerFailedEvent event) {
        String reason = event.getReason() + (event.getThrowable() != null ? ": " + mostSpecificMessage(event.getThrowable()) : "");
        if (consuming || lostSince == 0) {
            log.warn("not consuming from the broker: {}; trying again until it is back", reason);
            lostSince = System.nanoTime();
        }
        consuming = false;
        lastFailure = reason;
    }


    public boolean isConsuming() {
        return consuming;
    }

    /** Why it is not consuming; null when it is. */
    public String lastFailure() {
        return consuming ? null : lastFailure;
    }

    private static String mostSpecificMessage(Throwable error) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(error);
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
