package org.eventdispatcher.connection;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A heartbeat's settings, the same on every transport ({@code eventdispatcher.server.heartbeat.*},
 * {@code eventdispatcher.client.heartbeat.*}, {@code eventdispatcher.broker.heartbeat.*}): a peer
 * silent for {@code idle} is sent {@code ALIVE}; silent for {@code timeout} more, it is dropped.
 * Each side has its own default idle time ({@link #orIdle}).
 *
 * @param idle    silence before the probe; 0 turns the heartbeat off; null until the side's
 *                default is applied
 * @param timeout how long a probed peer has to say something
 */
public record Heartbeat(
        @Nullable Duration idle, @DefaultValue("10s") Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public Heartbeat {
        if (timeout == null) {
            timeout = DEFAULT_TIMEOUT;
        }
        if ((idle != null && idle.isNegative()) || timeout.toMillis() <= 0) {
            throw new IllegalArgumentException("heartbeat: idle must be 0 (off) or positive and timeout positive,"
                    + " not idle=" + idle + ", timeout=" + timeout);
        }
    }

    /** These settings, with {@code sideDefault} as the idle time unless one was set. */
    public Heartbeat orIdle(Duration sideDefault) {
        return idle != null ? this : new Heartbeat(sideDefault, timeout);
    }

    /** The idle time; zero (off) when none was set. */
    @Override
    public Duration idle() {
        return idle != null ? idle : Duration.ZERO;
    }

    public boolean isOn() {
        return !idle().isZero();
    }
}
