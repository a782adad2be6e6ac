package org.eventdispatcher.testing.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;

/**
 * A scheduler on a clock of its own: time moves only when the test says so, and each task runs on
 * the test's thread. Schedules are asserted exactly, with no waiting. A task scheduled for an
 * instant already past runs at the next move, and the clock never goes back but by
 * {@link #setBack}.
 */
public final class ManualTaskScheduler implements TaskScheduler {

    private Instant now = Instant.parse("2030-01-01T00:00:00Z");
    private long sequence;
    private final List<Task> tasks = new ArrayList<>();

    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            synchronized (ManualTaskScheduler.this) {
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
        Task task = new Task(runnable, at, sequence++);
        tasks.add(task);
        return task;
    }

    /** Tasks scheduled since the start, run and cancelled ones included. */
    public synchronized long scheduled() {
        return sequence;
    }

    /** How far ahead of now each waiting task is, earliest first. */
    public synchronized List<Duration> pending() {
        return queue().stream().map(task -> Duration.between(now, task.at)).toList();
    }

    /** How many tasks wait, due or not. */
    public synchronized int waiting() {
        return queue().size();
    }

    /** Sets the clock back, as an administrator or NTP may set a wall clock back, running nothing. */
    public synchronized void setBack(Duration duration) {
        now = now.minus(duration);
    }

    /**
     * Moves the clock to the earliest waiting task and runs it.
     *
     * @return how far the clock moved
     */
    public Duration runNext() {
        Task next;
        Duration moved;
        synchronized (this) {
            List<Task> waiting = queue();
            if (waiting.isEmpty()) {
                throw new IllegalStateException("nothing is scheduled");
            }
            next = waiting.get(0);
            moved = next.at.isAfter(now) ? Duration.between(now, next.at) : Duration.ZERO;
            moveTo(next.at);
            next.done = true;
        }
        next.runnable.run();
        return moved;
    }

    /** Moves the clock on, running every task that falls due on the way, in order. */
    public void advance(Duration duration) {
        Instant until;
        synchronized (this) {
            until = now.plus(duration);
        }
        while (true) {
            Task next;
            synchronized (this) {
                List<Task> waiting = queue();
                if (waiting.isEmpty() || waiting.get(0).at.isAfter(until)) {
                    now = until;
                    return;
                }
                next = waiting.get(0);
                moveTo(next.at);
                next.done = true;
            }
            next.runnable.run();
        }
    }

    /** To a task's instant, unless it is already past. */
    private void moveTo(Instant at) {
        if (at.isAfter(now)) {
            now = at;
        }
    }

    private List<Task> queue() {
        return tasks.stream()
                .filter(task -> !task.done && !task.cancelled)
                .sorted(Comparator.comparing((Task task) -> task.at).thenComparingLong(task -> task.sequence))
                .toList();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
        throw new UnsupportedOperationException("not used by the permanent connection");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
        throw new UnsupportedOperationException("not used by the permanent connection");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
        throw new UnsupportedOperationException("not used by the permanent connection");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
        throw new UnsupportedOperationException("not used by the permanent connection");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
        throw new UnsupportedOperationException("not used by the permanent connection");
    }

    private final class Task implements ScheduledFuture<Object> {

        final Runnable runnable;
        final Instant at;
        final long sequence;
        volatile boolean cancelled;
        volatile boolean done;

        Task(Runnable runnable, Instant at, long sequence) {
            this.runnable = runnable;
            this.at = at;
            this.sequence = sequence;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(clock.instant(), at));
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            synchronized (ManualTaskScheduler.this) {
                if (done) {
                    return false;
                }
                cancelled = true;
                return true;
            }
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
