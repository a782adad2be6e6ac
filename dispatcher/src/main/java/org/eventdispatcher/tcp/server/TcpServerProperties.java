package org.eventdispatcher.tcp.server;

import java.time.Duration;
import org.eventdispatcher.connection.Heartbeat;
import org.eventdispatcher.protocol.transport.DefaultAddresses;
import org.eventdispatcher.protocol.transport.HostPort;
import org.eventdispatcher.protocol.transport.LineRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The TCP server ({@code eventdispatcher.server.*}). Every limit holds per daemon.
 *
 * @param listen          {@code host[:port]} to listen on (the {@code --listen} option); port 0
 *                        picks a free port
 * @param backlog         connections the kernel queues before they are accepted (Spring
 *                        Integration's default is 5; the kernel caps it at
 *                        {@code net.core.somaxconn})
 * @param maxConnections  connections held at once; more are closed as they arrive
 * @param maxConnectionsPerAddress connections held at once from one peer address (a TLS
 *                        handshake holds one too); more from it are closed as they arrive
 * @param maxLineLength   longest line accepted; a longer one is answered {@code INVALID} and
 *                        ends that connection (PROTOCOL.md g.5)
 * @param sendTimeout     a peer that does not take a whole reply within this time (it stopped
 *                        reading, or reads a trickle) is dropped; a closing connection's replies
 *                        get this long to leave
 * @param lineTimeout     a line must be complete within this time of its first byte; a peer
 *                        past it is answered {@code INVALID message=LINE_TIMEOUT…} and closed
 * @param idleTimeout     a connection that sent no complete line and was sent nothing for this
 *                        long is closed; 0 keeps quiet peers for ever, as upstream does
 * @param heartbeat       how silent peers are probed with {@code ALIVE}, and dropped when they
 *                        do not answer
 * @param ssl             TLS on the listener, off unless it names an SSL bundle
 * @param threading       which threads run the handlers: EVENT_LOOPS, those that read the
 *                        connections (handlers must not block); THREAD_PER_CONNECTION, a
 *                        queue of each connection's own, in order, over shared threads
 * @param eventLoops      event loop threads (reading, writing, and with EVENT_LOOPS handling);
 *                        0 for one per available processor
 * @param nativeTransport Netty's native epoll transport where it loads (Linux x86-64); false: NIO
 * @param handlerThreads  with a thread per connection, which threads: AUTO is virtual on Java 21+
 * @param handlerThreadStack stack of a platform handler thread
 */
@ConfigurationProperties("eventdispatcher.server")
public record TcpServerProperties(
        @DefaultValue(DefaultAddresses.SERVER) String listen,
        @DefaultValue("1024") int backlog,
        @DefaultValue("10000") int maxConnections,
        @DefaultValue("1000") int maxConnectionsPerAddress,
        @DefaultValue(LineRules.DEFAULT_MAX_LENGTH_TEXT) DataSize maxLineLength,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("10s") Duration lineTimeout,
        @DefaultValue("0s") Duration idleTimeout,
        @DefaultValue Heartbeat heartbeat,
        @DefaultValue Ssl ssl,
        @DefaultValue("event-loops") ServerThreading threading,
        @DefaultValue("0") int eventLoops,
        @DefaultValue("true") boolean nativeTransport,
        @DefaultValue("auto") HandlerThreads handlerThreads,
        @DefaultValue("256KB") DataSize handlerThreadStack) {

    /** A peer that sent no line for this long is sent {@code ALIVE}, unless {@code heartbeat.idle} says otherwise. */
    public static final Duration HEARTBEAT_IDLE = Duration.ofSeconds(60);

    public TcpServerProperties {
        heartbeat = heartbeat.orIdle(HEARTBEAT_IDLE);
        try {
            HostPort.parse(listen, DefaultAddresses.SERVER_PORT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("eventdispatcher.server.listen: " + e.getMessage());
        }
        require(backlog >= 1, "backlog must be at least 1, not " + backlog);
        require(maxConnections >= 1, "max-connections must be at least 1, not " + maxConnections);
        require(
                maxConnectionsPerAddress >= 1,
                "max-connections-per-address must be at least 1, not " + maxConnectionsPerAddress);
        require(
                maxLineLength.toBytes() >= 1 && maxLineLength.toBytes() <= Integer.MAX_VALUE - 2,
                "max-line-length must be between 1B and 2GB, not " + maxLineLength);
        require(sendTimeout.toMillis() > 0, "send-timeout must be positive, not " + sendTimeout);
        require(lineTimeout.toMillis() > 0, "line-timeout must be positive, not " + lineTimeout);
        require(
                !idleTimeout.isNegative() && idleTimeout.toMillis() <= Integer.MAX_VALUE,
                "idle-timeout must be 0 (off) or positive, not " + idleTimeout);
        require(eventLoops >= 0, "event-loops must be 0 (one per processor) or more, not " + eventLoops);
        require(
                handlerThreads != HandlerThreads.VIRTUAL
                        || Runtime.version().feature() >= HandlerThreads.VIRTUAL_THREADS_SINCE,
                "handler-threads=virtual needs Java " + HandlerThreads.VIRTUAL_THREADS_SINCE + "+; this is Java "
                        + Runtime.version().feature());
        require(!handlerThreadStack.isNegative(), "handler-thread-stack cannot be negative");
    }

    /**
     * TLS on the listener ({@code eventdispatcher.server.ssl.*}).
     *
     * @param bundle           a Spring Boot SSL bundle ({@code spring.ssl.bundle.pem.<name>} or
     *                         {@code .jks.<name>}) with the server's key and certificate; empty: no TLS
     * @param clientAuth       client certificates: NONE, WANT (checked when offered) or NEED (mutual
     *                         TLS); checked against the bundle's trust store
     * @param handshakeTimeout a connection whose TLS handshake is not done within this is closed
     */
    public record Ssl(
            @DefaultValue("") String bundle,
            @DefaultValue("none") ClientAuth clientAuth,
            @DefaultValue("10s") Duration handshakeTimeout) {

        public Ssl {
            require(handshakeTimeout.toMillis() > 0, "ssl.handshake-timeout must be positive, not " + handshakeTimeout);
        }

        public boolean isOn() {
            return !bundle.isBlank();
        }

        public enum ClientAuth {
            NONE(io.netty.handler.ssl.ClientAuth.NONE),
            WANT(io.netty.handler.ssl.ClientAuth.OPTIONAL),
            NEED(io.netty.handler.ssl.ClientAuth.REQUIRE);

            private final io.netty.handler.ssl.ClientAuth netty;

            ClientAuth(io.netty.handler.ssl.ClientAuth netty) {
                this.netty = netty;
            }

            public io.netty.handler.ssl.ClientAuth netty() {
                return netty;
            }
        }
    }

    public HostPort listenAddress() {
        return HostPort.parse(listen, DefaultAddresses.SERVER_PORT);
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }
}
