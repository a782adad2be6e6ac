package org.eventdispatcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.eventdispatcher.testing.tls.TestCertificates;
import org.eventdispatcher.testing.tls.TestTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pair across a network, with the real jars: TLS from Spring Boot SSL bundles, set on the
 * command line as a user would, and mutual TLS; peers that cannot speak it fail cleanly while the
 * others are served.
 */
class TlsIT {

    private static final Duration FAILURE_SEEN = Duration.ofSeconds(90);

    @RegisterExtension
    final Processes processes = new Processes();

    @TempDir
    Path dir;

    @Test
    void withMutualTlsTheTrustedClientCompletesAndTheOthersFailCleanlyAndRetry() {
        TestCertificates certificates = TestCertificates.createIn(dir);
        TestCertificates strangers = TestCertificates.createIn(dir.resolve("strangers"));
        int port = LoopbackPorts.free();
        int management = LoopbackPorts.free();
        DaemonProcess server = Daemons.server(
                processes,
                port,
                LoopbackPorts.free(),
                "--management.server.port=" + management,
                "--eventdispatcher.server.ssl.bundle=server",
                "--eventdispatcher.server.ssl.client-auth=need",
                "--eventdispatcher.daemon.stop.secret=s3cret",
                "--spring.ssl.bundle.pem.server.reload-on-update=true",
                "--spring.ssl.bundle.watch.file.quiet-period=200ms",
                "--spring.ssl.bundle.pem.server.keystore.certificate=file:" + certificates.serverCert(),
                "--spring.ssl.bundle.pem.server.keystore.private-key=file:" + certificates.serverKey(),
                "--spring.ssl.bundle.pem.server.truststore.certificate=file:" + certificates.ca());

        DaemonProcess plaintext = Daemons.client(processes, "plaintext-client", port);
        DaemonProcess untrusting = Daemons.client(
                processes,
                "untrusting-client",
                port,
                "--eventdispatcher.client.ssl.bundle=client",
                "--spring.ssl.bundle.pem.client.truststore.certificate=file:" + strangers.ca());
        DaemonProcess anonymous = Daemons.client(
                processes,
                "anonymous-client",
                port,
                "--eventdispatcher.client.ssl.bundle=client",
                "--spring.ssl.bundle.pem.client.truststore.certificate=file:" + certificates.ca());
        DaemonProcess trusted = Daemons.client(
                processes,
                "trusted-client",
                port,
                "--trace",
                "--eventdispatcher.client.ssl.bundle=client",
                "--spring.ssl.bundle.pem.client.truststore.certificate=file:" + certificates.ca(),
                "--spring.ssl.bundle.pem.client.keystore.certificate=file:" + certificates.clientCert(),
                "--spring.ssl.bundle.pem.client.keystore.private-key=file:" + certificates.clientKey());

        assertThat(trusted.awaitExit(Daemons.START))
                .as("trusted client exit status")
                .isZero();
        assertThat(trusted.hasLine("-> BYE")).isTrue();

        // each wait is the check: awaitLine fails, naming the line, when it does not come (it never returns null)
        untrusting.awaitLine("certificate of 127\\.0\\.0\\.1:" + port + " not trusted", FAILURE_SEEN);
        anonymous.awaitLine("lost the connection to .*TLS handshake", FAILURE_SEEN);
        plaintext.awaitLine("lost the connection to .*before saying anything", FAILURE_SEEN);
        server.awaitLine("TLS handshake failed, connection closed", FAILURE_SEEN);
        for (DaemonProcess failing : new DaemonProcess[] {plaintext, untrusting, anonymous}) {
            assertThat(failing.isAlive()).as(failing + " goes on retrying").isTrue();
        }
        assertThat(server.isAlive()).isTrue();
        assertThat(Management.get(management, "/actuator/health"))
                .as("Spring Boot's view of the certificates")
                .contains("\"ssl\"")
                .contains("\"validChains\"")
                .contains("CN=server");

        certificates.renewServer();
        await("the renewed certificate served")
                .atMost(FAILURE_SEEN)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> serverCertificate(port, certificates).contains("server renewed"));
        assertThat(server.output()).anyMatch(line -> line.contains("SSL bundle server reloaded"));

        List<String> tls = List.of(
                "--server",
                "127.0.0.1:" + port,
                "--encrypt",
                "--ca",
                certificates.ca().toString(),
                "--cert",
                certificates.clientCert().toString(),
                "--key",
                certificates.clientKey().toString());
        DaemonProcess withoutSecret = signal(tls, "--reply", "QUIT");
        assertThat(withoutSecret.output()).contains("INVALID command=QUIT;message=secret_code is missing");
        assertThat(server.isAlive()).isTrue();
        assertThat(signal(tls, "--secret", "s3cret", "QUIT").awaitExit(Duration.ofSeconds(60)))
                .as("signal-cli over mutual TLS, with the stop secret")
                .isZero();
        assertThat(server.awaitExit(Duration.ofSeconds(30)))
                .as("server exit status")
                .isZero();
    }

    /** The subject of the certificate the server shows a new connection now. */
    private static String serverCertificate(int port, TestCertificates certificates) throws Exception {
        SSLContext context =
                TestTls.context(certificates.ca(), certificates.authority().issue("probe"));
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(LoopbackPorts.HOST, port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0])
                    .getSubjectX500Principal()
                    .getName();
        }
    }

    private DaemonProcess signal(List<String> tls, String... more) {
        List<String> args = new ArrayList<>(tls);
        args.addAll(List.of(more));
        DaemonProcess signal = processes.start("signal-cli", Processes.SIGNAL, args);
        assertThat(signal.awaitExit(Duration.ofSeconds(60)))
                .as("signal-cli exit status")
                .isZero();
        return signal;
    }
}
