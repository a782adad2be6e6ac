package org.eventdispatcher.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eventdispatcher.tcp.server.ListeningServer;
import org.eventdispatcher.testing.lines.LineClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The example conversation against the real application, over loopback sockets. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "eventdispatcher.server.listen=127.0.0.1:0",
            "eventdispatcher.daemon.exit-jvm=false",
            "eventdispatcher.log-rotate.enabled=false"
        })
class ConversationTest {

    @Autowired
    ListeningServer server;

    @Test
    void greetsThenAnswersEachCommand() throws Exception {
        try (LineClient client = new LineClient(server.getPort())) {
            assertThat(client.readLine()).isEqualTo("HI");
            assertThat(client.ask("DAD")).isEqualTo("CLIMB");
            assertThat(client.ask("TOP")).isEqualTo("WHO");
            assertThat(client.ask("MOM")).isEqualTo("BYE");
        }
    }

    @Test
    void builtInsAndUnknownCommandsAreAnswered() throws Exception {
        try (LineClient client = new LineClient(server.getPort())) {
            client.readLine();
            assertThat(client.ask("HELP"))
                    .isEqualTo("COMMANDS list=ALIVE,DAD,HELP,INVALID,LEAK,MOM,QUIT,QUITTING,"
                            + "READY,RESTART,SERVICE_UNAVAILABLE,STOP,TOP,UNKNOWN");
            assertThat(client.ask("HI")).isEqualTo("UNKNOWN command=HI");
            assertThat(client.ask("ALIVE serial=7"))
                    .startsWith("ABSOLUTELY reply_timestamp=")
                    .endsWith(";serial=7");
        }
    }

    @Test
    void repliesAreTheBareCommandsByteForByte() throws Exception {
        try (LineClient client = new LineClient(server.getPort())) {
            byte[] expected = "HI\nCLIMB\nWHO\nBYE\n".getBytes();
            client.write("DAD\nTOP\nMOM\n");
            byte[] received = client.socket().getInputStream().readNBytes(expected.length);
            assertThat(received).isEqualTo(expected);
        }
    }

    @Test
    void carriageReturnBeforeTheLineFeedIsDropped() throws Exception {
        try (LineClient client = new LineClient(server.getPort())) {
            client.readLine();
            client.write("DAD\r\n");
            assertThat(client.readLine()).isEqualTo("CLIMB");
            client.write("TOP \t\r\n");
            assertThat(client.readLine()).isEqualTo("WHO");
        }
    }

    @Test
    void twoLinesInOneSegmentAndOneLineInSeveral() throws Exception {
        try (LineClient client = new LineClient(server.getPort())) {
            client.readLine();
            client.write("DAD\nTOP\n");
            assertThat(client.readLine()).isEqualTo("CLIMB");
            assertThat(client.readLine()).isEqualTo("WHO");
            client.write("M").write("O").write("M").write("\r").write("\n");
            assertThat(client.readLine()).isEqualTo("BYE");
        }
    }

    @Test
    void manyPipelinedRequestsAreAnsweredInOrder() throws Exception {
        int pairs = 20_000;
        try (LineClient client = new LineClient(server.getPort())) {
            client.readLine();
            Thread writer = new Thread(() -> {
                try {
                    client.write("DAD\nTOP\n".repeat(pairs));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            for (int i = 0; i < pairs; i++) {
                assertThat(client.readLine()).as("reply %d", 2 * i).isEqualTo("CLIMB");
                assertThat(client.readLine()).as("reply %d", 2 * i + 1).isEqualTo("WHO");
            }
            writer.join(LineClient.READ_TIMEOUT_MILLIS);
        }
    }

    @Test
    void aPeerThatSendsABurstAndHalfClosesGetsEveryReplyThenTheEnd() throws Exception {
        int requests = 200_000;
        try (LineClient client = new LineClient(server.getPort())) {
            Thread writer = new Thread(() -> {
                try {
                    client.write("DAD\n".repeat(requests));
                    client.socket().shutdownOutput();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            assertThat(client.readLine()).isEqualTo("HI");
            for (int i = 0; i < requests; i++) {
                assertThat(client.readLine()).as("reply %d", i).isEqualTo("CLIMB");
            }
            assertThat(client.closedByPeer()).isTrue();
            writer.join(LineClient.READ_TIMEOUT_MILLIS);
        }
    }

    @Test
    void twoHundredConversationsAtOnce() throws Exception {
        int clients = 200;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Callable<List<String>>> conversations = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                conversations.add(() -> {
                    try (LineClient client = new LineClient(server.getPort())) {
                        return List.of(client.readLine(), client.ask("DAD"), client.ask("TOP"), client.ask("MOM"));
                    }
                });
            }
            for (Future<List<String>> heard : pool.invokeAll(conversations)) {
                assertThat(heard.get()).containsExactly("HI", "CLIMB", "WHO", "BYE");
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
