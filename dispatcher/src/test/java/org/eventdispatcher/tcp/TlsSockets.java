package org.eventdispatcher.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.eventdispatcher.testing.lines.LineClient;
import org.eventdispatcher.testing.tls.TestCa;
import org.eventdispatcher.testing.tls.TestTls;

/** TLS client sockets for tests: trust one CA, maybe show a client certificate. */
public final class TlsSockets {

    private final SSLContext context;

    private TlsSockets(SSLContext context) {
        this.context = context;
    }

    /** Trusts the CA of {@code caPem}; shows no certificate. */
    public static TlsSockets trusting(Path caPem) {
        return with(caPem, null);
    }

    /** Trusts the CA of {@code caPem}; shows {@code client} when asked. */
    public static TlsSockets with(Path caPem, TestCa.Issued client) {
        return new TlsSockets(TestTls.context(caPem, client));
    }

    /** Connected to 127.0.0.1, the server's name checked against its certificate, handshake done. */
    public LineClient connect(int port) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(LineClient.READ_TIMEOUT_MILLIS);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return new LineClient(socket);
    }
}
