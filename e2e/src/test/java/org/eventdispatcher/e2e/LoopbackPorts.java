package org.eventdispatcher.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.eventdispatcher.testing.ports.FreePorts;

/** Free loopback ports for daemons started by a test, and a check that a port is listening. */
final class LoopbackPorts {

    static final String HOST = FreePorts.HOST;

    private LoopbackPorts() {}

    /** A port free for both TCP and UDP right now, below the kernel's ephemeral range ({@link FreePorts}). */
    static int free() {
        return FreePorts.tcpAndUdp();
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
