package org.eventdispatcher.tcp.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.eventdispatcher.connection.HeartbeatTimeoutException;
import org.eventdispatcher.connection.ReportThrottle;
import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.protocol.message.Replies;
import org.eventdispatcher.protocol.transport.LineTooLongException;
import org.eventdispatcher.tcp.netty.LineTimeoutException;
import org.eventdispatcher.tcp.netty.SlowReaderException;
import org.eventdispatcher.tcp.netty.TruncatedLineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server says of its connections: with {@code --trace}, a line as each one connects and
 * disconnects; and one log line, with the peer, for whatever ends a connection abnormally (a line
 * too long, a reset, a silent or non-reading peer). A line too long, or one not complete in time,
 * is answered {@code INVALID} before the connection closes. Called by each connection, on its
 * thread, before its listeners are told.
 *
 * <p>Those lines are written on the threads that serve the connections, so a storm (a thousand
 * peers reset at once) must not flood the log: past the first few of a kind in
 * {@link #REPORT_INTERVAL}, they are counted, and the count is logged with the next one.
 */
public final class ConnectionReports {

    private static final Logger log = LoggerFactory.getLogger(ConnectionReports.class);
    private static final Logger trace = LoggerFactory.getLogger("org.eventdispatcher.trace");

    static final Duration REPORT_INTERVAL = Duration.ofSeconds(10);
    static final int REPORTS_PER_INTERVAL = 5;

    private final MessageDispatcher dispatcher;
    private final boolean tracing;
    private final Duration idleTimeout;
    private final ReportThrottle reports =
            new ReportThrottle(REPORT_INTERVAL, REPORTS_PER_INTERVAL, "on TCP connections");

    /**
     * @param tracing     {@code --trace}: a line as each connection opens and closes
     * @param idleTimeout as configured, for the line about a peer closed for its silence
     */
    public ConnectionReports(MessageDispatcher dispatcher, boolean tracing, Duration idleTimeout) {
        this.dispatcher = dispatcher;
        this.tracing = tracing;
        this.idleTimeout = idleTimeout;
    }

    void opened(AcceptedConnection connection) {
        if (tracing) {
            trace.info("{} connected", connection.address());
        }
    }

    void closed(AcceptedConnection connection) {
        if (tracing) {
            trace.info("{} disconnected", connection.address());
        }
    }

    void failed(AcceptedConnection peer, Throwable error) {
        Throwable cause = error;
        while (cause instanceof UncheckedIOException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String address = peer.address();
        if (!peer.firstReport("connection-error")) {
            return;
        }
        if (cause instanceof LineTooLongException tooLong) {
            dispatcher.send(
                    Replies.invalidLine("LINE_TOO_LONG: " + tooLong.getMessage() + ", connection closed"), peer);
            if (reports.firstReport("line-too-long")) {
                log.warn(
                        "{} sent a line longer than {} bytes: answered INVALID, connection closed",
                        address,
                        tooLong.maxLength());
            }
        } else if (cause instanceof LineTimeoutException timedOut) {
            dispatcher.send(
                    Replies.invalidLine("LINE_TIMEOUT: " + timedOut.getMessage() + ", connection closed"), peer);
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
