package org.eventdispatcher.testing.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The fixture starts a node that speaks AMQP, restarts it on the same port, and leaves nothing behind. */
class RabbitNodeTest {

    @Test
    void aNodeAnswersAmqpComesBackOnItsPortAfterARestartAndIsGoneOnceClosed() throws IOException {
        RabbitNode node = RabbitNode.start();
        int port = node.amqpPort();
        Path log = node.logFile();
        try {
            assertThat(node.isRunning()).isTrue();
            assertThat(node.host()).isEqualTo("127.0.0.1");
            assertThat(node.uri()).isEqualTo("amqp://guest:guest@127.0.0.1:" + port + "/");
            assertThat(node.springArguments())
                    .containsExactly(
                            "--spring.rabbitmq.host=127.0.0.1",
                            "--spring.rabbitmq.port=" + port,
                            "--spring.rabbitmq.username=guest",
                            "--spring.rabbitmq.password=guest");
            assertThat(log).isRegularFile();
            assertConnectionStart(port);

            node.restart();
            assertThat(node.amqpPort()).isEqualTo(port);
            assertThat(node.isRunning()).isTrue();
            assertConnectionStart(port);
        } finally {
            node.close();
        }

        assertThat(node.isRunning()).isFalse();
        assertThat(Files.exists(log.getParent())).as("its directory is deleted").isFalse();
        try (Socket socket = new Socket()) {
            assertThat(catchThrowable(() -> socket.connect(new InetSocketAddress("127.0.0.1", port), 2000)))
                    .as("nothing listens on %d once closed", port)
                    .isInstanceOf(ConnectException.class);
        }
    }

    /** The header of AMQP 0-9-1; the answer is a method frame on channel 0: Connection.Start (class 10, method 10). */
    private static void assertConnectionStart(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1});
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertThat(in.readUnsignedByte()).as("frame type: method").isEqualTo(1);
            assertThat(in.readUnsignedShort()).as("channel").isZero();
            assertThat(in.readInt()).as("payload size").isPositive();
            assertThat(in.readUnsignedShort()).as("class: connection").isEqualTo(10);
            assertThat(in.readUnsignedShort()).as("method: start").isEqualTo(10);
        }
    }
}
