package org.eventdispatcher.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.eventdispatcher.tcp.server.ListeningServer;
import org.eventdispatcher.testing.lines.LineClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Only the trusted stop the server: QUIT from outside eventdispatcher.daemon.stop.allowed-from, or
 * without the stop secret, is answered INVALID and the server goes on serving. Loopback only: the
 * outsider is 127.0.0.2, a second loopback address.
 */
@ExtendWith(OutputCaptureExtension.class)
class RestrictedStopTest {

    @Test
    void quitFromAnAddressOutsideAllowedFromIsRefusedAndTheServerGoesOn() throws Exception {
        ConfigurableApplicationContext context = start("--eventdispatcher.daemon.stop.allowed-from=127.0.0.1/32");
        int port = context.getBean(ListeningServer.class).getPort();
        try (LineClient outsider = new LineClient("127.0.0.2", port)) {
            assertThat(outsider.readLine()).isEqualTo("HI");

            assertThat(outsider.ask("QUIT")).isEqualTo("INVALID command=QUIT;message=not allowed from 127.0.0.2");
            assertThat(outsider.ask("STOP")).isEqualTo("INVALID command=STOP;message=not allowed from 127.0.0.2");
            assertThat(outsider.ask("DAD")).as("still served").isEqualTo("CLIMB");
            assertThat(context.isActive()).isTrue();

            try (LineClient local = new LineClient("127.0.0.1", port)) {
                local.readLine();
                local.send("QUIT");
                assertThat(local.closedByPeer()).isTrue();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> !context.isActive());
        } finally {
            context.close();
        }
    }

    @Test
    void withAStopSecretOnlyTheRightOneStopsAndItIsNeverLogged(CapturedOutput output) throws Exception {
        ConfigurableApplicationContext context =
                start("--eventdispatcher.daemon.stop.secret=s3cr3t-stop", "--eventdispatcher.dispatch.trace=true");
        int port = context.getBean(ListeningServer.class).getPort();
        try (LineClient client = new LineClient(port)) {
            assertThat(client.readLine()).isEqualTo("HI");

            assertThat(client.ask("QUIT")).isEqualTo("INVALID command=QUIT;message=secret_code is missing");
            assertThat(client.ask("QUIT secret_code=guess"))
                    .isEqualTo("INVALID command=QUIT;message=secret_code does not match");
            assertThat(context.isActive()).isTrue();

            client.send("QUIT secret_code=s3cr3t-stop");
            assertThat(client.closedByPeer()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> !context.isActive());
        } finally {
            context.close();
        }
        assertThat(output.getAll()).contains("QUIT from 127.0.0.1").doesNotContain("s3cr3t-stop");
    }

    private static ConfigurableApplicationContext start(String... extra) {
        String[] args = new String[extra.length + 3];
        args[0] = "--eventdispatcher.server.listen=127.0.0.1:0";
        args[1] = "--eventdispatcher.daemon.exit-jvm=false";
        args[2] = "--eventdispatcher.log-rotate.enabled=false";
        System.arraycopy(extra, 0, args, 3, extra.length);
        return new SpringApplicationBuilder(ServerApplication.class)
                .web(WebApplicationType.NONE)
                .run(args);
    }
}
