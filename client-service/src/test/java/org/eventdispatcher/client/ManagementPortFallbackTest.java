package org.eventdispatcher.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

        assertThat(lockFile(port)).exists();

        first.close();

        assertThat(lockFile(port)).as("no lock file left behind").doesNotExist();
        assertThat(managementPort(startClient(port))).isEqualTo(port);
    }

    private static Path lockFile(int port) {
        return Path.of(System.getProperty("java.io.tmpdir"), "eventdispatcher-management-127.0.0.1-" + port + ".lock");
    }

    private ConfigurableApplicationContext startClient(int managementPort) throws IOException {
        ConfigurableApplicationContext client = new SpringApplicationBuilder(ClientApplication.class).run(
                "--eventdispatcher.client.server=127.0.0.1:" + FreePorts.tcp(), // nobody answers: it keeps trying
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
