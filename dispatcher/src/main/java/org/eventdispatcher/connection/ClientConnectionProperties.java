package org.eventdispatcher.connection;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The client's permanent connection ({@code eventdispatcher.client.*}).
 *
 * @param server         the server, {@code host[:port]} (the {@code --server} option); a missing
 *                       host is 127.0.0.1, a missing port 3001; port 0 is refused. Read it
 *                       parsed with {@link #serverAddress()}
 * @param reconnect      when to try again after a failed attempt or a lost connection
 * @param connectTimeout how long one attempt may wait for the server to accept; whole seconds,
 *                       at least 1 (the framework counts in seconds)
 * @param stallTimeout   the longest the server may stay silent while the connection is open
 *                       before the client gives up on it and reconnects; 0 turns it off
 * @param maxLineLength  the longest line accepted from the server, in bytes; a longer one closes
 *                       the connection (and the client reconnects)
 */
@ConfigurationProperties("eventdispatcher.client")
public record ClientConnectionProperties(
        @DefaultValue(ClientConnectionProperties.DEFAULT_SERVER) String server,
        @DefaultValue Reconnect reconnect,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("10s") Duration stallTimeout,
        @DefaultValue("65536") int maxLineLength) {

    public static final int DEFAULT_PORT = 3001;
    static final String DEFAULT_SERVER = HostPort.DEFAULT_HOST + ":" + DEFAULT_PORT;

    public ClientConnectionProperties {
        requireConnectableServer(server);
        if (connectTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("eventdispatcher.client.connect-timeout must be at least 1s, not "
                    + connectTimeout);
        }
        if (stallTimeout.isNegative()) {
            throw new IllegalArgumentException("eventdispatcher.client.stall-timeout cannot be negative: "
                    + stallTimeout);
        }
        if (maxLineLength < 64) {
            throw new IllegalArgumentException("eventdispatcher.client.max-line-length must be at least 64 bytes, not "
                    + maxLineLength);
        }
    }

    /**
     * @param pauses the pause list (PROTOCOL.md e), e.g. {@code 0.5,1,2,5} or {@code -3,1s,10s}
     * @param jitter fraction of each pause taken off at random, from 0 to below 1
     */
    public record Reconnect(
            @DefaultValue(PauseList.DEFAULT) PauseList pauses,
            @DefaultValue("0.2") double jitter) {

        public Reconnect {
            if (!(jitter >= 0 && jitter < 1)) {
                throw new IllegalArgumentException("eventdispatcher.client.reconnect.jitter must be at least 0"
                        + " and below 1, not " + jitter);
            }
        }
    }

    /** The server as configured, parsed (the constructor has already checked it). */
    public HostPort serverAddress() {
        return HostPort.parse(server, DEFAULT_PORT);
    }

    /**
     * Port 0 is fine to listen on but not to connect to, so the client refuses it here rather than
     * {@link HostPort}, which the listeners share.
     */
    private static void requireConnectableServer(String server) {
        HostPort address;
        try {
            address = HostPort.parse(server, DEFAULT_PORT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("eventdispatcher.client.server: " + e.getMessage());
        }
        if (address.port() < 1) {
            throw new IllegalArgumentException("eventdispatcher.client.server: \"" + server.strip()
                    + "\" cannot be connected to: port " + address.port() + " is not between 1 and "
                    + HostPort.MAX_PORT);
        }
    }
}
