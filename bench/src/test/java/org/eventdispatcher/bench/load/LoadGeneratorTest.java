package org.eventdispatcher.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.eventdispatcher.bench.baseline.BaselineServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Short runs against the baseline server over loopback: the generator's counting, not speed. */
class LoadGeneratorTest {

    private static BaselineServer server;

    @BeforeAll
    static void start() throws IOException {
        server = BaselineServer.start(new InetSocketAddress("127.0.0.1", 0), 2);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void conversationModeCountsWholeConversationsWithoutErrors() throws Exception {
        // until 40 conversations, however long a loaded machine takes; the bound of 10 min is past the
        // test's own timeout (5 min): a run that did not end at the 40th would fail the test, not pass
        LoadReport report = ConversationLoad.run(LoadOptions.parse(
                "--target",
                "127.0.0.1:" + server.port(),
                "--mode",
                "conversation",
                "--clients",
                "4",
                "--client-threads",
                "2",
                "--conversations",
                "40",
                "--seconds",
                "600",
                "--warmup",
                "0"));

        assertThat(report.errors().total()).isZero();
        assertThat(report.figure("conversations")).isEqualTo("40");
        assertThat(report.resultLine())
                .startsWith("RESULT mode=conversation clients=4 ")
                .contains(" conversations=40 ")
                .contains(" p99_ms=")
                .endsWith(" errors=0");
    }

    @Test
    void pipelinedModeCountsRoundTripsWithoutErrors() throws Exception {
        LoadReport report = PipelinedLoad.run(options("--mode", "pipelined", "--connections", "2", "--window", "100"));

        assertThat(report.errors().total()).isZero();
        assertThat(Long.parseLong(report.figure("round_trips"))).isPositive();
    }

    @Test
    void idleModeHoldsConnectionsAndReadsTheServersMemory() throws Exception {
        long self = ProcessHandle.current().pid(); // the baseline server runs in this JVM
        LoadReport report =
                IdleLoad.run(options("--mode", "idle", "--connections", "50", "--server-pid", Long.toString(self)));

        assertThat(report.errors().total()).isZero();
        assertThat(report.figure("open")).isEqualTo("50");
        assertThat(Long.parseLong(report.figure("rss_hold_kb"))).isPositive();
    }

    @Test
    void countsAWrongReplyAsAnErrorAndStillEnds() throws Exception {
        try (ServerSocket wrong = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                while (!wrong.isClosed()) {
                    try (Socket peer = wrong.accept()) {
                        peer.getOutputStream().write("HI\nNOPE\n".getBytes(StandardCharsets.US_ASCII));
                        peer.getInputStream().read(); // DAD
                    } catch (IOException closed) {
                        // the server socket was closed, or the client gave up
                    }
                }
            });
            answering.start();
            LoadReport report = ConversationLoad.run(LoadOptions.parse(
                    "--target",
                    "127.0.0.1:" + wrong.getLocalPort(),
                    "--clients",
                    "1",
                    "--seconds",
                    "0.3",
                    "--warmup",
                    "0",
                    "--timeout-ms",
                    "2000"));
            wrong.close();
            answering.join(5000);

            assertThat(report.figure("conversations")).isEqualTo("0");
            assertThat(report.errors().total()).isPositive();
            assertThat(report.summary())
                    .contains("unexpected_reply=")
                    .contains("expected \"CLIMB\\n\", got \"NOPE\\n\"");
            assertThat(report.anySuccess()).isFalse();
        }
    }

    @Test
    void rejectsABadCommandLine() {
        assertThatThrownBy(() -> LoadOptions.parse("--clients", "0")).isInstanceOf(LoadOptions.UsageException.class);
        assertThatThrownBy(() -> LoadOptions.parse("--target", "nowhere"))
                .isInstanceOf(LoadOptions.UsageException.class);
        assertThatThrownBy(() -> LoadOptions.parse("--mode", "sideways"))
                .isInstanceOf(LoadOptions.UsageException.class);
        assertThatThrownBy(() -> LoadOptions.parse("--seconds")).isInstanceOf(LoadOptions.UsageException.class);
        assertThatThrownBy(() -> LoadOptions.parse("--conversations", "-1"))
                .isInstanceOf(LoadOptions.UsageException.class);
        assertThatThrownBy(() -> LoadOptions.parse("--mode", "pipelined", "--conversations", "5"))
                .isInstanceOf(LoadOptions.UsageException.class);
    }

    private static LoadOptions options(String... modeArgs) {
        String[] args = new String[modeArgs.length + 6];
        System.arraycopy(modeArgs, 0, args, 0, modeArgs.length);
        System.arraycopy(
                new String[] {"--target", "127.0.0.1:" + server.port(), "--seconds", "0.3", "--warmup", "0.1"},
                0,
                args,
                modeArgs.length,
                6);
        return LoadOptions.parse(args);
    }
}
