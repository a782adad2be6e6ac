package org.eventdispatcher.bench.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BaselineServerTest {

    private BaselineServer server;

    @BeforeEach
    void start() throws IOException {
        server = BaselineServer.start(new InetSocketAddress("127.0.0.1", 0), 2);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void greetsThenAnswersEveryLineOfOneWriteInOrder() throws IOException {
        try (Socket socket = connect()) {
            BufferedReader replies = replies(socket);
            assertThat(replies.readLine()).isEqualTo("HI");
            send(socket, "DAD\nTOP\n  MOM \r\n\nXYZ a=1\nHI\n");
            assertThat(replies.readLine()).isEqualTo("CLIMB");
            assertThat(replies.readLine()).isEqualTo("WHO");
            assertThat(replies.readLine()).isEqualTo("BYE");
            assertThat(replies.readLine()).isEqualTo("UNKNOWN command=XYZ");
            assertThat(replies.readLine()).isEqualTo("UNKNOWN command=HI");
        }
    }

    @Test
    void joinsALineSplitAcrossWrites() throws IOException {
        try (Socket socket = connect()) {
            BufferedReader replies = replies(socket);
            assertThat(replies.readLine()).isEqualTo("HI");
            send(socket, "D");
            send(socket, "A");
            send(socket, "D\nTO");
            send(socket, "P\n");
            assertThat(replies.readLine()).isEqualTo("CLIMB");
            assertThat(replies.readLine()).isEqualTo("WHO");
        }
    }

    @Test
    void closesAConnectionWhoseLineIsTooLongAndKeepsServingOthers() throws IOException {
        try (Socket flooder = connect();
                Socket other = connect()) {
            BufferedReader flooded = replies(flooder);
            assertThat(flooded.readLine()).isEqualTo("HI");
            send(flooder, "X".repeat(ConversationLoop.MAX_LINE + 1));
            assertThat(flooded.readLine()).isNull();

            BufferedReader replies = replies(other);
            assertThat(replies.readLine()).isEqualTo("HI");
            send(other, "DAD\n");
            assertThat(replies.readLine()).isEqualTo("CLIMB");
        }
    }

    @Test
    void answersEveryPipelinedRequestInOrderWhenTheClientReadsSlowerThanItWrites() throws Exception {
        int requests = 200_000;
        try (Socket socket = new Socket()) {
            // a small receive window makes the server hold back output and pause reading
            socket.setReceiveBufferSize(4096);
            socket.setSoTimeout(5000);
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
            Thread writer = new Thread(() -> {
                try {
                    send(socket, "DAD\n".repeat(requests));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            BufferedReader replies = replies(socket);
            assertThat(replies.readLine()).isEqualTo("HI");
            int climbs = 0;
            String line;
            while (climbs < requests && "CLIMB".equals(line = replies.readLine())) {
                climbs++;
            }
            assertThat(climbs).isEqualTo(requests);
            writer.join(5000);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(5000);
        return socket;
    }

    private static BufferedReader replies(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
