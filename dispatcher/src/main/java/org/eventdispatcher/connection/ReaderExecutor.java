package org.eventdispatcher.connection;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import org.springframework.integration.ip.tcp.connection.TcpConnection;

/**
 * Starts the reader of each connection. When no thread can be started (the process is out of
 * threads or memory), that connection is refused, not the accept loop ended: Spring Integration
 * closes the socket on a {@link RejectedExecutionException} and keeps accepting, but an
 * {@link OutOfMemoryError} from {@code Thread.start} would end its accept thread.
 */
final class ReaderExecutor implements Executor, AutoCloseable {

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

    /** Lets idle pooled threads end with the server. */
    @Override
    public void close() throws Exception {
        if (threads instanceof ExecutorService service) {
            service.shutdown();
        } else if (threads instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
