package org.eventdispatcher.management;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.eventdispatcher.tcp.client.PermanentConnection;

/**
 * The client's reconnect buffer, read from the permanent connection when the registry asks:
 * {@code eventdispatcher.client.buffer.messages} waiting for the connection, and
 * {@code eventdispatcher.client.buffer.dropped} for want of room since start-up.
 */
public class ReconnectBufferMetrics implements MeterBinder {

    public static final String MESSAGES = "eventdispatcher.client.buffer.messages";
    public static final String DROPPED = "eventdispatcher.client.buffer.dropped";

    private final PermanentConnection connection;

    public ReconnectBufferMetrics(PermanentConnection connection) {
        this.connection = connection;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(MESSAGES, connection, PermanentConnection::buffered)
                .description("Messages sent with cache that wait for the connection to the server")
                .register(registry);
        FunctionCounter.builder(DROPPED, connection, PermanentConnection::bufferDropped)
                .description("Messages sent with cache and dropped, oldest first, because the buffer was full")
                .register(registry);
    }
}
