package org.eventdispatcher.bench.baseline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * What one connection keeps between reads: the start of a line whose end has not arrived yet,
 * and output the socket could not take. Both stay null until needed, so an idle connection
 * costs only its channel and key.
 */
final class Connection {

    final SocketChannel channel;
    SelectionKey key;

    byte[] partial;
    int partialLength;

    /** Unwritten output in read mode (position = next byte to send), or null when all was sent. */
    ByteBuffer pending;

    Connection(SocketChannel channel) {
        this.channel = channel;
    }

    /** Returns false when the line would exceed the maximum length. */
    boolean appendPartial(ByteBuffer source, int from, int to) {
        int length = to - from;
        if (partialLength + length > ConversationLoop.MAX_LINE) {
            return false;
        }
        if (partial == null || partial.length < partialLength + length) {
            byte[] bigger = new byte[Math.max(partialLength + length, partial == null ? 256 : partial.length * 2)];
            if (partial != null) {
                System.arraycopy(partial, 0, bigger, 0, partialLength);
            }
            partial = bigger;
        }
        source.get(from, partial, partialLength, length);
        partialLength += length;
        return true;
    }

    void queue(ByteBuffer source) {
        if (pending == null) {
            pending = ByteBuffer.allocate(Math.max(source.remaining(), 8192)).flip();
        }
        pending.compact();
        if (pending.remaining() < source.remaining()) {
            ByteBuffer bigger =
                    ByteBuffer.allocate(Math.max(pending.capacity() * 2, pending.position() + source.remaining()));
            bigger.put(pending.flip());
            pending = bigger;
        }
        pending.put(source).flip();
    }

    /** Called when the socket is writable again; reading resumes once everything went out. */
    void writePending() throws IOException {
        channel.write(pending);
        if (!pending.hasRemaining()) {
            pending = null;
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    void close() {
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
