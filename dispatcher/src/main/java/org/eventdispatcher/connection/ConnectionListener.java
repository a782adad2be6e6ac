package org.eventdispatcher.connection;

import org.jspecify.annotations.Nullable;

/**
 * Told of the life of every connection, on every transport (TCP server and client, virtual
 * connections on the broker), by the transport itself, directly: no application event is
 * published per connection. A bean of this type is found and called through
 * {@link ConnectionEvents}.
 *
 * <p>The order, for one connection:
 * <ol>
 * <li>{@link Event#OPENED} once, before the first line from it is dispatched and before anything
 * is sent to it: the listeners may send (a greeting), and what they send is the first the peer
 * receives. A TLS connection opens once its handshake is done; one whose handshake fails never
 * opens, and is never told at all.</li>
 * <li>{@link Event#FAILED} zero or more times, with the cause, for what ends the connection
 * abnormally (a line too long, silence, a reset, a peer that does not read). The connection is
 * still open: a listener may answer ({@code INVALID}) before the transport closes it.</li>
 * <li>{@link Event#CLOSED} once, after the last line from it was dispatched, whoever closed it.</li>
 * </ol>
 * Events of one connection are told one at a time, on the thread that serves it, in that order;
 * events of different connections may be told at once, on different threads.
 *
 * <p>Listeners are called in their {@link org.springframework.core.Ordered order}, every event in the
 * same order: the {@link ConnectionRegistry} first (so that what a later listener sends is
 * counted), then the meters, then the application's listeners, and last the
 * {@code @OnConnect} / {@code @OnDisconnect} handlers ({@link ConnectHandlers}). A listener that
 * throws is logged; the next ones are told all the same, and the connection goes on.
 */
@FunctionalInterface
public interface ConnectionListener {

    /** What happened to a connection. */
    enum Event {
        /** It opened: the first event of every connection. */
        OPENED,
        /** Something ends it abnormally; the cause says what. It closes next. */
        FAILED,
        /** It closed: the last event of every connection. */
        CLOSED
    }

    /**
     * @param cause why it failed, for {@link Event#FAILED}; null for the others
     */
    void connectionEvent(Event event, Connection connection, @Nullable Throwable cause);
}
