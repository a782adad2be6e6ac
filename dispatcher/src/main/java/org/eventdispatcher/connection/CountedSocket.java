package org.eventdispatcher.connection;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;

/** An accepted socket that, once admitted, gives its {@link ConnectionSlots} slot back when closed. */
final class CountedSocket extends Socket {

    private final ConnectionSlots slots;
    private final AtomicBoolean holdsSlot = new AtomicBoolean();

    CountedSocket(ConnectionSlots slots) {
        this.slots = slots;
    }

    /** Takes a slot; false when all are taken. */
    boolean admit() {
        if (!slots.tryAcquire()) {
            return false;
        }
        holdsSlot.set(true);
        return true;
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            if (holdsSlot.compareAndSet(true, false)) {
                slots.release();
            }
        }
    }
}
