package org.eventdispatcher.tcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnConnect;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.transport.HostPort;
import org.eventdispatcher.tcp.TlsSockets;
import org.eventdispatcher.testing.lines.LineClient;
import org.eventdispatcher.testing.tls.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Each TCP listener's TLS: its own bundle, the server's, or none, side by side in one daemon. */
class ListenerTlsTest {

    @TempDir
    Path dir;

    @MessageHandlers
    static class Greeting {

        @OnConnect
        Message hi() {
            return Message.of("HI");
        }
    }

    private ApplicationContextRunner runner(TestCertificates certificates) {
        return ServerContext.runner()
                .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
                .withUserConfiguration(Greeting.class)
                .withPropertyValues(
                        "spring.ssl.bundle.pem.server.keystore.certificate=file:" + certificates.serverCert(),
                        "spring.ssl.bundle.pem.server.keystore.private-key=file:" + certificates.serverKey());
    }

    @Test
    void aNamedListenerServesTlsWithItsOwnBundleBesideAPlaintextOne() throws Exception {
        TestCertificates certificates = TestCertificates.createIn(dir);
        runner(certificates)
                .withPropertyValues(
                        "eventdispatcher.server.listen=public=127.0.0.1:0, local=127.0.0.1:0",
                        "eventdispatcher.server.listeners.public.ssl.bundle=server")
                .run(context -> {
                    try (LineClient tls = TlsSockets.trusting(certificates.ca()).connect(port(context, 0));
                            LineClient plain = new LineClient(port(context, 1))) {
                        assertThat(tls.readLine()).isEqualTo("HI");
                        assertThat(plain.readLine()).isEqualTo("HI");
                    }
                });
    }

    @Test
    void anEmptyBundleOfItsOwnMakesOneListenerPlaintextUnderTheServersTls() throws Exception {
        TestCertificates certificates = TestCertificates.createIn(dir);
        runner(certificates)
                .withPropertyValues(
                        "eventdispatcher.server.listen=127.0.0.1:0, local=127.0.0.1:0",
                        "eventdispatcher.server.ssl.bundle=server",
                        "eventdispatcher.server.listeners.local.ssl.bundle=")
                .run(context -> {
                    try (LineClient tls = TlsSockets.trusting(certificates.ca()).connect(port(context, 0));
                            LineClient plain = new LineClient(port(context, 1))) {
                        assertThat(tls.readLine()).isEqualTo("HI");
                        assertThat(plain.readLine()).isEqualTo("HI");
                    }
                });
    }

    @Test
    void settingsForANameNoListenerHasFailTheStart() throws Exception {
        TestCertificates certificates = TestCertificates.createIn(dir);
        runner(certificates)
                .withPropertyValues(
                        "eventdispatcher.server.listen=public=127.0.0.1:0",
                        "eventdispatcher.server.listeners.pubilc.ssl.bundle=server")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("eventdispatcher.server.listeners.pubilc: no listener of that name"));
    }

    private static int port(AssertableApplicationContext context, int listener) {
        List<ListeningServer.ListenerStatus> listeners =
                context.getBean(ListeningServer.class).listeners();
        return ((HostPort) listeners.get(listener).address()).port();
    }
}
