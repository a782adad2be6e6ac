package org.eventdispatcher.tcp.client;

import java.time.Duration;

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
 * re-arms for what remains. Not thread-safe: its owner calls it under its own lock.
 */
final class LinkSilence {

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
