package org.eventdispatcher.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eventdispatcher.tcp.server.ListeningServer;
import org.eventdispatcher.testing.lines.LineClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * QUIT from one client closes every connection and stops the application. The application is
 * started here as its main method starts it (the test framework would try to reuse a context
 * that closed itself); only the JVM exit is left out.
 */
class QuitTest {

    @ParameterizedTest
    @ValueSource(strings = {"event-loops", "thread-per-connection"})
    void quitClosesEveryConnectionAndStopsTheApplication(String threading) throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ServerApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--eventdispatcher.server.listen=127.0.0.1:0",
                        "--eventdispatcher.daemon.exit-jvm=false",
                        "--eventdispatcher.log-rotate.enabled=false",
                        "--eventdispatcher.server.threading=" + threading);
        int port = context.getBean(ListeningServer.class).getPort();
        List<LineClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                LineClient client = new LineClient(port);
                clients.add(client);
                assertThat(client.readLine()).isEqualTo("HI");
            }
            try (LineClient quitter = new LineClient(port)) {
                quitter.readLine();
                quitter.send("QUIT");
                assertThat(quitter.closedByPeer()).isTrue();
            }
            for (LineClient client : clients) {
                assertThat(client.closedByPeer()).isTrue();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> !context.isActive());
        } finally {
            for (LineClient client : clients) {
                client.close();
            }
            context.close();
        }
    }
}
