package org.eventdispatcher.testing.tls;

import java.nio.file.Path;

/**
 * The PEM files a TLS test needs, made fresh in a directory: a CA, a server and a client
 * certificate it signed (valid for {@code 127.0.0.1} and {@code localhost}), an expired server
 * certificate from the same CA, and a server certificate from another CA that nobody trusts.
 *
 * @param ca            the CA's certificate: the trust anchor of both sides
 * @param serverCert    the server's certificate
 * @param serverKey     its private key (PKCS#8)
 * @param clientCert    a client certificate, for mutual TLS
 * @param clientKey     its private key
 * @param expiredCert   a server certificate from the CA that has expired
 * @param expiredKey    its private key
 * @param untrustedCert a server certificate from another CA
 * @param untrustedKey  its private key
 */
public record TestCertificates(
        TestCa authority,
        Path ca,
        Path serverCert,
        Path serverKey,
        Path clientCert,
        Path clientKey,
        Path expiredCert,
        Path expiredKey,
        Path untrustedCert,
        Path untrustedKey) {

    public static TestCertificates createIn(Path dir) {
        TestCa authority = TestCa.create("eventdispatcher test CA");
        TestCa.Issued server = authority.issue("server");
        TestCa.Issued client = authority.issue("client");
        TestCa.Issued expired = authority.issueExpired("server");
        TestCa.Issued untrusted = TestCa.create("nobody's CA").issue("server");
        return new TestCertificates(
                authority,
                authority.writeCertificate(dir.resolve("ca.pem")),
                server.writeCertificate(dir.resolve("server.pem")),
                server.writeKey(dir.resolve("server-key.pem")),
                client.writeCertificate(dir.resolve("client.pem")),
                client.writeKey(dir.resolve("client-key.pem")),
                expired.writeCertificate(dir.resolve("expired.pem")),
                expired.writeKey(dir.resolve("expired-key.pem")),
                untrusted.writeCertificate(dir.resolve("untrusted.pem")),
                untrusted.writeKey(dir.resolve("untrusted-key.pem")));
    }

    /** Writes a new server certificate from the same CA over the server's files: a renewal, as on disk. */
    public TestCa.Issued renewServer() {
        TestCa.Issued renewed = authority.issue("server renewed");
        renewed.writeKey(serverKey);
        renewed.writeCertificate(serverCert);
        return renewed;
    }
}
