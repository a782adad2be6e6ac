package org.eventdispatcher.tcp.client;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.eventdispatcher.connection.Heartbeat;
import org.eventdispatcher.link.Buffer;
import org.eventdispatcher.link.PauseList;
import org.eventdispatcher.protocol.transport.DefaultAddresses;
import org.eventdispatcher.protocol.transport.Endpoint;
import org.eventdispatcher.protocol.transport.HostPort;
import org.eventdispatcher.protocol.transport.LineRules;
import org.eventdispatcher.protocol.transport.UnixPath;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The client's permanent connection ({@code eventdispatcher.client.*}).
 *
 * @param server         the server, {@code host[:port]} or {@code unix:/path} of a Unix-domain
 *                       socket (the {@code --server} option), or a comma-separated list of servers
 *                       to fail over between, first preferred, TCP and Unix in any mix; a missing
 *                       host is 127.0.0.1, a missing port 3001; port 0 is refused. Read it parsed
 *                       with {@link #serverAddresses()}
 * @param reconnect      when to try again after a failed attempt or a lost connection
 * @param connectTimeout how long one attempt may wait for the server to accept; whole seconds,
 *                       at least 1 (the framework counts in seconds). A Unix socket's connect is
 *                       done or refused at once; it is bounded all the same
 * @param stallTimeout   the longest the server may take to send a line after the client sent
 *                       one it may answer (mid-conversation), or its first line after the
 *                       connection opens (its greeting), before the client gives up on the
 *                       connection and reconnects (a server that never said a word counts as a
 *                       failed attempt: the next server is tried); 0 turns it off
 * @param heartbeat      how a quiet link is probed with {@code ALIVE}
 * @param buffer         how much the client keeps of what is sent with {@code cache} while
 *                       it is disconnected
 * @param ssl            TLS to the server, off unless it names an SSL bundle; not over a Unix
 *                       socket (a local peer is known by the socket file's mode)
 * @param maxLineLength  the longest line accepted from the server, in bytes; a longer one closes
 *                       the connection (and the client reconnects)
 */
@ConfigurationProperties("eventdispatcher.client")
public record ClientConnectionProperties(
        @DefaultValue(DefaultAddresses.SERVER) String server,
        @DefaultValue Reconnect reconnect,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("10s") Duration stallTimeout,
        @DefaultValue Heartbeat heartbeat,
        @DefaultValue Buffer buffer,
        @DefaultValue Ssl ssl,
        @DefaultValue(LineRules.DEFAULT_MAX_LENGTH_TEXT) DataSize maxLineLength) {

    /** A server silent this long is sent {@code ALIVE}, unless {@code heartbeat.idle} says otherwise (PROTOCOL.md e). */
    public static final Duration HEARTBEAT_IDLE = Duration.ofSeconds(30);

    public ClientConnectionProperties {
        heartbeat = heartbeat.orIdle(HEARTBEAT_IDLE);
        List<Endpoint> servers = serverList(server);
        servers.forEach(ClientConnectionProperties::requireConnectable);
        if (ssl.isOn()) {
            requireTcp(servers, ssl.bundle());
        }
        if (connectTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(
                    "eventdispatcher.client.connect-timeout must be at least 1s, not " + connectTimeout);
        }
        if (stallTimeout.isNegative()) {
            throw new IllegalArgumentException(
                    "eventdispatcher.client.stall-timeout cannot be negative: " + stallTimeout);
        }
        if (maxLineLength.toBytes() < 64 || maxLineLength.toBytes() > Integer.MAX_VALUE - 2) {
            throw new IllegalArgumentException(
                    "eventdispatcher.client.max-line-length must be between 64B and 2GB, not " + maxLineLength);
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
                throw new IllegalArgumentException(
                        "eventdispatcher.client.reconnect.jitter must be at least 0" + " and below 1, not " + jitter);
            }
        }
    }

    /**
     * TLS to the server ({@code eventdispatcher.client.ssl.*}).
     *
     * @param bundle     a Spring Boot SSL bundle ({@code spring.ssl.bundle.pem.<name>} or
     *                   {@code .jks.<name>}): its trust store for the server's certificate, its key
     *                   and certificate for mutual TLS; empty: no TLS
     * @param verifyHost whether the server's certificate must name the host connected to (IP or DNS)
     * @param handshakeTimeout an attempt whose TLS handshake is not done within this fails (the
     *                   next server is tried), as the server's {@code ssl.handshake-timeout}
     */
    public record Ssl(
            @DefaultValue("") String bundle,
            @DefaultValue("true") boolean verifyHost,
            @DefaultValue("10s") Duration handshakeTimeout) {

        public Ssl {
            if (handshakeTimeout.toMillis() <= 0) {
                throw new IllegalArgumentException(
                        "eventdispatcher.client.ssl.handshake-timeout must be positive, not " + handshakeTimeout);
            }
        }

        public boolean isOn() {
            return !bundle.isBlank();
        }
    }

    /** The servers as configured, parsed, in order of preference (the constructor has checked them). */
    public List<Endpoint> serverAddresses() {
        return serverList(server);
    }

    private static List<Endpoint> serverList(String servers) {
        try {
            return Arrays.stream(servers.split(",", -1))
                    .map(server -> Endpoint.parse(server, DefaultAddresses.SERVER_PORT))
                    .toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("eventdispatcher.client.server: " + e.getMessage());
        }
    }

    /**
     * Port 0 is fine to listen on but not to connect to, so the client refuses it here rather than
     * {@link HostPort}, which the listeners share.
     */
    private static void requireConnectable(Endpoint server) {
        if (server instanceof HostPort address && address.port() < 1) {
            throw new IllegalArgumentException("eventdispatcher.client.server: \"" + address
                    + "\" cannot be connected to: port " + address.port() + " is not between 1 and "
                    + HostPort.MAX_PORT);
        }
    }

    /**
     * TLS to a local socket would only prove what the socket file's owner, group and mode already
     * guard: refused at start rather than ignored, so that no one believes the link encrypted.
     */
    private static void requireTcp(List<Endpoint> servers, String bundle) {
        for (Endpoint server : servers) {
            if (server instanceof UnixPath) {
                throw new IllegalArgumentException("eventdispatcher.client.ssl.bundle=" + bundle + ": TLS is for TCP"
                        + " servers, and " + server + " is a Unix socket; leave the bundle out for it (the socket"
                        + " file's owner and mode guard it)");
            }
        }
    }
}
