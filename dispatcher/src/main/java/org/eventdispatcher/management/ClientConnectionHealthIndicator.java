package org.eventdispatcher.management;

import org.eventdispatcher.tcp.client.ConnectionState;
import org.eventdispatcher.tcp.client.PermanentConnection;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code connections} health of a client daemon: UP while connected to its server,
 * OUT_OF_SERVICE while it is not (connecting, or waiting for the next attempt). The client itself
 * is fine then, retrying as it should; it just cannot do its job, which is what readiness asks
 * and liveness does not (the liveness group leaves this component out).
 *
 * <p>Details, from the connection's {@link ConnectionState}: {@code state}, {@code server} (the
 * one in use, or tried next, of a failover list), {@code since}, {@code attemptsSinceLastSuccess},
 * {@code connections} (successful ones since start-up), {@code buffered} (messages sent with
 * cache that wait for the connection), and {@code lastError} and {@code nextAttempt} when there
 * are.
 */
public class ClientConnectionHealthIndicator implements HealthIndicator {

    private final PermanentConnection connection;

    public ClientConnectionHealthIndicator(PermanentConnection connection) {
        this.connection = connection;
    }

    @Override
    public Health health() {
        ConnectionState state = connection.state();
        Health.Builder health = (state.isConnected() ? Health.up() : Health.outOfService())
                .withDetail("state", state.status().name())
                .withDetail("server", state.server())
                .withDetail("since", state.since().toString())
                .withDetail("attemptsSinceLastSuccess", state.attemptsSinceSuccess())
                .withDetail("connections", state.connections())
                .withDetail("buffered", connection.buffered());
        if (state.lastError() != null) {
            health.withDetail("lastError", state.lastError());
        }
        if (state.nextAttempt() != null) {
            health.withDetail("nextAttempt", state.nextAttempt().toString());
        }
        return health.build();
    }
}
