package org.eventdispatcher.testing.lines;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A peer speaking lines over a Unix-domain stream socket (the JDK's own, Java 16+), for tests. The
 * JDK's Unix channel has no socket timeout, so every read and write waits on a selector, at most
 * {@link LineClient#READ_TIMEOUT_MILLIS}: a broken server fails the test instead of hanging it.
 */
public final class UnixSocketLineClient implements AutoCloseable {

    private final SocketChannel channel;
    private final Selector selector;
    private final ByteBuffer buffer = ByteBuffer.allocate(8192).flip();

    public UnixSocketLineClient(Path socket) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.configureBlocking(false);
            selector = Selector.open();
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    public UnixSocketLineClient send(String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            if (channel.write(bytes) == 0) {
                await(SelectionKey.OP_WRITE);
            }
        }
        return this;
    }

    /** The next line, without its end; null at end of stream. */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                if (b == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                line.write(b);
            }
            buffer.clear();
            int read = channel.read(buffer);
            if (read == 0) {
                await(SelectionKey.OP_READ);
                read = channel.read(buffer);
            }
            buffer.flip();
            if (read < 0) {
                return line.size() > 0 ? line.toString(StandardCharsets.UTF_8) : null;
            }
        }
    }

    /** Sends a line and reads the answer. */
    public String ask(String line) throws IOException {
        return send(line).readLine();
    }

    /** Reads until the other end closes; true when it did, false when it sent a line instead. */
    public boolean closedByPeer() throws IOException {
        try {
            return readLine() == null;
        } catch (IOException reset) {
            return !(reset instanceof SocketTimeoutException);
        }
    }

    private void await(int operation) throws IOException {
        SelectionKey key = channel.register(selector, operation);
        try {
            if (selector.select(LineClient.READ_TIMEOUT_MILLIS) == 0) {
                throw new SocketTimeoutException("nothing within " + LineClient.READ_TIMEOUT_MILLIS + " ms");
            }
            selector.selectedKeys().clear();
        } finally {
            key.interestOps(0);
        }
    }

    @Override
    public void close() throws IOException {
        try (selector) {
            channel.close();
        }
    }
}
