package org.eventdispatcher.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eventdispatcher.testing.ports.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Many clients on one host: the management port goes to the first, the others take any free port
 * instead of failing to start.
 */
class ManagementPortFallbackTest {

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void theFirstClientGetsThePortAndTheSecondAnyOther() throws IOException {
        int port = FreePorts.tcp();

        int first = managementPort(startClient(port));
        int second = managementPort(startClient(port));

        assertThat(first).isEqualTo(port);
        assertThat(second).isPositive().isNotEqualTo(port);
    }

    @Test
    void aPortTakenByAnotherProgramIsLeftAlone() throws IOException {
        ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        toClose.add(other);

        int port = managementPort(startClient(other.getLocalPort()));

        assertThat(port).isPositive().isNotEqualTo(other.getLocalPort());
    }

    @Test
    void theClaimIsLetGoWhenTheClientStops() throws IOException {
        int port = FreePorts.tcp();
        ConfigurableApplicationContext first = startClient(port);
        assertThat(managementPort(first)).isEqualTo(port);

        first.close();

        assertThat(managementPort(startClient(port))).isEqualTo(port);
    }

    /**
     * Clients are processes: the lock must hold against another JVM for as long as its holder runs.
     * (A POSIX record lock is dropped when its process closes any descriptor of the file, which reading
     * the file back through its path once did, so every client started at once took the port.)
     */
    @Test
    void aPortClaimedByAnotherProcessIsLeftToIt() throws Exception {
        int port = FreePorts.tcp();
        Process holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        ClaimHolder.class.getName(),
                        "127.0.0.1",
                        String.valueOf(port))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        toClose.add(() -> {
            holder.getOutputStream().close();
            if (!holder.waitFor(10, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        });
        BufferedReader said =
                new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.US_ASCII));
        assertThat(said.readLine()).isEqualTo("held");

        assertThat(ManagementPortFallback.Claim.take("127.0.0.1", port))
                .as("claim while another process holds it")
                .isNull();
        assertThat(managementPort(startClient(port))).isPositive().isNotEqualTo(port);
    }

    private ConfigurableApplicationContext startClient(int managementPort) throws IOException {
        ConfigurableApplicationContext client = new SpringApplicationBuilder(ClientApplication.class)
                .run(
                        "--eventdispatcher.client.server=127.0.0.1:"
                                + FreePorts.tcp(), // nobody answers: it keeps trying
                        "--eventdispatcher.daemon.exit-jvm=false",
                        "--eventdispatcher.log-rotate.listen=127.0.0.1:0",
                        "--management.server.port=" + managementPort);
        toClose.add(client);
        return client;
    }

    private static int managementPort(ConfigurableApplicationContext client) {
        return client.getBean(ListeningAddresses.class).managementPort();
    }
}
