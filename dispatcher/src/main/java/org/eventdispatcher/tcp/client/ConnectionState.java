package org.eventdispatcher.tcp.client;

import java.time.Instant;

/**
 * What a {@link PermanentConnection} is doing, as one immutable snapshot: safe to read from any
 * thread, for health checks, metrics and {@code /actuator} endpoints.
 *
 * @param status              the phase of the connection
 * @param server              {@code host:port} it is connected to, or tries or will try next
 * @param since               when it entered this status
 * @param attemptsSinceSuccess connection attempts since the last one that succeeded: that
 *                            connected, and got a line from the server (0 once it has)
 * @param attempts            every attempt since start-up
 * @param connections         every successful connection since start-up
 * @param lastError           why the last attempt failed or the last connection ended; null when none did
 * @param nextAttempt         when the next attempt is due; null unless one is scheduled
 */
public record ConnectionState(
        Status status,
        String server,
        Instant since,
        long attemptsSinceSuccess,
        long attempts,
        long connections,
        String lastError,
        Instant nextAttempt) {

    public enum Status {
        /** No connection; an attempt is scheduled, unless the connection was stopped or finished. */
        DISCONNECTED,
        /** An attempt is under way. */
        CONNECTING,
        /** Connected to the server. */
        CONNECTED
    }

    static ConnectionState initial(String server, Instant now) {
        return new ConnectionState(Status.DISCONNECTED, server, now, 0, 0, 0, null, null);
    }

    ConnectionState connecting(Instant now, String address) {
        return new ConnectionState(
                Status.CONNECTING, address, now, attemptsSinceSuccess + 1, attempts + 1, connections, lastError, null);
    }

    ConnectionState connected(Instant now) {
        return new ConnectionState(
                Status.CONNECTED, server, now, attemptsSinceSuccess, attempts, connections + 1, lastError, null);
    }

    /** The server sent its first line on this connection: the attempts that led here succeeded. */
    ConnectionState proven() {
        return new ConnectionState(status, server, since, 0, attempts, connections, lastError, nextAttempt);
    }

    ConnectionState disconnected(Instant now, String error, String nextServer, Instant nextAttempt) {
        return new ConnectionState(
                Status.DISCONNECTED,
                nextServer,
                now,
                attemptsSinceSuccess,
                attempts,
                connections,
                error == null ? lastError : error,
                nextAttempt);
    }

    public boolean isConnected() {
        return status == Status.CONNECTED;
    }
}
