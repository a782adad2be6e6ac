package org.eventdispatcher.signal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * One stream connection to a daemon, as {@link TcpDelivery} uses it, whatever carries it: a TCP
 * socket (under TLS or not, {@link Tcp}) or a Unix-domain socket ({@link UnixConnection}).
 */
interface DaemonConnection extends AutoCloseable {

    void write(byte[] bytes) throws IOException;

    /**
     * Reads what the daemon sent, waiting until {@code deadlineNanos} ({@link System#nanoTime()}) at
     * most.
     *
     * @return how many bytes, at least one; -1 once the daemon closed
     * @throws SocketTimeoutException when the deadline passes first
     */
    int read(byte[] buffer, long deadlineNanos) throws IOException;

    /** Our side is done: the daemon reads our line, then the end of the stream (over TLS: close_notify). */
    void shutdownOutput() throws IOException;

    /** Closes without a word: nothing more is read or written on it. */
    @Override
    void close();

    /** A TCP socket, or the TLS socket layered on one. */
    record Tcp(Socket socket) implements DaemonConnection {

        @Override
        public void write(byte[] bytes) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        }

        @Override
        public int read(byte[] buffer, long deadlineNanos) throws IOException {
            long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                throw new SocketTimeoutException("deadline passed");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMillis));
            InputStream in = socket.getInputStream();
            return in.read(buffer);
        }

        @Override
        public void shutdownOutput() throws IOException {
            try {
                socket.shutdownOutput();
            } catch (UnsupportedOperationException e) {
                // a TLS socket of a JDK that cannot half-close: the daemon sees the close instead
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing more to read or write on it
            }
        }
    }
}
