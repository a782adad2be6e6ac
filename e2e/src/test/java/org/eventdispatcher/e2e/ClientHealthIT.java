package org.eventdispatcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client's readiness, read over HTTP as an operator would, follows the server coming up. */
class ClientHealthIT {

    @RegisterExtension
    final Processes processes = new Processes();

    @Test
    void readinessGoesFromDisconnectedToConnectedAsTheServerComesUp() {
        int port = LoopbackPorts.free();
        int management = LoopbackPorts.free();
        DaemonProcess client = Daemons.client(
                processes, "client", port, "--conversations", "0", "--management.server.port=" + management);
        List<String> seen = new CopyOnWriteArrayList<>();

        await("client waiting for its server")
                .atMost(Daemons.START)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> record(seen, management, "/actuator/health/readiness")
                        .matches("503 .*\"state\":\"(DISCONNECTED|CONNECTING)\".*"));
        assertThat(Management.get(management, "/actuator/health/liveness")).startsWith("200 ");

        Daemons.server(processes, port, LoopbackPorts.free());
        await("client connected")
                .atMost(Daemons.START)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> record(seen, management, "/actuator/health/readiness")
                        .matches("200 .*\"state\":\"CONNECTED\".*"));
        assertThat(seen)
                .filteredOn(answer -> answer.startsWith("503"))
                .first()
                .asString()
                .contains("\"server\":\"127.0.0.1:" + port + "\"");
        assertThat(client.isAlive()).isTrue();
    }

    private String record(List<String> seen, int port, String path) {
        String answer = Management.get(port, path);
        seen.add(answer);
        return answer;
    }
}
