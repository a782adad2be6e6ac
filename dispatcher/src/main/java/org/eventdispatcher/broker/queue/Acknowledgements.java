package org.eventdispatcher.broker.queue;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.MessageHeaders;
import org.springframework.scheduling.TaskScheduler;

/**
 * Acknowledges the messages taken off this daemon's queue, many at once: one {@code basic.ack}
 * (multiple) per {@value #MOST_PENDING} messages handled, or {@code delay} after the first one not
 * acknowledged yet, whichever comes first. An acknowledgement per message cost the daemon half its
 * CPU per one-way message, and the broker as much work again.
 *
 * <p>Every message is acknowledged, however it ended (handled, failed in a handler, refused by
 * {@link LineConverter}): none is requeued. All acknowledgements are sent under one lock, each
 * for a later delivery tag of the same channel, so that no tag is ever acknowledged twice (the
 * broker closes the channel for that, 406 unknown delivery tag, and the queue goes unread until
 * the consumer restarts: Spring AMQP's own batches, {@code messagesPerAck}, are sent from the
 * delivery thread and from the container's monitor without a common lock, and did that here under
 * load). The listener container acknowledges nothing itself (manual acknowledgements). A message not
 * acknowledged when its channel closes goes back to the queue with it, as any unacknowledged one.
 *
 * <p>The timer is armed only while a message waits for its acknowledgement: an idle daemon has
 * none. When the daemon stops, this stops first: what waits is acknowledged, and every message
 * handled after that at once, before the consumer's channel closes.
 */
public class Acknowledgements implements SmartLifecycle {

    /** Stopped first of all: before the listener container closes the channel they are sent on. */
    public static final int PHASE = Integer.MAX_VALUE;

    /** At most this many messages wait for their acknowledgement: a fifth of the prefetch. */
    public static final int MOST_PENDING = 50;

    private static final Logger log = LoggerFactory.getLogger(Acknowledgements.class);

    private final TaskScheduler scheduler;
    private final Duration delay;
    private final Object lock = new Object();
    private @Nullable Channel channel;
    private long lastTag;
    private int pending;
    private boolean timerArmed;
    private volatile boolean stopping;
    private volatile boolean running;

    public Acknowledgements(TaskScheduler scheduler, Duration delay) {
        this.scheduler = scheduler;
        this.delay = delay;
    }

    /** A message is done with, as the inbound adapter delivered it (manual acknowledgements: its channel and tag in the headers). */
    public void done(MessageHeaders headers) {
        Channel on = headers.get(AmqpHeaders.CHANNEL, Channel.class);
        Long tag = headers.get(AmqpHeaders.DELIVERY_TAG, Long.class);
        if (on != null && tag != null) {
            done(on, tag);
        }
    }

    /** The message {@code tag} of {@code on} is done with. */
    public void done(Channel on, long tag) {
        synchronized (lock) {
            if (on != channel) {
                // a new consumer channel: the old one's unacknowledged messages went back to the queue with it
                channel = on;
                pending = 0;
            }
            lastTag = tag;
            pending++;
            if (pending >= MOST_PENDING || stopping) {
                acknowledge();
            } else if (!timerArmed) {
                timerArmed = true;
                scheduler.schedule(this::timeUp, Instant.now().plus(delay));
            }
        }
    }

    private void timeUp() {
        synchronized (lock) {
            timerArmed = false;
            acknowledge();
        }
    }

    /** Under the lock: every message up to the last one done, at once. */
    private void acknowledge() {
        if (pending == 0 || channel == null) {
            return;
        }
        pending = 0;
        try {
            channel.basicAck(lastTag, true);
        } catch (IOException | RuntimeException e) {
            // the channel closed meanwhile: the broker put these back on the queue, and the consumer restarts
            log.debug("acknowledgement up to {} not sent: {}", lastTag, e.toString());
        }
    }

    @Override
    public void start() {
        stopping = false;
        running = true;
    }

    /** First to stop: what waits is acknowledged now, and every message done after, at once. */
    @Override
    public void stop() {
        synchronized (lock) {
            stopping = true;
            running = false;
            acknowledge();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
