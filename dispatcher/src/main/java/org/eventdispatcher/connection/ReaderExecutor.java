package org.eventdispatcher.connection;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.springframework.integration.ip.tcp.connection.TcpConnection;

/**
 * Starts the reader of each connection. When no thread can be started (the process is out of
 * threads or memory), that connection is refused, not the accept loop ended: Spring Integration
 * closes the socket on a {@link RejectedExecutionException} and keeps accepting, but an
 * {@link OutOfMemoryError} from {@code Thread.start} would end its accept thread.
 *
 * <p>It is not shut down with the server: idle pooled threads end on their own after a minute,
 * and waking thousands of them at once when the daemon stops delays its exit by seconds
 * (measured with 10 000 connections on Java 17).
 */
final class ReaderExecutor implements Executor {

    private final Executor threads;

    ReaderExecutor(Executor threads) {
        this.threads = threads;
    }

    @Override
    public void execute(Runnable reader) {
        try {
            threads.execute(reader);
        } catch (OutOfMemoryError e) {
            if (reader instanceof TcpConnection connection) {
                connection.close(); // forgotten everywhere it was registered, its slot given back
            }
            throw new RejectedExecutionException("no thread for a new connection: " + e.getMessage(), e);
        }
    }
}
