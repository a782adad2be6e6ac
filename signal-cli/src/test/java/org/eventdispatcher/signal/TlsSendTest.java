package org.eventdispatcher.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.eventdispatcher.signal.SignalCliRunner.Result;
import org.eventdispatcher.testing.tls.TestCertificates;
import org.eventdispatcher.testing.tls.TestTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --encrypt against a TLS daemon made with the JDK's server socket, on loopback. */
class TlsSendTest {

    @TempDir
    Path dir;

    @Test
    void aMessageGoesOverTlsAndTheReplyComesBack() throws Exception {
        TestCertificates certificates = TestCertificates.createIn(dir);
        try (TlsDaemon daemon = new TlsDaemon(certificates, false, "ABSOLUTELY serial=7")) {
            Result result = SignalCliRunner.run(
                    "--server",
                    daemon.address(),
                    "--encrypt",
                    "--ca",
                    certificates.ca().toString(),
                    "--reply",
                    "ALIVE");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).isEqualTo("ABSOLUTELY serial=7" + System.lineSeparator());
            assertThat(daemon.received()).isEqualTo("<test_host:signal_cli ALIVE");
        }
    }

    @Test
    void anUntrustedServerIsOneClearLineAndExit2() throws Exception {
        TestCertificates certificates = TestCertificates.createIn(dir);
        Path otherCa = TestCertificates.createIn(dir.resolve("other")).ca();
        try (TlsDaemon daemon = new TlsDaemon(certificates, false, null)) {
            Result result =
                    SignalCliRunner.run("--server", daemon.address(), "-e", "yes", "--ca", otherCa.toString(), "QUIT");

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err().strip())
                    .startsWith(
                            "signal-cli: TLS handshake with " + daemon.address() + " failed: certificate not trusted")
                    .doesNotContain("\n");
        }
    }

    @Test
    void mutualTlsNeedsTheClientCertificate() throws Exception {
        TestCertificates certificates = TestCertificates.createIn(dir);
        try (TlsDaemon daemon = new TlsDaemon(certificates, true, "ABSOLUTELY")) {
            Result without = SignalCliRunner.run(
                    "--server",
                    daemon.address(),
                    "--encrypt=1",
                    "--ca",
                    certificates.ca().toString(),
                    "--reply",
                    "ALIVE");
            assertThat(without.exitCode())
                    .as("refused without a certificate: not delivered (PROTOCOL.md f.3); " + without.err())
                    .isEqualTo(2);

            Result with = SignalCliRunner.run(
                    "--server",
                    daemon.address(),
                    "--encrypt",
                    "true",
                    "--ca",
                    certificates.ca().toString(),
                    "--cert",
                    certificates.clientCert().toString(),
                    "--key",
                    certificates.clientKey().toString(),
                    "--reply",
                    "ALIVE");
            assertThat(with.exitCode()).as(with.err()).isZero();
            assertThat(with.out().strip()).isEqualTo("ABSOLUTELY");
        }
    }

    @Test
    void withoutTheClientCertificateNothingIsDeliveredEvenWhenNoReplyIsAwaited() throws Exception {
        TestCertificates certificates = TestCertificates.createIn(dir);
        try (TlsDaemon daemon = new TlsDaemon(certificates, true, null)) {
            Result without = SignalCliRunner.run(
                    "--server",
                    daemon.address(),
                    "--encrypt",
                    "--ca",
                    certificates.ca().toString(),
                    "PING");

            // under TLS 1.3 the refusal comes after the client's side of the handshake, at the write or the
            // read that follows: it is still the handshake failing
            assertThat(without.exitCode())
                    .as("not delivered (PROTOCOL.md f.3); " + without.err())
                    .isEqualTo(2);
        }
    }

    @Test
    void encryptIsForTcpAndItsFilesForEncrypt() {
        assertThat(SignalCliRunner.run("--type", "udp", "--encrypt", "LOG_ROTATE")
                        .exitCode())
                .isEqualTo(1);
        assertThat(SignalCliRunner.run("--ca", "ca.pem", "QUIT").exitCode()).isEqualTo(1);
        assertThat(SignalCliRunner.run("--encrypt", "--cert", "client.pem", "QUIT")
                        .exitCode())
                .isEqualTo(1);
        assertThat(SignalCliRunner.run("--encrypt", "maybe", "QUIT").exitCode())
                .as("not a flag value: \"maybe\" is the message, and QUIT one too many")
                .isEqualTo(1);
    }

    /** Accepts connections over TLS one at a time: greets, reads one line, answers it if told to. */
    private static final class TlsDaemon implements AutoCloseable {

        private final SSLServerSocket server;
        private final CompletableFuture<String> received = new CompletableFuture<>();
        private final String answer;

        TlsDaemon(TestCertificates certificates, boolean needClientAuth, String answer) throws Exception {
            this.answer = answer;
            SSLContext context =
                    TestTls.context(certificates.ca(), certificates.authority().issue("server"));
            this.server = (SSLServerSocket)
                    context.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress());
            this.server.setNeedClientAuth(needClientAuth);
            Thread thread = new Thread(this::serve, "tls-daemon");
            thread.setDaemon(true);
            thread.start();
        }

        String address() {
            return "127.0.0.1:" + server.getLocalPort();
        }

        String received() throws Exception {
            return received.get(10, TimeUnit.SECONDS);
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket peer = server.accept()) {
                    peer.setSoTimeout(10_000);
                    OutputStream out = peer.getOutputStream();
                    out.write("HI\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    String line = new BufferedReader(
                                    new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8))
                            .readLine();
                    if (line != null) {
                        received.complete(line);
                        if (answer != null) {
                            out.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
                            out.flush();
                        }
                    }
                } catch (IOException e) {
                    // a refused handshake, or the test is over: next connection
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
