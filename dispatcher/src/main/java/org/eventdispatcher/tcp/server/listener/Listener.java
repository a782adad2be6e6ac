package org.eventdispatcher.tcp.server.listener;

import org.eventdispatcher.protocol.transport.UnixPath;
import org.eventdispatcher.tcp.tls.ServerTls;
import org.jspecify.annotations.Nullable;

/**
 * One listener as the server serves it: where, under which name, with TLS or not, and (on a Unix
 * socket) who may connect. The pipeline and each accepted connection read it; it is data, not a
 * second path for lines.
 *
 * @param address where, and its name
 * @param tls     TLS on its connections; null: plaintext (always on a Unix socket)
 * @param unix    the socket file's mode and group; unused on TCP
 */
public record Listener(ListenAddress address, @Nullable ServerTls tls, UnixAccess unix) {

    public Listener {
        if (tls != null && isUnix(address)) {
            throw new IllegalArgumentException(
                    address + ": TLS is for TCP listeners; a Unix socket has the file's mode");
        }
    }

    /** Empty when unnamed. */
    public String name() {
        return address.name();
    }

    public boolean isUnix() {
        return isUnix(address);
    }

    private static boolean isUnix(ListenAddress address) {
        return address.address() instanceof UnixPath;
    }

    @Override
    public String toString() {
        return address.toString();
    }
}
