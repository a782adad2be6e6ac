package org.eventdispatcher.broker.queue;

import org.eventdispatcher.broker.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.core.DeclarationExceptionEvent;
import org.springframework.amqp.rabbit.listener.ConsumeOkEvent;
import org.springframework.amqp.rabbit.listener.ListenerContainerConsumerFailedEvent;
import org.springframework.context.event.EventListener;

/**
 * Whether this daemon's consumer takes messages off its queue now: up once the broker said
 * consume-ok (so the exchange and queue were declared), down when the consumer failed (a lost
 * broker, a queue held by another daemon) until it is back. Told by the listener container's events.
 *
 * <p>A queue that exists with other bounds than this daemon's (its {@code queue.*} settings
 * changed since it was declared) cannot be declared: that is logged once, saying what differs and
 * how to fix it, and the daemon is not ready until it restarts, consumer or not.
 */
public class ConsumerState {

    private static final Logger log = LoggerFactory.getLogger(ConsumerState.class);

    private volatile boolean consuming;
    private final Runnable whenConsuming;
    private volatile String lastFailure = "not started yet";
    /** System.nanoTime() when consuming stopped; 0 while consuming, or before the first failure. */
    private volatile long lostSince;
    /** Why the queue could not be declared as configured; null when it could. */
    private volatile String declarationConflict;

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
        String reason = event.getReason()
                + (event.getThrowable() != null ? ": " + Failures.mostSpecificMessage(event.getThrowable()) : "");
        if (consuming || lostSince == 0) {
            log.warn("not consuming from the broker: {}; trying again until it is back", reason);
            lostSince = System.nanoTime();
        }
        consuming = false;
        lastFailure = reason;
    }

    /** Spring Boot's RabbitAdmin could not declare something: a queue with other bounds is explained. */
    @EventListener
    public void declarationFailed(DeclarationExceptionEvent event) {
        QueueBoundsConflict.explain(event.getThrowable()).ifPresent(conflict -> {
            if (declarationConflict == null) { // the admin tries again, each attempt failing alike
                log.error("{}", conflict);
            }
            declarationConflict = conflict;
        });
    }

    public boolean isConsuming() {
        return consuming;
    }

    /** Whether the daemon takes its messages as configured: consuming, its queue declared with its bounds. */
    public boolean isReady() {
        return consuming && declarationConflict == null;
    }

    /** Why it is not ready; null when it is. */
    public String lastFailure() {
        if (declarationConflict != null) {
            return declarationConflict;
        }
        return consuming ? null : lastFailure;
    }
}
