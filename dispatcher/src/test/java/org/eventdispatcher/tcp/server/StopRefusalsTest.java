package org.eventdispatcher.tcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.eventdispatcher.testing.lines.LineClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * QUITTING and RESTART obey the stop rule as QUIT and STOP do (PROTOCOL.md i): refused, with the
 * reason, from outside {@code allowed-from} or without the secret, and the daemon goes on.
 */
class StopRefusalsTest {

    private final ApplicationContextRunner runner = ServerContext.runner()
            .withPropertyValues(
                    "eventdispatcher.server.listen=127.0.0.1:0",
                    "eventdispatcher.daemon.exit-jvm=false",
                    "eventdispatcher.daemon.stop.allowed-from=127.0.0.1/32",
                    "eventdispatcher.daemon.stop.secret=s3cret");

    @ParameterizedTest
    @ValueSource(strings = {"QUITTING", "RESTART"})
    void fromOutsideAllowedFromItIsRefusedAndTheDaemonGoesOn(String command) {
        runner.run(context -> {
            int port = context.getBean(ListeningServer.class).getPort();
            try (LineClient outsider = new LineClient("127.0.0.2", port)) {
                assertThat(outsider.ask(command + " secret_code=s3cret"))
                        .isEqualTo("INVALID command=" + command + ";message=not allowed from 127.0.0.2");
                assertThat(outsider.ask("ALIVE serial=1")).as("still served").endsWith("serial=1");
            }
            assertThat(context.isActive()).isTrue();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"QUITTING", "RESTART"})
    void withoutTheRightSecretItIsRefusedAndTheDaemonGoesOn(String command) {
        runner.run(context -> {
            int port = context.getBean(ListeningServer.class).getPort();
            try (LineClient local = new LineClient(port)) {
                assertThat(local.ask(command))
                        .isEqualTo("INVALID command=" + command + ";message=secret_code is missing");
                assertThat(local.ask(command + " secret_code=guess"))
                        .isEqualTo("INVALID command=" + command + ";message=secret_code does not match");
                assertThat(local.ask("ALIVE serial=2")).as("still served").endsWith("serial=2");
            }
            assertThat(context.isActive()).isTrue();
        });
    }
}
