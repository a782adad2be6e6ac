package org.eventdispatcher.management;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.eventdispatcher.tcp.client.ConnectionState;
import org.eventdispatcher.tcp.client.PermanentConnection;

/**
 * The client's attempts to connect to its server, and how many succeeded, read from its
 * {@link PermanentConnection}'s {@link ConnectionState} when the registry asks. The first
 * connection counts too, so {@code attempts - successes} is the number of failed attempts.
 */
public class ReconnectMetrics implements MeterBinder {

    public static final String ATTEMPTS = "eventdispatcher.client.reconnect.attempts";
    public static final String SUCCESSES = "eventdispatcher.client.reconnect.successes";

    private final PermanentConnection connection;

    public ReconnectMetrics(PermanentConnection connection) {
        this.connection = connection;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder(ATTEMPTS, connection, c -> c.state().attempts())
                .description("Attempts to connect to the server, the first included")
                .register(registry);
        FunctionCounter.builder(SUCCESSES, connection, c -> c.state().connections())
                .description("Attempts to connect to the server that succeeded")
                .register(registry);
    }
}
