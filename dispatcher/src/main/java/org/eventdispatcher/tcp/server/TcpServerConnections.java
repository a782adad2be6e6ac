package org.eventdispatcher.tcp.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

import org.eventdispatcher.dispatch.DispatchProperties;
import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.dispatch.PeerConnected;
import org.eventdispatcher.connection.ReportThrottle;
import org.eventdispatcher.protocol.message.Replies;
import org.eventdispatcher.protocol.transport.LineTooLongException;
import org.eventdispatcher.connection.ConnectionRegistry;
import org.eventdispatcher.connection.HeartbeatTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionExceptionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;

/**
 * The peers connected to the server, made from the connection events of its factory: a peer per
 * open connection, attached to its entry in the {@link ConnectionRegistry}, {@link PeerConnected}
 * when one arrives, and one log line, with the peer,
 * for whatever ends a connection abnormally (a line too long, a reset, a silent or non-reading
 * peer). A line too long, or one not complete in time, is answered {@code INVALID} before the
 * connection closes.
 *
 * <p>Those lines are written on the threads that serve the connections, so a storm (a thousand
 * peers reset at once) must not flood the log: past the first few of a kind in
 * {@link #REPORT_INTERVAL}, they are counted, and the count is logged with the next one.
 */
public class TcpServerConnections implements ApplicationListener<TcpConnectionEvent> {

    private static final Logger log = LoggerFactory.getLogger(TcpServerConnections.class);
    private static final Logger trace = LoggerFactory.getLogger("org.eventdispatcher.trace");

    static final Duration REPORT_INTERVAL = Duration.ofSeconds(10);
    static final int REPORTS_PER_INTERVAL = 5;

    private final String factoryName;
    private final MessageChannel outbound;
    private final MessageDispatcher dispatcher;
    private final ApplicationEventPublisher publisher;
    private final DispatchProperties dispatch;
    private final Duration idleTimeout;
    private final ConnectionRegistry registry;
    private final ReportThrottle reports = new ReportThrottle(REPORT_INTERVAL, REPORTS_PER_INTERVAL, "on TCP connections");

    /**
     * @param factoryName bean name of the server connection factory whose events count
     * @param outbound    the channel of the outbound adapter sharing that factory
     */
    public TcpServerConnections(String factoryName, MessageChannel outbound, MessageDispatcher dispatcher,
            ApplicationEventPublisher publisher, DispatchProperties dispatch, Duration idleTimeout,
            ConnectionRegistry registry) {
        this.factoryName = factoryName;
        this.registry = registry;
        this.outbound = outbound;
        this.dispatcher = dispatcher;
        this.publisher = publisher;
        this.dispatch = dispatch;
        this.idleTimeout = idleTimeout;
    }

    /** The peer of an open connection, or null. */
    public Peer peer(String connectionId) {
        return registry.peer(connectionId);
    }

    @Override
    public void onApplicationEvent(TcpConnectionEvent event) {
        if (!factoryName.equals(event.getConnectionFactoryName())) {
            return;
        }
        TcpConnection connection = (TcpConnection) event.getSource();
        if (event instanceof TcpConnectionOpenEvent) {
            opened(connection);
        } else if (event instanceof TcpConnectionCloseEvent) {
            if (dispatch.trace()) {
                trace.info("{} disconnected", TcpConnectionPeer.address(connection));
            }
        } else if (event instanceof TcpConnectionExceptionEvent exception) {
            failed(connection, exception.getCause());
        }
    }

    private void opened(TcpConnection connection) {
        TcpConnectionPeer peer = TcpConnectionPeer.of(connection, outbound);
        registry.attach(peer.id(), peer);
        if (dispatch.trace()) {
            trace.info("{} connected", peer.address());
        }
        publisher.publishEvent(new PeerConnected(peer));
    }

    private void failed(TcpConnection connection, Throwable error) {
        Throwable cause = error;
        while ((cause instanceof UncheckedIOException || cause instanceof MessagingException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (connection instanceof ServerConnection server && server.isClosing()) {
            return; // we closed the connection and know why
        }
        Peer peer = registry.peer(connection.getConnectionId());
        String address = peer != null ? peer.address() : TcpConnectionPeer.address(connection);
        if (peer != null && !peer.firstReport("connection-error")) {
            return;
        }
        if (cause instanceof LineTooLongException tooLong) {
            if (peer != null) {
                dispatcher.send(Replies.invalidLine("LINE_TOO_LONG: " + tooLong.getMessage() + ", connection closed"),
                        peer);
            }
            if (reports.firstReport("line-too-long")) {
                log.warn("{} sent a line longer than {} bytes: answered INVALID, connection closed", address,
                        tooLong.maxLength());
            }
        } else if (cause instanceof LineTimeoutException timedOut) {
            if (peer != null) {
                dispatcher.send(Replies.invalidLine("LINE_TIMEOUT: " + timedOut.getMessage() + ", connection closed"),
                        peer);
            }
            if (reports.firstReport("line-timeout")) {
                log.info("{} sent {}: answered INVALID, connection closed", address, timedOut.getMessage());
            }
        } else if (cause instanceof SocketTimeoutException) {
            if (reports.firstReport("idle")) {
                log.info("{} said nothing for {}: connection closed", address, idleTimeout);
            }
        } else if (cause instanceof HeartbeatTimeoutException) {
            if (reports.firstReport("heartbeat")) {
                log.info("{} {}: connection closed", address, cause.getMessage());
            }
        } else if (cause instanceof SlowReaderException) {
            if (reports.firstReport("slow-reader")) {
                log.warn("{} {}; connection dropped", address, cause.getMessage());
            }
        } else if (cause instanceof TruncatedLineException) {
            if (reports.firstReport("truncated-line")) {
                log.info("{} {}", address, cause.getMessage());
            }
        } else if (cause instanceof IOException) {
            if (reports.firstReport("connection-lost")) {
                log.info("{} connection lost: {}", address, cause.getMessage() != null ? cause.getMessage() : cause);
            }
        } else if (reports.firstReport("unexpected-failure")) {
            log.warn("{}: connection closed after an unexpected failure: {}", address, cause.toString(), cause);
        }
    }
}
