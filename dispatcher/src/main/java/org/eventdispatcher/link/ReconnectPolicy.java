package org.eventdispatcher.link;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When to try the next connection: walks a {@link PauseList}, one entry per failed attempt, and
 * starts over from its first entry after a success (PROTOCOL.md e).
 *
 * <p>Jitter takes a random part, up to {@code jitter} (a fraction), off each pause, so that many
 * clients that lost one server at the same moment do not all come back in the same millisecond.
 * It only ever shortens a pause: every entry of the list is an upper bound, which is what makes
 * "within 1 s" in the default list a promise.
 *
 * <p>Not thread-safe: its owner calls it under its own lock.
 */
public final class ReconnectPolicy {

    private final PauseList pauses;
    private final double jitter;
    private final DoubleSupplier random;
    private int failures;

    /**
     * @param jitter fraction of each pause that may be taken off at random, 0 (none) to below 1
     * @param random values in [0, 1); the tests pass a fixed sequence
     */
    public ReconnectPolicy(PauseList pauses, double jitter, DoubleSupplier random) {
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter must be at least 0 and below 1, not " + jitter);
        }
        this.pauses = pauses;
        this.jitter = jitter;
        this.random = random;
    }

    public ReconnectPolicy(PauseList pauses, double jitter) {
        this(pauses, jitter, () -> ThreadLocalRandom.current().nextDouble());
    }

    public PauseList pauses() {
        return pauses;
    }

    public double jitter() {
        return jitter;
    }

    /** The wait before the very first attempt after start-up. */
    public Duration firstAttempt() {
        return withJitter(pauses.firstAttemptDelay());
    }

    /** An attempt failed, or a connection was lost: the wait until the next attempt. */
    public Duration nextPause() {
        Duration pause = pauses.pause(failures);
        if (failures < pauses.pauses().size()) {
            failures++;
        }
        return withJitter(pause);
    }

    /** Connected: the next outage starts from the first pause again. */
    public void connected() {
        failures = 0;
    }

    private Duration withJitter(Duration pause) {
        if (jitter == 0 || pause.isZero()) {
            return pause;
        }
        double keep = 1 - jitter * random.getAsDouble();
        return Duration.ofNanos(Math.round(pause.toNanos() * keep));
    }
}
