package org.eventdispatcher.e2e;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ThreadLocalRandom;

/** Free loopback ports for daemons started by a test, and a check that a port is listening. */
final class LoopbackPorts {

    static final String HOST = "127.0.0.1";
    private static final int FIRST = 20_000;
    private static final int EPHEMERAL = 32_768;

    private LoopbackPorts() {
    }

    /**
     * A port that is free for both TCP and UDP right now, below the kernel's ephemeral range
     * (Linux: from 32768): a test that connects again and again to a daemon it restarts must
     * never be given the daemon's own port as a local port, or the socket connects to itself
     * (TCP simultaneous open) and holds the port the daemon is about to bind.
     */
    static int free() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, EPHEMERAL);
            try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getByName(HOST));
                 DatagramSocket udp = new DatagramSocket(new InetSocketAddress(HOST, port))) {
                return port;
            } catch (IOException e) {
                // taken: try another
            }
        }
        throw new IllegalStateException("no free loopback port found between " + FIRST + " and " + EPHEMERAL);
    }

    static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
