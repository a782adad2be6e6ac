package org.eventdispatcher.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eventdispatcher.tcp.server.ListeningServer;
import org.eventdispatcher.testing.lines.LineClient;
import org.eventdispatcher.testing.lines.UnixSocketLineClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * server-service on TCP and on a Unix-domain socket at once: the same conversation on both; over
 * the socket the stop rule knows the peer's user from the kernel, so another user is refused QUIT
 * while root is obeyed; and QUIT takes the socket file away with the daemon.
 */
class UnixSocketTest {

    private static final int NOBODY = 65534;

    @TempDir
    Path directory;

    private Path socket;

    @BeforeEach
    void socketReachableByAnyUser() throws IOException {
        // the probe runs as nobody: it must reach the file (0666 below) through the directory
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        socket = directory.resolve("server.sock");
    }

    @Test
    void theConversationIsTheSameOverTcpAndTheUnixSocketOfOneDaemon() throws Exception {
        ConfigurableApplicationContext context = start();
        try (LineClient tcp =
                        new LineClient(context.getBean(ListeningServer.class).getPort());
                UnixSocketLineClient unix = new UnixSocketLineClient(socket)) {
            assertThat(tcp.readLine()).isEqualTo("HI");
            assertThat(unix.readLine()).isEqualTo("HI");
            for (Asker peer : new Asker[] {tcp::ask, unix::ask}) {
                assertThat(peer.ask("DAD")).isEqualTo("CLIMB");
                assertThat(peer.ask("TOP")).isEqualTo("WHO");
                assertThat(peer.ask("MOM")).isEqualTo("BYE");
            }
        } finally {
            context.close();
        }
    }

    @Test
    void anotherUserIsRefusedQuitOverTheSocketWhileRootIsObeyedAndTheFileGoes() throws Exception {
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"), "setpriv needs root");
        assumeTrue(
                onPath("setpriv") && onPath("socat"), "the probe needs setpriv and socat (./run-tests installs socat)");
        ConfigurableApplicationContext context = start();
        try {
            assertThat(asNobody("QUIT"))
                    .isEqualTo("HI\nINVALID command=QUIT;message=not allowed from uid " + NOBODY + " (gid " + NOBODY
                            + ")\n");
            assertThat(context.isActive()).isTrue();

            try (UnixSocketLineClient root = new UnixSocketLineClient(socket)) {
                assertThat(root.readLine()).isEqualTo("HI");
                root.send("QUIT");
                assertThat(root.closedByPeer()).isTrue();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> !context.isActive());
            assertThat(socket).doesNotExist();
        } finally {
            context.close();
        }
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }

    /** What the daemon answers a process running as nobody that sends {@code line} over the socket, then closes its side. */
    private String asNobody(String line) throws Exception {
        Process probe = new ProcessBuilder(
                        "setpriv",
                        "--reuid=" + NOBODY,
                        "--regid=" + NOBODY,
                        "--clear-groups",
                        "socat",
                        "-t5", // after our side ends, the daemon's answer gets this long
                        "-",
                        "UNIX-CONNECT:" + socket)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (OutputStream in = probe.getOutputStream()) {
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(probe.waitFor(10, TimeUnit.SECONDS)).as("the probe ends").isTrue();
        return new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface Asker {
        String ask(String line) throws IOException;
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ServerApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--eventdispatcher.server.listen=127.0.0.1:0, unix:" + socket,
                        "--eventdispatcher.server.unix.mode=0666",
                        "--eventdispatcher.daemon.exit-jvm=false",
                        "--eventdispatcher.log-rotate.enabled=false");
    }
}
