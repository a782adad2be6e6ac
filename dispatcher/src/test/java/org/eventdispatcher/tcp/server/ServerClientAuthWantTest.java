package org.eventdispatcher.tcp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.eventdispatcher.autoconfigure.MetricsAutoConfiguration;
import org.eventdispatcher.management.ConnectionMetrics;
import org.eventdispatcher.tcp.TlsSockets;
import org.eventdispatcher.testing.lines.LineClient;
import org.eventdispatcher.testing.tls.TestCa;
import org.eventdispatcher.testing.tls.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code ssl.client-auth=want} (PROTOCOL.md i): a client without a certificate is served, one with
 * a certificate of the trusted CA is served and known by it, and one offering a certificate the
 * server does not trust is refused.
 */
class ServerClientAuthWantTest {

    @TempDir
    Path dir;

    private ApplicationContextRunner runner(TestCertificates certificates) {
        return ServerContext.runner()
                .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MetricsAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues(
                        "eventdispatcher.server.listen=127.0.0.1:0",
                        "eventdispatcher.server.ssl.bundle=server",
                        "eventdispatcher.server.ssl.client-auth=want",
                        "spring.ssl.bundle.pem.server.keystore.certificate=file:" + certificates.serverCert(),
                        "spring.ssl.bundle.pem.server.keystore.private-key=file:" + certificates.serverKey(),
                        "spring.ssl.bundle.pem.server.truststore.certificate=file:" + certificates.ca());
    }

    @Test
    void aClientWithoutACertificateIsServedAndOneWithATrustedCertificateIsKnown() throws Exception {
        TestCertificates certificates = TestCertificates.createIn(dir);
        runner(certificates).run(context -> {
            try (LineClient anonymous = TlsSockets.trusting(certificates.ca()).connect(port(context))) {
                assertThat(anonymous.ask("ALIVE serial=1"))
                        .startsWith("ABSOLUTELY ")
                        .endsWith("serial=1");
                assertThat(((SSLSocket) anonymous.socket()).getSession().getLocalCertificates())
                        .as("it showed none")
                        .isNull();
            }
            try (LineClient known = TlsSockets.with(
                            certificates.ca(), certificates.authority().issue("client"))
                    .connect(port(context))) {
                assertThat(known.ask("ALIVE serial=2")).endsWith("serial=2");
                assertThat(((SSLSocket) known.socket()).getSession().getLocalCertificates())
                        .as("the server asked for it, and it was shown")
                        .hasSize(1);
            }
            assertThat(handshakeFailures(context)).isZero();
        });
    }

    @Test
    void aClientOfferingACertificateTheServerCannotTrustIsRefused() throws Exception {
        TestCertificates certificates = TestCertificates.createIn(dir);
        runner(certificates).run(context -> {
            // of the CA the server names, so the client offers it; expired, so the check refuses it
            TlsSockets expired =
                    TlsSockets.with(certificates.ca(), certificates.authority().issueExpired("client"));
            assertThat(answerTo(expired, port(context)))
                    .as("no answer: refused")
                    .isNull();
            await().atMost(Duration.ofSeconds(10)).until(() -> handshakeFailures(context) == 1);
        });
    }

    @Test
    void aClientWhoseCertificateIsOfAnotherCaOffersNoneAndIsServedAsAnonymous() throws Exception {
        TestCertificates certificates = TestCertificates.createIn(dir);
        TestCa stranger = TestCa.create("stranger");
        runner(certificates).run(context -> {
            try (LineClient client =
                    TlsSockets.with(certificates.ca(), stranger.issue("client")).connect(port(context))) {
                assertThat(client.ask("ALIVE serial=3")).endsWith("serial=3");
                assertThat(((SSLSocket) client.socket()).getSession().getLocalCertificates())
                        .as("the server named the CAs it takes: the client had none of theirs to show")
                        .isNull();
            }
        });
    }

    /** The answer to ALIVE; null when the server refused the connection, at the handshake or at the first read. */
    private static String answerTo(TlsSockets client, int port) throws IOException {
        try (LineClient connection = client.connect(port)) {
            connection.send("ALIVE");
            return connection.readLine();
        } catch (SSLException | SocketException refused) {
            return null; // TLS 1.2 refuses during the handshake, TLS 1.3 with the first read
        }
    }

    private static double handshakeFailures(AssertableApplicationContext context) {
        return context.getBean(MeterRegistry.class)
                .get(ConnectionMetrics.TLS_HANDSHAKE_FAILURES)
                .counter()
                .count();
    }

    private static int port(AssertableApplicationContext context) {
        return context.getBean(ListeningServer.class).getPort();
    }
}
