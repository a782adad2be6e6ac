package org.eventdispatcher.connection;

import java.time.Duration;
import java.util.List;
import org.eventdispatcher.connection.ConnectionListener.Event;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a transport calls as its connections open, fail and close: every {@link ConnectionListener}
 * in order, directly, on the caller's thread (the order and its promises are written on
 * {@link ConnectionListener}). One instance per daemon, shared by every transport.
 *
 * <p>The listeners are set once every singleton exists ({@link #useListeners}), as the dispatch
 * table is, so that a listener may depend on a transport that tells it.
 */
public final class ConnectionEvents {

    private static final Logger log = LoggerFactory.getLogger(ConnectionEvents.class);

    private final ReportThrottle failures = new ReportThrottle(Duration.ofSeconds(10), 5, "in connection listeners");
    private volatile List<ConnectionListener> listeners = List.of();

    public ConnectionEvents() {}

    /** For tests and for transports used alone: these listeners, in this order. */
    public ConnectionEvents(List<? extends ConnectionListener> listeners) {
        useListeners(listeners);
    }

    /** The listeners, in the order they are told. */
    public void useListeners(List<? extends ConnectionListener> ordered) {
        this.listeners = List.copyOf(ordered);
    }

    /** The connection opened: before its first line is dispatched, and before anything is sent to it. */
    public void opened(Connection connection) {
        tell(Event.OPENED, connection, null);
    }

    /** Something ends the connection abnormally; the transport closes it next. */
    public void failed(Connection connection, Throwable cause) {
        tell(Event.FAILED, connection, cause);
    }

    /** The connection closed: after its last line was dispatched. */
    public void closed(Connection connection) {
        tell(Event.CLOSED, connection, null);
    }

    private void tell(Event event, Connection connection, @Nullable Throwable cause) {
        for (ConnectionListener listener : listeners) {
            try {
                listener.connectionEvent(event, connection, cause);
            } catch (RuntimeException e) {
                if (failures.firstReport(listener.getClass().getName())) {
                    log.warn(
                            "{} failed on {} of {}; the other listeners are told all the same",
                            listener.getClass().getSimpleName(),
                            event,
                            connection.address(),
                            e);
                }
            }
        }
    }
}
