package org.eventdispatcher.connection;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;

/** Bytes waiting to be written to a socket; grows as needed. Guarded by its connection's lock. */
final class OutputBuffer extends OutputStream {

    private static final int INITIAL_CAPACITY = 256;
    private static final int KEEP_AT_MOST = 64 * 1024;

    private byte[] bytes = new byte[0];
    private int count;

    @Override
    public void write(int b) {
        ensure(1);
        bytes[count++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, count, length);
        count += length;
    }

    int size() {
        return count;
    }

    /** Writes everything to {@code target} and empties the buffer. */
    void drainTo(OutputStream target) throws IOException {
        if (count == 0) {
            return;
        }
        target.write(bytes, 0, count);
        count = 0;
        if (bytes.length > KEEP_AT_MOST) {
            bytes = new byte[INITIAL_CAPACITY]; // one huge reply should not pin its buffer
        }
    }

    /**
     * Writes what a non-blocking channel takes now and keeps the rest.
     *
     * @return the number of bytes written
     */
    int writeTo(WritableByteChannel channel) throws IOException {
        if (count == 0) {
            return 0;
        }
        int written = channel.write(ByteBuffer.wrap(bytes, 0, count));
        count -= written;
        if (count > 0) {
            System.arraycopy(bytes, written, bytes, 0, count);
        } else if (bytes.length > KEEP_AT_MOST) {
            bytes = new byte[INITIAL_CAPACITY];
        }
        return written;
    }

    private void ensure(int more) {
        int needed = count + more;
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, Math.max(INITIAL_CAPACITY, bytes.length * 2)));
        }
    }
}
