package org.eventdispatcher.logrotate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;

/**
 * A scheduler on a clock of its own: time moves only when the test says so, and tasks run on the
 * test's thread then. Only one-off tasks at an instant, what {@link LogRotation} asks for.
 */
final class ManualScheduler implements TaskScheduler {

    private record Task(Runnable runnable, Instant at, long sequence) {
    }

    private Instant now = Instant.parse("2030-01-01T00:00:00Z");
    private long sequence;
    private final List<Task> waiting = new ArrayList<>();

    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            synchronized (ManualScheduler.this) {
                return now;
            }
        }
    };

    @Override
    public Clock getClock() {
        return clock;
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable runnable, Instant at) {
        waiting.add(new Task(runnable, at, sequence++));
        return null; // LogRotation keeps no handle
    }

    /** How many tasks wait, due or not. */
    synchronized int waiting() {
        return waiting.size();
    }

    /** Sets the clock back, as an administrator or NTP may set a wall clock back, running nothing. */
    synchronized void setBack(Duration duration) {
        now = now.minus(duration);
    }

    /** Moves the clock on, running every task that falls due on the way, in order. */
    void advance(Duration duration) {
        Instant until;
        synchronized (this) {
            until = now.plus(duration);
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = waiting.stream()
                        .min(Comparator.comparing(Task::at).thenComparingLong(Task::sequence))
                        .filter(task -> !task.at().isAfter(until))
                        .orElse(null);
                if (next == null) {
                    now = until;
                    return;
                }
                waiting.remove(next);
                if (next.at().isAfter(now)) {
                    now = next.at();
                }
            }
            next.runnable().run();
        }
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
        throw new UnsupportedOperationException();
    }
}
