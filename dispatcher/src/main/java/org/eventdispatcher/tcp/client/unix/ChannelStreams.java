package org.eventdispatcher.tcp.client.unix;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A blocking socket channel's two directions as streams that never wait for each other. Not
 * {@code Channels.newInputStream} / {@code newOutputStream}: on Java 17 both take the channel's
 * blocking lock for each call, so a write would wait for the read under way, that is for the server
 * to say something. The channel itself reads and writes under locks of their own.
 */
final class ChannelStreams {

    private ChannelStreams() {}

    /** Reads what the channel has, at least one byte, waiting for it; -1 at the end of the stream. */
    static InputStream input(SocketChannel channel, Closeable owner) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                return length == 0 ? 0 : channel.read(ByteBuffer.wrap(bytes, offset, length));
            }

            @Override
            public void close() throws IOException {
                owner.close(); // as a Socket's stream: closing it closes the socket
            }
        };
    }

    /** Writes everything it is given, waiting for room in the socket's buffer. */
    static OutputStream output(SocketChannel channel, Closeable owner) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }

            @Override
            public void close() throws IOException {
                owner.close();
            }
        };
    }
}
