package org.eventdispatcher.signal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS over a connected socket, with the JDK alone (PROTOCOL.md f.3 {@code --encrypt}): the
 * server's certificate checked against {@code --ca} (or the JDK's trust store) and against the
 * host name or address of {@code --server}; {@code --cert} and {@code --key} for mutual TLS.
 */
final class TlsConnector {

    private final SSLContext context;

    private TlsConnector(SSLContext context) {
        this.context = context;
    }

    /** @throws SignalException (usage) when a file cannot be read as what it should be */
    static TlsConnector of(TlsSettings settings) throws SignalException {
        try {
            TrustManagerFactory trust = null;
            if (settings.ca() != null) {
                KeyStore anchors = emptyStore();
                int i = 0;
                for (Certificate certificate : certificates(settings.ca(), "--ca")) {
                    anchors.setCertificateEntry("ca-" + i++, certificate);
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(anchors);
            }
            KeyManagerFactory keys = null;
            if (settings.cert() != null) {
                KeyStore identity = emptyStore();
                identity.setKeyEntry(
                        "client",
                        privateKey(settings.key()),
                        new char[0],
                        certificates(settings.cert(), "--cert").toArray(Certificate[]::new));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(identity, new char[0]);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return new TlsConnector(context);
        } catch (GeneralSecurityException | IOException e) {
            throw new SignalException(ExitCode.USAGE, "cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * The TLS session on {@code socket}, handshake done within {@code timeout}.
     *
     * @throws SignalException (not delivered) naming what the handshake failed on
     */
    Socket secure(Socket socket, DaemonAddress address, Duration timeout) throws SignalException {
        try {
            SSLSocket tls =
                    (SSLSocket) context.getSocketFactory().createSocket(socket, address.host(), address.port(), true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name --server's host
            tls.setSSLParameters(parameters);
            int soTimeout = socket.getSoTimeout();
            tls.setSoTimeout((int) timeout.toMillis());
            tls.startHandshake();
            tls.setSoTimeout(soTimeout);
            return tls;
        } catch (SSLException e) {
            throw new SignalException(
                    ExitCode.NOT_DELIVERED, "TLS handshake with " + address + " failed: " + innermost(e), e);
        } catch (IOException e) {
            throw new SignalException(
                    ExitCode.NOT_DELIVERED,
                    "TLS handshake with " + address + " failed: " + SignalException.reason(e),
                    e);
        }
    }

    private static String innermost(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() != null
                ? cause.getMessage()
                : cause.getClass().getSimpleName();
        return cause instanceof GeneralSecurityException ? "certificate not trusted (" + message + ")" : message;
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static Collection<? extends Certificate> certificates(String file, String option)
            throws GeneralSecurityException, IOException {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new GeneralSecurityException(option + " " + file + " holds no certificate");
            }
            return certificates;
        }
    }

    /** A PKCS#8 PEM key ({@code BEGIN PRIVATE KEY}), RSA or EC. */
    private static PrivateKey privateKey(String file) throws GeneralSecurityException, IOException {
        String pem = Files.readString(Path.of(file), StandardCharsets.US_ASCII);
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new GeneralSecurityException("--key " + file + " is not a PKCS#8 PEM key (BEGIN PRIVATE KEY);"
                    + " convert it with: openssl pkcs8 -topk8 -nocrypt -in " + file);
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
        for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException("--key " + file + ": not an EC, RSA or Ed25519 key");
    }
}
