package org.eventdispatcher.tcp.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eventdispatcher.connection.Heartbeat;
import org.eventdispatcher.protocol.transport.DefaultAddresses;
import org.eventdispatcher.protocol.transport.LineRules;
import org.eventdispatcher.protocol.transport.UnixPath;
import org.eventdispatcher.tcp.server.listener.ListenAddress;
import org.eventdispatcher.tcp.server.listener.UnixAccess;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The TCP server ({@code eventdispatcher.server.*}). Every limit holds per daemon.
 *
 * @param listen          where to listen (the {@code --listen} option): a comma-separated list of
 *                        {@code [name=]address}, each address a TCP {@code host[:port]} (port 0
 *                        picks a free port) or a Unix-domain socket {@code unix:/path}; a name
 *                        lets the listener carry settings ({@code listeners.<name>.*}) and a
 *                        command set of its own
 * @param listeners       settings of named listeners, by name: TLS of its own, a socket file's
 *                        mode and group
 * @param unix            every Unix-domain listener's socket file: its mode and group, unless it
 *                        has its own
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
 * @param ssl             TLS on every TCP listener without its own ({@code listeners.<name>.ssl}),
 *                        off unless it names an SSL bundle
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
        @DefaultValue("256KB") DataSize handlerThreadStack,
        @Nullable Map<String, ListenerSettings> listeners,
        @DefaultValue UnixAccess unix) {

    /** A peer that sent no line for this long is sent {@code ALIVE}, unless {@code heartbeat.idle} says otherwise. */
    public static final Duration HEARTBEAT_IDLE = Duration.ofSeconds(60);

    public TcpServerProperties {
        heartbeat = heartbeat.orIdle(HEARTBEAT_IDLE);
        listeners = listeners == null ? Map.of() : Map.copyOf(listeners);
        List<ListenAddress> addresses;
        try {
            addresses = ListenAddress.parseList(listen);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("eventdispatcher.server.listen: " + e.getMessage());
        }
        for (Map.Entry<String, ListenerSettings> named : listeners.entrySet()) {
            ListenAddress address = addresses.stream()
                    .filter(listener -> listener.name().equals(named.getKey()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("eventdispatcher.server.listeners." + named.getKey()
                            + ": no listener of that name in eventdispatcher.server.listen=" + listen));
            boolean unixSocket = address.address() instanceof UnixPath;
            require(
                    !unixSocket || named.getValue().ssl() == null,
                    "eventdispatcher.server.listeners." + named.getKey() + ".ssl: TLS is for TCP listeners, and "
                            + address + " is a Unix socket");
            require(
                    unixSocket || named.getValue().unix() == null,
                    "eventdispatcher.server.listeners." + named.getKey() + ".unix: " + address
                            + " is not a Unix socket");
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

    /** The listeners, in the order written. */
    public List<ListenAddress> listenAddresses() {
        return ListenAddress.parseList(listen);
    }

    /** The TLS of a TCP listener: its own, or else {@code ssl}. */
    public Ssl sslOf(ListenAddress listener) {
        ListenerSettings own = listeners.get(listener.name());
        return own != null && own.ssl() != null ? own.ssl() : ssl;
    }

    /** The socket file's mode and group of a Unix-domain listener: its own, or else {@code unix}. */
    public UnixAccess unixOf(ListenAddress listener) {
        ListenerSettings own = listeners.get(listener.name());
        return own != null && own.unix() != null ? own.unix() : unix;
    }

    /**
     * What a named listener carries of its own ({@code eventdispatcher.server.listeners.<name>.*}).
     *
     * @param ssl  TLS on this TCP listener instead of {@code eventdispatcher.server.ssl}; an empty
     *             bundle makes it plaintext
     * @param unix this Unix socket's file mode and group instead of {@code eventdispatcher.server.unix}
     */
    public record ListenerSettings(
            @Nullable Ssl ssl, @Nullable UnixAccess unix) {}

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }
}
