package org.eventdispatcher.tcp.tls;

import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.integration.ip.tcp.connection.TcpSocketFactorySupport;

/**
 * The client's TLS, made from a Spring Boot SSL bundle ({@code spring.ssl.bundle.*}): its trust
 * store says which servers to trust, its key (for mutual TLS) who the client is. Spring
 * Integration's client factory makes every socket with it. When the bundle reloads, the next
 * connection uses the new files.
 */
public final class ClientTls implements TcpSocketFactorySupport {

    private static final Logger log = LoggerFactory.getLogger(ClientTls.class);

    private final String bundleName;
    private volatile SSLContext context;

    private ClientTls(String bundleName, SSLContext context) {
        this.bundleName = bundleName;
        this.context = context;
    }

    /**
     * The TLS of {@code eventdispatcher.client.ssl.bundle}, following the bundle's reloads.
     *
     * @throws IllegalStateException naming the property, when there is no such bundle
     */
    public static ClientTls from(SslBundles bundles, String name) {
        SslBundle bundle = TlsBundles.find(bundles, "eventdispatcher.client.ssl.bundle", name);
        ClientTls tls = new ClientTls(name, bundle.createSslContext());
        bundles.addBundleUpdateHandler(name, tls::reload);
        return tls;
    }

    @Override
    public SocketFactory getSocketFactory() {
        return context.getSocketFactory();
    }

    /** A client has no server socket. */
    @Override
    public ServerSocketFactory getServerSocketFactory() {
        throw new UnsupportedOperationException("a client's TLS makes client sockets only");
    }

    private void reload(SslBundle bundle) {
        try {
            context = bundle.createSslContext();
            log.info("SSL bundle {} reloaded: the next connection uses it", bundleName);
        } catch (RuntimeException e) {
            log.error(
                    "SSL bundle {} changed but cannot be used, keeping the previous one: {}",
                    bundleName,
                    e.getMessage());
        }
    }
}
