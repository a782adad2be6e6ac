package org.eventdispatcher.tcp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.eventdispatcher.autoconfigure.DaemonAutoConfiguration;
import org.eventdispatcher.autoconfigure.DispatcherAutoConfiguration;
import org.eventdispatcher.autoconfigure.MetricsAutoConfiguration;
import org.eventdispatcher.autoconfigure.TcpServerAutoConfiguration;
import org.eventdispatcher.connection.ConnectionRegistry;
import org.eventdispatcher.daemon.DaemonReload;
import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnConnect;
import org.eventdispatcher.management.ConnectionMetrics;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.tcp.TlsSockets;
import org.eventdispatcher.testing.lines.LineClient;
import org.eventdispatcher.testing.tls.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The server's TLS from a Spring Boot SSL bundle, against JDK TLS clients on loopback. */
class ServerTlsTest {

    @TempDir
    Path dir;

    private ApplicationContextRunner runner(TestCertificates certificates) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        IntegrationAutoConfiguration.class,
                        TaskSchedulingAutoConfiguration.class,
                        SslAutoConfiguration.class,
                        DispatcherAutoConfiguration.class,
                        DaemonAutoConfiguration.class,
                        TcpServerAutoConfiguration.class,
                        MetricsAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(ConnectionRegistry.class, () -> new ConnectionRegistry(Clock.systemUTC()))
                .withPropertyValues(
                        "eventdispatcher.server.listen=127.0.0.1:0",
                        "eventdispatcher.server.ssl.bundle=server",
                        "spring.ssl.bundle.pem.server.keystore.certificate=file:" + certificates.serverCert(),
                        "spring.ssl.bundle.pem.server.keystore.private-key=file:" + certificates.serverKey(),
                        "spring.ssl.bundle.pem.server.truststore.certificate=file:" + certificates.ca());
    }

    @MessageHandlers
    static class Greeting {

        @OnConnect
        Message hi() {
            return Message.of("HI");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"event-loops", "thread-per-connection"})
    void theGreetingIsTheFirstLineOverTlsToo(String threading) throws Exception {
        TestCertificates certificates = TestCertificates.createIn(dir);
        runner(certificates)
                .withPropertyValues("eventdispatcher.server.threading=" + threading)
                .withUserConfiguration(Greeting.class)
                .run(context -> {
                    try (LineClient socket =
                            TlsSockets.trusting(certificates.ca()).connect(port(context))) {
                        socket.send("ALIVE serial=1"); // spoken first: the greeting comes first all the same
                        assertThat(socket.readLine()).isEqualTo("HI");
                        assertThat(socket.readLine()).startsWith("ABSOLUTELY ").endsWith("serial=1");
                    }
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"event-loops", "thread-per-connection"})
    void aTrustingClientIsServedOverTls(String threading) throws Exception {
        TestCertificates certificates = TestCertificates.createIn(dir);
        runner(certificates)
                .withPropertyValues("eventdispatcher.server.threading=" + threading)
                .run(context -> {
                    try (LineClient socket =
                            TlsSockets.trusting(certificates.ca()).connect(port(context))) {
                        socket.send("ALIVE serial=1");
                        assertThat(socket.readLine()).startsWith("ABSOLUTELY ").endsWith("serial=1");
                        assertThat(((SSLSocket) socket.socket()).getSession().getProtocol())
                                .startsWith("TLSv1.");
                        assertThat(context.getBean(ConnectionRegistry.class).connections())
                                .singleElement()
                                .extracting(ConnectionRegistry.Statistics::tls)
                                .isEqualTo(new ConnectionRegistry.Tls(
                                        ((SSLSocket) socket.socket())
                                                .getSession()
                                                .getProtocol(),
                                        ((SSLSocket) socket.socket())
                                                .getSession()
                                                .getCipherSuite()));
                    }
                });
    }

    @Test
    void anUnknownBundleFailsTheStartNamingTheProperty() throws Exception {
        TestCertificates certificates = TestCertificates.createIn(dir);
        runner(certificates)
                .withPropertyValues("eventdispatcher.server.ssl.bundle=nope")
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasStackTraceContaining("eventdispatcher.server.ssl.bundle=nope:"
                                + " no such SSL bundle; define it under spring.ssl.bundle.pem.nope or"
                                + " spring.ssl.bundle.jks.nope"));
    }

    @Test
    void aPlaintextClientIsClosedWithoutAReplyAndCountedWhileOthersAreServed() throws Exception {
        TestCertificates certificates = TestCertificates.createIn(dir);
        runner(certificates).run(context -> {
            try (LineClient plaintext = new LineClient(port(context));
                    LineClient good = TlsSockets.trusting(certificates.ca()).connect(port(context))) {
                // a whole TLS record header's worth (5 bytes or more): the server knows at once it is no TLS;
                // "DAD\n" alone left it waiting for more, closed only by the handshake timeout, as long as the read's
                plaintext.send("ALIVE serial=1");

                assertThat(plaintext.closedByPeer()).as("closed, nothing said").isTrue();
                await().until(() -> handshakeFailures(context) == 1);
                good.send("ALIVE serial=2");
                assertThat(good.readLine()).startsWith("ABSOLUTELY ");
                assertThat(context.getBean(ConnectionRegistry.class).connections())
                        .as("a connection opens once its handshake is done")
                        .hasSize(1);
            }
        });
    }

    @Test
    void aHandshakeThatDoesNotCompleteInTimeIsClosed() throws Exception {
        TestCertificates certificates = TestCertificates.createIn(dir);
        runner(certificates)
                .withPropertyValues("eventdispatcher.server.ssl.handshake-timeout=300ms")
                .run(context -> {
                    try (LineClient silent = new LineClient(port(context))) {
                        assertThat(silent.closedByPeer())
                                .as("closed by the server")
                                .isTrue();
                        await().until(() -> handshakeFailures(context) == 1);
                    }
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"max-connections", "max-connections-per-address"})
    void aHandshakeInProgressHoldsASlot(String limit) throws Exception {
        TestCertificates certificates = TestCertificates.createIn(dir);
        runner(certificates)
                .withPropertyValues("eventdispatcher.server." + limit + "=1")
                .run(context -> {
                    try (LineClient handshaking = new LineClient(port(context))) { // connects, never says a word
                        await().until(() ->
                                context.getBean(ListeningServer.class).slots().open() == 1);

                        assertThatThrownBy(() -> TlsSockets.trusting(certificates.ca())
                                        .connect(port(context))
                                        .close())
                                .as("refused")
                                .isInstanceOf(IOException.class);
                        await().until(() -> context.getBean(MeterRegistry.class)
                                        .get(ConnectionMetrics.REJECTED)
                                        .tag("reason", limit)
                                        .counter()
                                        .count()
                                == 1);
                    }
                });
    }

    @Test
    void anUntrustedServerCertificateFailsTheClient() throws Exception {
        TestCertificates certificates = TestCertificates.createIn(dir);
        runner(certificates).run(context -> assertThatThrownBy(() -> TlsSockets.trusting(
                                TestCertificates.createIn(dir.resolve("other")).ca())
                        .connect(port(context)))
                .isInstanceOf(SSLException.class));
    }

    @Test
    void withClientAuthNeedOnlyAClientWithACertificateIsServed() throws Exception {
        TestCertificates certificates = TestCertificates.createIn(dir);
        runner(certificates)
                .withPropertyValues("eventdispatcher.server.ssl.client-auth=need")
                .run(context -> {
                    try (LineClient anonymous =
                            TlsSockets.trusting(certificates.ca()).connect(port(context))) {
                        // TLS 1.3: the server's refusal arrives with the first read
                        anonymous.send("ALIVE");
                        assertThatThrownBy(() -> anonymous.readLine()).isInstanceOf(SSLException.class);
                    } catch (SSLException refusedAtHandshake) {
                        // TLS 1.2: refused during the handshake itself
                    }
                    await().until(() -> handshakeFailures(context) == 1);

                    try (LineClient known = TlsSockets.with(
                                    certificates.ca(), certificates.authority().issue("client"))
                            .connect(port(context))) {
                        known.send("ALIVE serial=3");
                        assertThat(known.readLine()).startsWith("ABSOLUTELY ");
                    }
                });
    }

    @Test
    void aCertificateReplacedOnDiskIsServedToTheNextConnection() throws Exception {
        TestCertificates certificates = TestCertificates.createIn(dir);
        runner(certificates)
                .withPropertyValues(
                        "spring.ssl.bundle.pem.server.reload-on-update=true",
                        "spring.ssl.bundle.watch.file.quiet-period=100ms")
                .run(context -> {
                    TlsSockets client = TlsSockets.trusting(certificates.ca());
                    LineClient before = client.connect(port(context));

                    certificates.renewServer();

                    await().atMost(Duration.ofSeconds(30)).until(() -> {
                        try (LineClient next = client.connect(port(context))) {
                            return subject(next).contains("server renewed");
                        }
                    });
                    before.send("ALIVE serial=4");
                    assertThat(before.readLine())
                            .as("an open connection keeps its certificate")
                            .startsWith("ABSOLUTELY ");
                    assertThat(subject(before)).isEqualTo("CN=server");
                    before.close();
                });
    }

    @Test
    void aReloadServesACertificateReplacedOnDiskWithoutWatchingTheFiles() throws Exception {
        TestCertificates certificates = TestCertificates.createIn(dir);
        runner(certificates).run(context -> {
            TlsSockets client = TlsSockets.trusting(certificates.ca());
            certificates.renewServer();
            try (LineClient next = client.connect(port(context))) {
                assertThat(subject(next)).as("not watched: no reload yet").isEqualTo("CN=server");
            }

            context.publishEvent(new DaemonReload("SIGHUP")); // what HangUpSignal publishes

            try (LineClient next = client.connect(port(context))) {
                assertThat(subject(next)).contains("server renewed");
            }
        });
    }

    private static String subject(LineClient client) throws IOException {
        SSLSocket socket = (SSLSocket) client.socket();
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0])
                .getSubjectX500Principal()
                .getName();
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
