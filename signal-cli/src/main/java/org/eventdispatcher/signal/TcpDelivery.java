package org.eventdispatcher.signal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.message.MessageCodec;
import org.eventdispatcher.protocol.message.MessageParseException;

/**
 * Sends one line on a fresh TCP connection (PROTOCOL.md f.3), or on a Unix-domain socket's
 * ({@code --server unix:/path}): the same line protocol, the same waits.
 *
 * <p>Closing right after the write would be wrong: a daemon greets every connection with
 * {@code HI}, and closing a socket with unread bytes makes the kernel send a reset, which can
 * make the daemon drop our line unread. So without {@code --reply} signal-cli half-closes (the
 * daemon reads our line, then end of stream), reads whatever comes until the daemon closes, and
 * gives up waiting after {@link #SETTLE_TIME}: the line was handed over by then, so that is
 * still success.
 */
final class TcpDelivery {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration SETTLE_TIME = Duration.ofSeconds(2);
    /** The command every daemon sends on accepting a connection (PROTOCOL.md c). */
    static final String GREETING = "HI";

    private final DaemonAddress address;
    private final TlsSettings tls;
    private final MessageCodec codec;
    private final Trace trace;

    TcpDelivery(DaemonAddress address, TlsSettings tls, MessageCodec codec, Trace trace) {
        this.address = address;
        this.tls = tls;
        this.codec = codec;
        this.trace = trace;
    }

    /** Sends the message and waits (at most {@link #SETTLE_TIME}) for the daemon to close. */
    void send(Message message) throws SignalException {
        DaemonConnection connection = connect();
        try {
            write(connection, message);
            LineReader lines = new LineReader(connection, System.nanoTime() + SETTLE_TIME.toNanos());
            connection.shutdownOutput();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                trace.step("received: " + line);
            }
            trace.step(address + " closed the connection");
        } catch (SocketTimeoutException e) {
            trace.step(address + " still open after " + Durations.describe(SETTLE_TIME) + "; closing");
        } catch (SSLException e) {
            throw refusedSession(e);
        } catch (IOException e) {
            // the line is written; what the daemon does with the connection next is its business
            trace.step("after sending: " + SignalException.reason(e));
        } finally {
            connection.close();
        }
    }

    /**
     * Sends the message and returns the daemon's answer: the first line received, skipping the
     * greeting {@code HI} when it comes first. The protocol has no correlation ids, so "the
     * answer" cannot be defined more closely than that.
     */
    String sendForReply(Message message, Duration timeout) throws SignalException {
        DaemonConnection connection = connect();
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            write(connection, message);
            LineReader lines = new LineReader(connection, deadline);
            String line = lines.readLine();
            if (line != null && isGreeting(line)) {
                trace.step("skipped the greeting: " + line);
                line = lines.readLine();
            }
            if (line == null) {
                throw new SignalException(
                        ExitCode.NO_REPLY, address + " closed the connection without answering " + message.command());
            }
            trace.step("received: " + line);
            return line;
        } catch (SocketTimeoutException e) {
            throw new SignalException(
                    ExitCode.NO_REPLY,
                    "no answer to " + message.command() + " from " + address + " within " + Durations.describe(timeout),
                    e);
        } catch (SSLException e) {
            throw refusedSession(e);
        } catch (IOException e) {
            throw new SignalException(
                    ExitCode.NO_REPLY,
                    "the connection to " + address + " failed before an answer to " + message.command() + " arrived: "
                            + SignalException.reason(e),
                    e);
        } finally {
            connection.close();
        }
    }

    /**
     * The daemon ended the TLS session with an alert after our side of the handshake was done: under
     * TLS 1.3 a server that refuses the client's certificate (or its lack) says so only then, so it
     * is the handshake failing, the line not delivered (PROTOCOL.md f.3), however far the write got.
     */
    private SignalException refusedSession(SSLException e) {
        return new SignalException(
                ExitCode.NOT_DELIVERED, "TLS with " + address + " failed: " + SignalException.reason(e), e);
    }

    private DaemonConnection connect() throws SignalException {
        if (address.unixPath() != null) {
            return connectUnix();
        }
        Socket socket = connectPlain();
        if (!tls.encrypt()) {
            return new DaemonConnection.Tcp(socket);
        }
        trace.step("TLS handshake with " + address);
        try {
            Socket secure = TlsConnector.of(tls).secure(socket, address, CONNECT_TIMEOUT);
            trace.step("TLS established");
            return new DaemonConnection.Tcp(secure);
        } catch (SignalException e) {
            close(socket);
            throw e;
        }
    }

    private Socket connectPlain() throws SignalException {
        InetSocketAddress target = address.resolve();
        trace.step("connecting to " + address + " over TCP");
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(target, (int) CONNECT_TIMEOUT.toMillis());
            return socket;
        } catch (SocketTimeoutException e) {
            close(socket);
            throw new SignalException(
                    ExitCode.NOT_DELIVERED,
                    "cannot connect to " + address + " over TCP: no answer within "
                            + Durations.describe(CONNECT_TIMEOUT),
                    e);
        } catch (IOException e) {
            close(socket);
            throw new SignalException(
                    ExitCode.NOT_DELIVERED,
                    "cannot connect to " + address + " over TCP: " + SignalException.reason(e),
                    e);
        }
    }

    /** Over the Unix socket, with the same connect timeout as TCP (a local connect is done or refused at once). */
    private DaemonConnection connectUnix() throws SignalException {
        trace.step("connecting to " + address);
        try {
            return UnixConnection.open(address.unixPath(), CONNECT_TIMEOUT);
        } catch (SocketTimeoutException e) {
            throw new SignalException(
                    ExitCode.NOT_DELIVERED,
                    "cannot connect to " + address + ": no answer within " + Durations.describe(CONNECT_TIMEOUT),
                    e);
        } catch (IOException e) {
            throw new SignalException(
                    ExitCode.NOT_DELIVERED, "cannot connect to " + address + ": " + SignalException.reason(e), e);
        }
    }

    private void write(DaemonConnection connection, Message message) throws SignalException {
        try {
            connection.write(codec.writeLine(message));
            trace.step("sent: " + codec.write(message));
        } catch (IOException e) {
            throw new SignalException(
                    ExitCode.NOT_DELIVERED, "cannot send to " + address + over() + ": " + SignalException.reason(e), e);
        }
    }

    /** " over TCP", for a TCP address; a Unix socket's {@code unix:/path} says what it is. */
    private String over() {
        return address.unixPath() != null ? "" : " over TCP";
    }

    private boolean isGreeting(String line) {
        try {
            return GREETING.equals(codec.parse(line).command());
        } catch (MessageParseException e) {
            return false;
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to read or write on it
        }
    }
}
