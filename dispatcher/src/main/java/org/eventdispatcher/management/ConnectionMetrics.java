package org.eventdispatcher.management;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.eventdispatcher.tcp.HeartbeatTimeoutException;
import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionExceptionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;

/**
 * TCP connections opened, closed and open now, counted from the events Spring Integration's
 * connection factories publish, so that no connection code has to call it. Tag {@code side}:
 * {@code server} for accepted connections, {@code client} for ones this daemon opened.
 *
 * <p>Connections turned away by a server limit are counted by whoever turns them away, through
 * {@link #rejected()}; they were opened (and closed) too. Connections closed because the peer did
 * not answer the heartbeat's {@code ALIVE} are counted from their exception events.
 */
public class ConnectionMetrics {

    public static final String OPENED = "eventdispatcher.connections.opened";
    public static final String CLOSED = "eventdispatcher.connections.closed";
    public static final String OPEN = "eventdispatcher.connections.open";
    public static final String REJECTED = "eventdispatcher.connections.rejected";
    public static final String HEARTBEAT_FAILURES = "eventdispatcher.heartbeat.failures";
    public static final String TLS_HANDSHAKE_FAILURES = "eventdispatcher.tls.handshake.failures";

    private final Map<String, Side> sides;
    private final Counter rejected;
    private final Counter tlsHandshakeFailures;

    public ConnectionMetrics(MeterRegistry registry) {
        this.sides = Map.of("server", new Side(registry, "server"), "client", new Side(registry, "client"));
        this.rejected = Counter.builder(REJECTED)
                .description("Connections closed at once because a server limit was reached")
                .tag("side", "server")
                .register(registry);
        this.tlsHandshakeFailures = Counter.builder(TLS_HANDSHAKE_FAILURES)
                .description("Connections closed because their TLS handshake failed or did not complete in time")
                .tag("side", "server")
                .register(registry);
    }

    @EventListener
    public void opened(TcpConnectionOpenEvent event) {
        side(event).opened(event.getConnectionId());
    }

    @EventListener
    public void closed(TcpConnectionCloseEvent event) {
        side(event).closed(event.getConnectionId());
    }

    @EventListener
    public void failed(TcpConnectionExceptionEvent event) {
        if (event.getCause() instanceof HeartbeatTimeoutException) {
            side(event).heartbeatFailures.increment();
        }
    }

    /** One connection refused by a limit (e.g. max-connections), told by the server side. */
    public void rejected() {
        rejected.increment();
    }

    /** One TLS handshake failed (a plaintext peer, an untrusted certificate) or timed out, told by the server side. */
    public void tlsHandshakeFailed() {
        tlsHandshakeFailures.increment();
    }

    /** Connections open now on one side ({@code server} or {@code client}). */
    public int open(String side) {
        return sides.get(side).open.size();
    }

    private Side side(TcpConnectionEvent event) {
        boolean server = event.getSource() instanceof TcpConnection connection && connection.isServer();
        return sides.get(server ? "server" : "client");
    }

    private static final class Side {

        // the ids of the open connections: a close without an open, or a repeated event, cannot skew the gauge
        final Set<String> open = ConcurrentHashMap.newKeySet();
        final Counter opened;
        final Counter closed;
        final Counter heartbeatFailures;

        Side(MeterRegistry registry, String side) {
            opened = Counter.builder(OPENED).description("TCP connections opened").tag("side", side).register(registry);
            closed = Counter.builder(CLOSED).description("TCP connections closed").tag("side", side).register(registry);
            heartbeatFailures = Counter.builder(HEARTBEAT_FAILURES)
                    .description("Connections closed because the peer did not answer ALIVE in time")
                    .tag("side", side).register(registry);
            Gauge.builder(OPEN, open, Set::size).description("TCP connections open now").tag("side", side)
                    .register(registry);
        }

        void opened(String id) {
            if (open.add(id)) {
                opened.increment();
            }
        }

        void closed(String id) {
            if (open.remove(id)) {
                closed.increment();
            }
        }
    }
}
