package org.eventdispatcher.tcp.client;

import org.springframework.context.ApplicationEvent;

/**
 * Published by a {@link PermanentConnection} on each attempt, success and loss, so that metrics
 * can count reconnects without the connection knowing about metrics. An application event: there
 * is one per attempt, never one per message, and what hears it (tests, the application) needs no
 * reference to the link. The life of each connection is told to the connection listeners instead.
 */
public class PermanentConnectionEvent extends ApplicationEvent {

    public enum Kind {
        /** An attempt to connect starts. */
        ATTEMPT,
        /** The attempt failed; {@link #detail()} says why. */
        ATTEMPT_FAILED,
        /** Connected. */
        CONNECTED,
        /** An open connection ended: closed by the server, reset, stalled, or closed on request. */
        LOST
    }

    private final Kind kind;
    private final ConnectionState state;
    private final String detail;

    public PermanentConnectionEvent(PermanentConnection source, Kind kind, ConnectionState state, String detail) {
        super(source);
        this.kind = kind;
        this.state = state;
        this.detail = detail;
    }

    public Kind kind() {
        return kind;
    }

    /** The state right after what happened. */
    public ConnectionState state() {
        return state;
    }

    /** Why an attempt failed or a connection ended; null for the other kinds. */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return "PermanentConnectionEvent[" + kind + " " + state.server() + (detail == null ? "" : ": " + detail) + "]";
    }
}
