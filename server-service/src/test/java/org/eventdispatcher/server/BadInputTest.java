package org.eventdispatcher.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Random;
import org.eventdispatcher.connection.ConnectionRegistry;
import org.eventdispatcher.protocol.transport.LineRules;
import org.eventdispatcher.tcp.server.ListeningServer;
import org.eventdispatcher.testing.lines.LineClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Bad peers, each followed by a conversation that still works and a check that no connection
 * was left behind.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "eventdispatcher.server.listen=127.0.0.1:0",
            "eventdispatcher.daemon.exit-jvm=false",
            "eventdispatcher.log-rotate.enabled=false"
        })
class BadInputTest {

    @Autowired
    ListeningServer server;

    @Autowired
    ConnectionRegistry connections;

    @AfterEach
    void everyoneElseIsStillServedAndNothingLeaks() throws Exception {
        try (LineClient client = new LineClient(server.getPort())) {
            assertThat(client.readLine()).isEqualTo("HI");
            assertThat(client.ask("DAD")).isEqualTo("CLIMB");
            assertThat(client.ask("MOM")).isEqualTo("BYE");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.slots().open() == 0);
        assertThat(connections.size()).isZero();
        assertThat(server.getOpenConnectionIds()).isEmpty();
    }

    @Test
    void aLineLongerThanTheMaximumIsAnsweredInvalidAndEndsThatConnection() throws Exception {
        try (LineClient client = new LineClient(server.getPort())) {
            assertThat(client.readLine()).isEqualTo("HI");
            client.write("DAD".repeat(LineRules.DEFAULT_MAX_LENGTH / 3 + 2) + "\n");
            assertThat(client.readLine())
                    .isEqualTo("INVALID message=LINE_TOO_LONG: line longer than 65536 bytes, connection closed");
            assertThat(client.closedByPeer()).isTrue();
        }
    }

    @Test
    void aLineOfExactlyTheMaximumIsAccepted() throws Exception {
        try (LineClient client = new LineClient(server.getPort())) {
            client.readLine();
            String line = "DAD padding=" + "x".repeat(LineRules.DEFAULT_MAX_LENGTH - "DAD padding=".length());
            client.write(line + "\r\n");
            assertThat(client.readLine()).isEqualTo("CLIMB");
        }
    }

    @Test
    void unparseableLinesAreAnsweredInvalidAndTheConnectionStaysOpen() throws Exception {
        try (LineClient client = new LineClient(server.getPort())) {
            client.readLine();
            assertThat(client.ask("DAD a b")).startsWith("INVALID message=");
            assertThat(client.ask("<no colon DAD")).startsWith("INVALID message=BAD_SENT_FROM");
            assertThat(client.ask("DAD")).isEqualTo("CLIMB");
        }
    }

    @Test
    void binaryGarbageIsAnsweredAndSurvived() throws Exception {
        ByteArrayOutputStream garbage = new ByteArrayOutputStream();
        for (int b = 0; b < 256; b++) {
            if (b != '\n') {
                garbage.write(b);
            }
        }
        garbage.write('\n');
        try (LineClient client = new LineClient(server.getPort())) {
            client.readLine();
            client.write(garbage.toByteArray());
            assertThat(client.readLine()).startsWith("INVALID message=INVALID_CHARACTER");
            Random random = new Random(4);
            byte[] noise = new byte[4096];
            random.nextBytes(noise);
            int lines = 0;
            for (byte b : noise) {
                lines += b == '\n' ? 1 : 0;
            }
            client.write(noise).write("\nDAD\n");
            String reply = client.readLine();
            for (int i = 0; i <= lines && !"CLIMB".equals(reply); i++) {
                assertThat(reply).matches("(INVALID|UNKNOWN) .*");
                reply = client.readLine();
            }
            assertThat(reply).isEqualTo("CLIMB");
        }
    }

    @Test
    void resetsAreSurvived() throws Exception {
        new LineClient(server.getPort()).reset(); // before the greeting could be read
        LineClient midLine = new LineClient(server.getPort());
        midLine.readLine();
        midLine.write("DA");
        midLine.reset();
        LineClient midReply = new LineClient(server.getPort());
        midReply.write("HELP\n".repeat(1000));
        midReply.reset();
    }

    @Test
    void aHalfClosedPeerGetsItsRepliesThenTheConnectionCloses() throws Exception {
        try (LineClient client = new LineClient(server.getPort())) {
            client.send("DAD");
            client.socket().shutdownOutput();
            assertThat(client.readLine()).isEqualTo("HI");
            assertThat(client.readLine()).isEqualTo("CLIMB");
            assertThat(client.closedByPeer()).isTrue();
        }
    }

    @Test
    void aPeerThatClosesMidLineIsForgotten() throws Exception {
        try (LineClient client = new LineClient(server.getPort())) {
            client.readLine();
            client.write("DAD\nTO");
            assertThat(client.readLine()).isEqualTo("CLIMB");
        }
    }

    @Test
    void silentPeersDoNotHoldUpOthers() throws Exception {
        try (LineClient silent = new LineClient(server.getPort());
                LineClient talker = new LineClient(server.getPort())) {
            assertThat(talker.readLine()).isEqualTo("HI");
            assertThat(talker.ask("TOP")).isEqualTo("WHO");
            assertThat(silent.readLine()).isEqualTo("HI");
        }
    }
}
