package org.eventdispatcher.management;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.eventdispatcher.connection.Connection;
import org.eventdispatcher.connection.ConnectionListener;
import org.eventdispatcher.connection.ConnectionRegistry;
import org.eventdispatcher.connection.HeartbeatTimeoutException;
import org.eventdispatcher.connection.Side;
import org.eventdispatcher.tcp.netty.LineTimeoutException;
import org.eventdispatcher.tcp.server.ConnectionSlots;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;

/**
 * TCP connections opened, closed and open now, read from the {@link ConnectionRegistry}. Tag
 * {@code side}: {@code server} for accepted connections, {@code client} for ones this daemon opened.
 *
 * <p>Connections turned away by a server limit are counted by whoever turns them away, through
 * {@link #rejected}, tagged with the limit ({@code reason}); they were opened (and closed) too. Connections closed because the peer did
 * not answer the heartbeat's {@code ALIVE}, or did not end a line in time, are counted from their
 * failed events (virtual connections on the broker too).
 */
public class ConnectionMetrics implements ConnectionListener, Ordered {

    public static final String OPENED = "eventdispatcher.connections.opened";
    public static final String CLOSED = "eventdispatcher.connections.closed";
    public static final String OPEN = "eventdispatcher.connections.open";
    public static final String REJECTED = "eventdispatcher.connections.rejected";
    public static final String HEARTBEAT_FAILURES = "eventdispatcher.heartbeat.failures";
    public static final String TLS_HANDSHAKE_FAILURES = "eventdispatcher.tls.handshake.failures";
    public static final String LINE_TIMEOUTS = "eventdispatcher.line.timeouts";

    private final Map<Side, Counter> heartbeatFailures = new EnumMap<>(Side.class);
    private final Map<ConnectionSlots.Refusal, Counter> rejected = new EnumMap<>(ConnectionSlots.Refusal.class);
    private final Counter tlsHandshakeFailures;
    private final Counter lineTimeouts;

    /** The meters of TCP connections. */
    public ConnectionMetrics(MeterRegistry registry, ConnectionRegistry connections) {
        this(registry, connections, List.of("tcp"));
    }

    /** @param transports every transport that opens connections here: {@code tcp}, and {@code amqp} with the broker */
    public ConnectionMetrics(MeterRegistry registry, ConnectionRegistry connections, List<String> transports) {
        for (Side side : Side.values()) {
            for (String transport : transports) {
                FunctionCounter.builder(OPENED, connections, c -> c.opened(side, transport))
                        .description("Connections opened (amqp: virtual connections on the broker)")
                        .tag("side", side.tag())
                        .tag("transport", transport)
                        .register(registry);
                FunctionCounter.builder(CLOSED, connections, c -> c.closed(side, transport))
                        .description("Connections closed")
                        .tag("side", side.tag())
                        .tag("transport", transport)
                        .register(registry);
                Gauge.builder(OPEN, connections, c -> c.open(side, transport))
                        .description("Connections open now")
                        .tag("side", side.tag())
                        .tag("transport", transport)
                        .register(registry);
            }
            heartbeatFailures.put(
                    side,
                    Counter.builder(HEARTBEAT_FAILURES)
                            .description("Connections closed because the peer did not answer ALIVE in time")
                            .tag("side", side.tag())
                            .register(registry));
        }
        for (ConnectionSlots.Refusal reason : ConnectionSlots.Refusal.values()) {
            rejected.put(
                    reason,
                    Counter.builder(REJECTED)
                            .description("Connections closed at once because a server limit was reached")
                            .tag("side", "server")
                            .tag("reason", reason.tag())
                            .register(registry));
        }
        this.tlsHandshakeFailures = Counter.builder(TLS_HANDSHAKE_FAILURES)
                .description("Connections closed because their TLS handshake failed or did not complete in time")
                .tag("side", "server")
                .register(registry);
        this.lineTimeouts = Counter.builder(LINE_TIMEOUTS)
                .description(
                        "Connections closed because a line was not complete within eventdispatcher.server.line-timeout")
                .tag("side", "server")
                .register(registry);
    }

    /** Connections closed for silence, counted as their transports tell why. */
    @Override
    public void connectionEvent(Event event, Connection connection, @Nullable Throwable cause) {
        if (event != Event.FAILED) {
            return;
        }
        if (cause instanceof HeartbeatTimeoutException) {
            heartbeatFailures.get(connection.side()).increment();
        } else if (cause instanceof LineTimeoutException) {
            lineTimeouts.increment();
        }
    }

    /** After the registry, before the application's listeners. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

    /** One connection refused by a limit (tag {@code reason}: max-connections, max-connections-per-address), told by the server side. */
    public void rejected(ConnectionSlots.Refusal reason) {
        rejected.get(reason).increment();
    }

    /** One TLS handshake failed (a plaintext peer, an untrusted certificate) or timed out, told by the server side. */
    public void tlsHandshakeFailed() {
        tlsHandshakeFailures.increment();
    }
}
