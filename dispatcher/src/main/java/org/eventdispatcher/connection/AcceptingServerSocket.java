package org.eventdispatcher.connection;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server socket whose {@code accept} counts connections against {@link ConnectionSlots} and
 * never gives up while the socket is open: an error such as "too many open files" is logged,
 * followed by a short pause, instead of ending the accept loop (Spring Integration stops its
 * server on any accept error).
 */
final class AcceptingServerSocket extends ServerSocket {

    private static final Logger log = LoggerFactory.getLogger(AcceptingServerSocket.class);

    /** Pause after a failed accept: the usual cause (no file descriptor left) needs time to clear. */
    static final Duration RETRY_PAUSE = Duration.ofMillis(100);

    private static final long ERROR_LOG_INTERVAL = TimeUnit.SECONDS.toNanos(10);

    private final ConnectionSlots slots;
    private long lastErrorLog = System.nanoTime() - ERROR_LOG_INTERVAL;

    AcceptingServerSocket(ConnectionSlots slots) throws IOException {
        this.slots = slots;
    }

    @Override
    public Socket accept() throws IOException {
        while (true) {
            CountedSocket socket = new CountedSocket(slots);
            try {
                implAccept(socket);
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                if (isClosed()) {
                    throw e;
                }
                pauseAfter(e);
                continue;
            }
            if (socket.admit()) {
                return socket;
            }
            slots.refuse(socket);
        }
    }

    private void pauseAfter(IOException error) throws IOException {
        long now = System.nanoTime();
        if (now - lastErrorLog >= ERROR_LOG_INTERVAL) {
            lastErrorLog = now;
            log.error("cannot accept connections on {}: {} ({} open); retrying", getLocalSocketAddress(),
                    error.getMessage(), slots.open());
        }
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while accepting", e);
        }
    }
}
