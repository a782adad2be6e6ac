package org.eventdispatcher.bench.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Warm-up, then the measured interval, both on {@link System#nanoTime()}. Work finished during
 * the warm-up lets the JIT and the server settle and is not counted.
 *
 * <p>With a quota, the interval also ends at the quota's last piece of work, counted from any
 * thread: a run that must show N conversations ends when it has them, however slow the machine is
 * (a test asserts the count, not what fits in a time), and its rate is over the time they took.
 */
final class MeasurementWindow {

    /** No quota: the interval is the time alone. */
    static final long NO_QUOTA = 0;

    private final long start;
    private final long end;
    private final long quota;
    private final AtomicLong counted = new AtomicLong();
    /** When the quota's last piece of work finished; meaningful once {@link #quotaReached} is set. */
    private volatile long quotaReachedAt;

    private volatile boolean quotaReached;

    MeasurementWindow(double warmupSeconds, double seconds) {
        this(warmupSeconds, seconds, NO_QUOTA);
    }

    /** @param quota the work that ends the interval before its time, {@link #NO_QUOTA} for none */
    MeasurementWindow(double warmupSeconds, double seconds, long quota) {
        long now = System.nanoTime();
        this.start = now + toNanos(warmupSeconds);
        this.end = start + toNanos(seconds);
        this.quota = quota;
    }

    boolean over(long now) {
        return quotaReached || now - end >= 0;
    }

    /** Whether work finished at {@code finishedAt} is counted: in the interval, and within the quota. */
    boolean counts(long finishedAt) {
        if (finishedAt - start < 0 || finishedAt - end >= 0) {
            return false;
        }
        if (quota == NO_QUOTA) {
            return true;
        }
        long number = counted.incrementAndGet();
        if (number == quota) {
            quotaReachedAt = finishedAt;
            quotaReached = true;
        }
        return number <= quota;
    }

    double seconds() {
        return ((quotaReached ? quotaReachedAt : end) - start) / 1e9;
    }

    void awaitStart() {
        awaitNanoTime(start);
    }

    void awaitEnd() {
        awaitNanoTime(end);
    }

    private static void awaitNanoTime(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    private static long toNanos(double seconds) {
        return (long) (seconds * TimeUnit.SECONDS.toNanos(1));
    }
}
