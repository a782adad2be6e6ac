package org.eventdispatcher.connection;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/** An accepted socket that gives its {@link ConnectionSlots} slot back when closed. */
final class CountedSocket extends java.net.Socket {

    private final ConnectionSlots slots;
    private final AtomicBoolean released = new AtomicBoolean();

    CountedSocket(ConnectionSlots slots) {
        this.slots = slots;
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            release();
        }
    }

    void release() {
        if (released.compareAndSet(false, true)) {
            slots.release();
        }
    }
}
