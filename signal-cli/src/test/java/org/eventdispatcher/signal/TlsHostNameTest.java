package org.eventdispatcher.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.eventdispatcher.signal.SignalCliRunner.Result;
import org.eventdispatcher.testing.tls.TestCa;
import org.eventdispatcher.testing.tls.TestCertificates;
import org.eventdispatcher.testing.tls.TestTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --encrypt checks that the daemon's certificate names the host connected to, not only that its CA is trusted. */
class TlsHostNameTest {

    @TempDir
    Path dir;

    @Test
    void aCertificateOfTheTrustedCaForAnotherHostIsRefusedWithExit2() throws Exception {
        TestCertificates certificates = TestCertificates.createIn(dir);
        try (HandshakingServer daemon = new HandshakingServer(
                certificates, certificates.authority().issueForAnotherHost("elsewhere.example"))) {
            Result result = SignalCliRunner.run(
                    "--server",
                    daemon.address(),
                    "--encrypt",
                    "--ca",
                    certificates.ca().toString(),
                    "ALIVE");

            assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
            assertThat(result.err()).contains("TLS handshake with " + daemon.address() + " failed");
        }
    }

    @Test
    void theSameCaForThisHostIsAccepted() throws Exception {
        TestCertificates certificates = TestCertificates.createIn(dir);
        try (HandshakingServer daemon =
                new HandshakingServer(certificates, certificates.authority().issue("server"))) {
            Result result = SignalCliRunner.run(
                    "--server",
                    daemon.address(),
                    "--encrypt",
                    "--ca",
                    certificates.ca().toString(),
                    "ALIVE");

            assertThat(result.exitCode()).as(result.err()).isZero();
        }
    }

    /** Accepts TLS connections one at a time with this certificate, greets, and reads what comes. */
    private static final class HandshakingServer implements AutoCloseable {

        private final SSLServerSocket server;

        HandshakingServer(TestCertificates certificates, TestCa.Issued certificate) throws Exception {
            SSLContext context = TestTls.context(certificates.ca(), certificate);
            server = (SSLServerSocket)
                    context.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress());
            Thread thread = new Thread(this::serve, "tls-host-name-daemon");
            thread.setDaemon(true);
            thread.start();
        }

        String address() {
            return "127.0.0.1:" + server.getLocalPort();
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket peer = server.accept()) {
                    peer.setSoTimeout(10_000);
                    ((SSLSocket) peer).startHandshake();
                    OutputStream out = peer.getOutputStream();
                    out.write("HI\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    peer.getInputStream().read(new byte[256]);
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
