package org.eventdispatcher.signal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eventdispatcher.protocol.transport.UnixPath;

/**
 * A Unix-domain stream socket to a daemon ({@code --server unix:/path}). Its channel is
 * non-blocking and waited on with a selector, the one way to give each wait a deadline: a Unix
 * socket has no read timeout. signal-cli reads and writes on one thread, so one selector serves both.
 */
final class UnixConnection implements DaemonConnection {

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final Duration writeTimeout;

    private UnixConnection(SocketChannel channel, Selector selector, Duration writeTimeout) throws IOException {
        this.channel = channel;
        this.selector = selector;
        this.key = channel.register(selector, 0);
        this.writeTimeout = writeTimeout;
    }

    /**
     * Connects within {@code timeout}: on Linux a Unix connect is done or refused at once.
     *
     * @throws ConnectException when no socket file is there, or no daemon listens on it
     */
    static UnixConnection open(UnixPath path, Duration timeout) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        Selector selector = null;
        try {
            channel.configureBlocking(false);
            selector = Selector.open();
            UnixConnection connection = new UnixConnection(channel, selector, timeout);
            if (!channel.connect(UnixDomainSocketAddress.of(path.path()))) {
                connection.await(SelectionKey.OP_CONNECT, System.nanoTime() + timeout.toNanos());
                channel.finishConnect();
            }
            return connection;
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (selector != null) {
                selector.close();
            }
            if (e instanceof SocketException
                    && !(e instanceof ConnectException)
                    && !Files.exists(Path.of(path.path()))) {
                throw new ConnectException("Connection refused: no socket file");
            }
            throw e;
        }
    }

    /** Writes all of it, or fails once the daemon has taken nothing for the write timeout. */
    @Override
    public void write(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long deadline = System.nanoTime() + writeTimeout.toNanos();
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
                await(SelectionKey.OP_WRITE, deadline);
            }
        }
    }

    @Override
    public int read(byte[] buffer, long deadlineNanos) throws IOException {
        ByteBuffer into = ByteBuffer.wrap(buffer);
        while (true) {
            int read = channel.read(into);
            if (read != 0) {
                return read;
            }
            await(SelectionKey.OP_READ, deadlineNanos);
        }
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public void close() {
        try {
            selector.close();
            channel.close();
        } catch (IOException e) {
            // nothing more to read or write on it
        }
    }

    private void await(int operation, long deadlineNanos) throws IOException {
        key.interestOps(operation);
        while (true) {
            long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                throw new SocketTimeoutException("deadline passed");
            }
            selector.selectedKeys().clear();
            if (selector.select(remainingMillis) > 0) {
                return;
            }
        }
    }
}
