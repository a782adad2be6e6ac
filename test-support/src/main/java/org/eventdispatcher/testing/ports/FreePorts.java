package org.eventdispatcher.testing.ports;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports that are free now, for a test's servers and for addresses nothing listens on.
 * They are taken below the kernel's ephemeral range (Linux: from 32768): a client that connects
 * again and again to a port nobody listens on must never be given that very port as its own local
 * port, or its socket connects to itself (TCP simultaneous open) and holds the port that a server
 * started later needs.
 */
public final class FreePorts {

    public static final String HOST = "127.0.0.1";
    private static final int FIRST = 20_000;
    private static final int EPHEMERAL = 32_768;

    private FreePorts() {}

    /** A TCP port free on 127.0.0.1 now. */
    public static int tcp() {
        return find(false);
    }

    /** A port free on 127.0.0.1 now for both TCP and UDP (a daemon's TCP and log-rotate listeners). */
    public static int tcpAndUdp() {
        return find(true);
    }

    private static int find(boolean udpToo) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, EPHEMERAL);
            try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getByName(HOST));
                    DatagramSocket udp = udpToo ? new DatagramSocket(new InetSocketAddress(HOST, port)) : null) {
                return port;
            } catch (IOException e) {
                // taken: try another
            }
        }
        throw new IllegalStateException("no free loopback port between " + FIRST + " and " + EPHEMERAL);
    }
}
