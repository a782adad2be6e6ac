package org.eventdispatcher.logrotate;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

/** A UDP sender on 127.0.0.1 that can also tell whether anything was sent back to it. */
final class Datagrams implements AutoCloseable {

    private final DatagramChannel channel;
    private final InetSocketAddress target;

    Datagrams(int port) throws IOException {
        channel = DatagramChannel.open(StandardProtocolFamily.INET);
        channel.bind(new InetSocketAddress("127.0.0.1", 0));
        channel.configureBlocking(false);
        target = new InetSocketAddress("127.0.0.1", port);
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        channel.send(ByteBuffer.wrap(bytes), target);
    }

    /** Whatever is waiting on this socket now, without waiting; null when nothing is. */
    String received() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        if (channel.receive(buffer) == null) {
            return null;
        }
        buffer.flip();
        return StandardCharsets.UTF_8.decode(buffer).toString();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
