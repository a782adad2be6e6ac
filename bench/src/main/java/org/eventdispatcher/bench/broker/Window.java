package org.eventdispatcher.bench.broker;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Warm-up, then the measured interval, on {@link System#nanoTime()}. */
final class Window {

    private final long start;
    private final long end;

    Window(double warmupSeconds, double seconds) {
        long now = System.nanoTime();
        this.start = now + toNanos(warmupSeconds);
        this.end = start + toNanos(seconds);
    }

    boolean over(long now) {
        return now - end >= 0;
    }

    boolean counts(long finishedAt) {
        return finishedAt - start >= 0 && finishedAt - end < 0;
    }

    double seconds() {
        return (end - start) / 1e9;
    }

    void awaitStart() {
        await(start);
    }

    void awaitEnd() {
        await(end);
    }

    private static void await(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    private static long toNanos(double seconds) {
        return (long) (seconds * TimeUnit.SECONDS.toNanos(1));
    }
}
