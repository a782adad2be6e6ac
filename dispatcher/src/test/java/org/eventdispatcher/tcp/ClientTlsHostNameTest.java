package org.eventdispatcher.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.eventdispatcher.autoconfigure.DaemonAutoConfiguration;
import org.eventdispatcher.autoconfigure.DispatcherAutoConfiguration;
import org.eventdispatcher.autoconfigure.TcpClientAutoConfiguration;
import org.eventdispatcher.testing.tls.TestCa;
import org.eventdispatcher.testing.tls.TestCertificates;
import org.eventdispatcher.testing.tls.TestTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The client daemon's TLS checks that the server's certificate names the address it connects to
 * (PROTOCOL.md i), not only that a trusted CA signed it.
 */
class ClientTlsHostNameTest {

    @TempDir
    Path dir;

    private ApplicationContextRunner client(TestCertificates certificates, int port) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        IntegrationAutoConfiguration.class,
                        SslAutoConfiguration.class,
                        DispatcherAutoConfiguration.class,
                        DaemonAutoConfiguration.class,
                        TcpClientAutoConfiguration.class))
                .withPropertyValues(
                        "eventdispatcher.client.server=127.0.0.1:" + port,
                        "eventdispatcher.client.reconnect.pauses=0.1",
                        "eventdispatcher.client.ssl.bundle=client",
                        "spring.ssl.bundle.pem.client.truststore.certificate=file:" + certificates.ca());
    }

    @Test
    void aServerCertificateOfTheTrustedCaForAnotherHostIsRefused() throws Exception {
        TestCertificates certificates = TestCertificates.createIn(dir);
        try (Handshakes server =
                new Handshakes(certificates, certificates.authority().issueForAnotherHost("elsewhere.example"))) {
            client(certificates, server.port()).run(context -> {
                await().atMost(Duration.ofSeconds(30)).until(() -> server.failed.get() >= 2);
                assertThat(server.done).as("no handshake completed").hasValue(0);
            });
        }
    }

    @Test
    void withVerifyHostOffTheSameCertificateIsTaken() throws Exception {
        TestCertificates certificates = TestCertificates.createIn(dir);
        try (Handshakes server =
                new Handshakes(certificates, certificates.authority().issueForAnotherHost("elsewhere.example"))) {
            client(certificates, server.port())
                    .withPropertyValues("eventdispatcher.client.ssl.verify-host=false")
                    .run(context -> await().atMost(Duration.ofSeconds(30)).until(() -> server.done.get() >= 1));
        }
    }

    /** A TLS server with this certificate that counts the handshakes done and failed, one connection at a time. */
    private static final class Handshakes implements AutoCloseable {

        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        private final SSLServerSocket server;

        Handshakes(TestCertificates certificates, TestCa.Issued certificate) throws IOException {
            server = (SSLServerSocket) TestTls.context(certificates.ca(), certificate)
                    .getServerSocketFactory()
                    .createServerSocket(0, 5, InetAddress.getLoopbackAddress());
            Thread thread = new Thread(this::serve, "tls-handshakes");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket peer = server.accept()) {
                    peer.setSoTimeout(10_000);
                    try {
                        ((SSLSocket) peer).startHandshake();
                        done.incrementAndGet();
                        peer.getInputStream().read(); // held until the client closes or the test ends
                    } catch (IOException refused) {
                        failed.incrementAndGet();
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
