package org.eventdispatcher.management;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionFailedEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;

/**
 * The client's attempts to connect to its server, and how many succeeded, counted from Spring
 * Integration's client connection factory events: an outgoing connection opened is an attempt
 * that succeeded, a {@link TcpConnectionFailedEvent} one that failed. The first connection
 * counts too, so {@code attempts - successes} is the number of failed attempts.
 */
public class ReconnectMetrics {

    public static final String ATTEMPTS = "eventdispatcher.client.reconnect.attempts";
    public static final String SUCCESSES = "eventdispatcher.client.reconnect.successes";

    private final Counter attempts;
    private final Counter successes;

    public ReconnectMetrics(MeterRegistry registry) {
        this.attempts = Counter.builder(ATTEMPTS)
                .description("Attempts to connect to the server, the first included").register(registry);
        this.successes = Counter.builder(SUCCESSES)
                .description("Attempts to connect to the server that succeeded").register(registry);
    }

    @EventListener
    public void opened(TcpConnectionOpenEvent event) {
        if (event.getSource() instanceof TcpConnection connection && !connection.isServer()) {
            connected();
        }
    }

    @EventListener
    public void failed(TcpConnectionFailedEvent event) {
        connectFailed();
    }

    /** For a connection made without Spring Integration's client factory (it is counted already). */
    public void connected() {
        attempts.increment();
        successes.increment();
    }

    /** For a connection made without Spring Integration's client factory (it is counted already). */
    public void connectFailed() {
        attempts.increment();
    }
}
