package org.eventdispatcher.tcp.client;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import org.eventdispatcher.connection.Heartbeat;
import org.eventdispatcher.connection.HeartbeatTimeoutException;
import org.springframework.scheduling.TaskScheduler;

/**
 * The silence of the server on one client connection ({@link LinkSilence}), watched with one timer:
 * armed for the earliest deadline, and left alone when it fires no later than that. A line received
 * moves deadlines later, and the timer, firing early, re-arms for what remains: so lines cost no
 * timer, and no cancelled task waits in the scheduler for its time.
 *
 * <p>What is due is told to its {@link Verdicts}, on the scheduler's thread, outside its lock: they
 * must not wait on the server. One lock, held only to read and move the times and the timer.
 */
final class SilenceWatch {

    /** Worded as the other closes of a connection that never proved itself ("...before saying anything"). */
    static final String SAID_NOTHING = "the server was silent for ";

    /** What the silence calls for. */
    interface Verdicts {

        /** Quiet for the heartbeat's idle time: send {@code ALIVE}. */
        void probe();

        /**
         * No answer within the stall timeout, or to {@code ALIVE} within the heartbeat's timeout:
         * give up on the connection.
         *
         * @param reason  why, for the log and the state
         * @param failure a {@link HeartbeatTimeoutException} for the heartbeat; null for a stall
         */
        void giveUp(String reason, HeartbeatTimeoutException failure);
    }

    private final Object lock = new Object();
    private final LinkSilence silence;
    private final TaskScheduler scheduler;
    private final Verdicts verdicts;
    private final Duration stall;
    private final Heartbeat heartbeat;
    private ScheduledFuture<?> timer;
    private long timerDue;
    private boolean spoke;
    private boolean stopped;

    /** Starts watching a connection that just opened: its first line is due within {@code stall}. */
    SilenceWatch(Duration stall, Heartbeat heartbeat, TaskScheduler scheduler, Verdicts verdicts) {
        this.scheduler = scheduler;
        this.verdicts = verdicts;
        this.stall = stall;
        this.heartbeat = heartbeat;
        this.silence = new LinkSilence(stall, heartbeat.idle(), heartbeat.timeout(), millis());
        synchronized (lock) {
            arm();
        }
    }

    /** A line from the server. */
    void read() {
        synchronized (lock) {
            spoke = true;
            silence.read(millis());
        }
    }

    /** A line the server owes an answer to is about to be written. */
    void wrote() {
        synchronized (lock) {
            if (!stopped && silence.wrote(millis())) {
                arm();
            }
        }
    }

    /** The connection is gone: the timer is cancelled, and nothing is told any more. */
    void stop() {
        synchronized (lock) {
            stopped = true;
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }

    /** The timer fired: acts on what is due now, then re-arms for what remains. */
    private void check() {
        LinkSilence.Due due;
        boolean spokeAtAll;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            timer = null;
            due = silence.due(millis());
            if (due == LinkSilence.Due.PROBE) {
                silence.probed(millis());
            }
            if (due == LinkSilence.Due.PROBE || due == LinkSilence.Due.NOTHING) {
                arm();
            }
            spokeAtAll = spoke;
        }
        switch (due) {
            case PROBE -> verdicts.probe();
            case STALLED ->
                verdicts.giveUp(
                        spokeAtAll
                                ? "no answer from the server for " + FailureText.seconds(stall) + " (stall timeout)"
                                : SAID_NOTHING + FailureText.seconds(stall)
                                        + " (stall timeout), closed before saying anything",
                        null);
            case NO_HEARTBEAT ->
                verdicts.giveUp(
                        "no answer to ALIVE within " + FailureText.seconds(heartbeat.timeout()) + " after "
                                + FailureText.seconds(heartbeat.idle()) + " of silence (heartbeat)",
                        new HeartbeatTimeoutException(heartbeat.idle(), heartbeat.timeout()));
            case NOTHING -> {}
        }
    }

    /** Called with the lock held. */
    private void arm() {
        long deadline = silence.nextDeadline();
        if (deadline == LinkSilence.NONE || (timer != null && timerDue <= deadline)) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        timerDue = deadline;
        timer = scheduler.schedule(this::check, Instant.ofEpochMilli(deadline));
    }

    private long millis() {
        return scheduler.getClock().millis();
    }

    /**
     * How long the server has been silent on one connection of the client, and what is due about it:
     * <ul>
     * <li>the stall timeout (PROTOCOL.md g.1): the client sent a line the server may answer, and no
     * line has come back for {@code stall};</li>
     * <li>the heartbeat: no line at all for {@code idle}, so the server is sent {@code ALIVE}; then
     * still none for {@code timeout}.</li>
     * </ul>
     * Any line from the server settles both. A new connection waits as if the client had sent a line:
     * a server that says nothing within the stall timeout of the connection (no greeting) is given up
     * on. Times are milliseconds of one clock.
     *
     * <p>Only the times are kept: a line received moves a deadline later and costs no timer. The
     * owner keeps one timer, armed for {@link #nextDeadline()}; when it fires early, it asks again and
     * re-arms for what remains. Not thread-safe: the watch calls it under its lock.
     */
    static final class LinkSilence {

        static final long NONE = Long.MAX_VALUE;

        enum Due {
            NOTHING,
            /** Quiet for the idle time: send {@code ALIVE}. */
            PROBE,
            /** No answer to a line the client sent, within the stall timeout. */
            STALLED,
            /** No answer to {@code ALIVE} within the heartbeat's timeout. */
            NO_HEARTBEAT
        }

        private final long stall;
        private final long idle;
        private final long timeout;
        private long lastRead;
        private long waitingSince = -1;
        private long probeSent = -1;

        /**
         * @param stall   0: no stall timeout
         * @param idle    0: no heartbeat
         * @param now     when the connection opened: the server's first line is due within {@code stall}
         */
        LinkSilence(Duration stall, Duration idle, Duration timeout, long now) {
            this.stall = stall.toMillis();
            this.idle = idle.toMillis();
            this.timeout = timeout.toMillis();
            this.lastRead = now;
            this.waitingSince = this.stall > 0 ? now : -1;
        }

        /** A line from the server: whatever it was waiting for is settled. */
        void read(long now) {
            lastRead = now;
            waitingSince = -1;
            probeSent = -1;
        }

        /**
         * The client sent a line the server may answer.
         *
         * @return whether a wait starts with it (and with it an earlier deadline)
         */
        boolean wrote(long now) {
            if (stall == 0 || waitingSince >= 0) {
                return false;
            }
            waitingSince = now;
            return true;
        }

        /** The client sent {@code ALIVE}. */
        void probed(long now) {
            probeSent = now;
        }

        /** The earliest time something may be due; {@link #NONE} when nothing is watched. */
        long nextDeadline() {
            long deadline = waitingSince >= 0 ? waitingSince + stall : NONE;
            if (idle > 0) {
                deadline = Math.min(deadline, probeSent >= 0 ? probeSent + timeout : lastRead + idle);
            }
            return deadline;
        }

        Due due(long now) {
            if (waitingSince >= 0 && now >= waitingSince + stall) {
                return Due.STALLED;
            }
            if (idle > 0) {
                if (probeSent >= 0) {
                    return now >= probeSent + timeout ? Due.NO_HEARTBEAT : Due.NOTHING;
                }
                return now >= lastRead + idle ? Due.PROBE : Due.NOTHING;
            }
            return Due.NOTHING;
        }
    }
}
