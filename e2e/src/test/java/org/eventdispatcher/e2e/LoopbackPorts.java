package org.eventdispatcher.e2e;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Free loopback ports for daemons started by a test, and a check that a port is listening. */
final class LoopbackPorts {

    static final String HOST = "127.0.0.1";

    private LoopbackPorts() {
    }

    /** A port that is free for both TCP and UDP right now. */
    static int free() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                 DatagramSocket udp = new DatagramSocket(new InetSocketAddress(HOST, tcp.getLocalPort()))) {
                return tcp.getLocalPort();
            } catch (IOException e) {
                // the UDP side was taken: try another
            }
        }
        throw new IllegalStateException("no free loopback port found");
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
