package org.eventdispatcher.testing.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.Test;

/** The fixture starts a node that speaks AMQP, restarts it on the same port, and leaves nothing behind. */
class RabbitNodeTest {

    @Test
    void aNodeAnswersAmqpAndComesBackOnItsPortAfterARestart() throws IOException {
        int port;
        try (RabbitNode node = RabbitNode.start()) {
            port = node.amqpPort();
            assertThat(node.uri()).isEqualTo("amqp://guest:guest@127.0.0.1:" + port + "/");
            assertConnectionStart(port);

            node.restart();
            assertThat(node.amqpPort()).isEqualTo(port);
            assertConnectionStart(port);
        }
        try (Socket socket = new Socket()) {
            assertThat(catchConnect(socket, port)).as("nothing listens once closed").isInstanceOf(ConnectException.class);
        }
    }

    private static Exception catchConnect(Socket socket, int port) {
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    /** The header of AMQP 0-9-1; the answer is a method frame on channel 0: Connection.Start (class 10, method 10). */
    private static void assertConnectionStart(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(new byte[] { 'A', 'M', 'Q', 'P', 0, 0, 9, 1 });
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertThat(in.readUnsignedByte()).as("frame type: method").isEqualTo(1);
            assertThat(in.readUnsignedShort()).as("channel").isZero();
            in.readInt(); // payload size
            assertThat(in.readUnsignedShort()).as("class: connection").isEqualTo(10);
            assertThat(in.readUnsignedShort()).as("method: start").isEqualTo(10);
        }
    }
}
