package org.eventdispatcher.tcp.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

/**
 * The server's TLS, made from a Spring Boot SSL bundle ({@code spring.ssl.bundle.*}): a Netty
 * {@link SslContext} for every new connection. When the bundle reloads (its files changed, with
 * {@code reload-on-update: true}), the context is made again: new connections get the new
 * certificate, open ones keep theirs.
 */
public final class ServerTls {

    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

    private final String property;
    private final String bundleName;
    private final ClientAuth clientAuth;
    private final Duration handshakeTimeout;
    private volatile SslContext context;

    private ServerTls(String property, String bundleName, ClientAuth clientAuth, Duration handshakeTimeout) {
        this.property = property;
        this.bundleName = bundleName;
        this.clientAuth = clientAuth;
        this.handshakeTimeout = handshakeTimeout;
    }

    /**
     * The TLS of {@code eventdispatcher.server.ssl}, following its bundle's reloads.
     *
     * @param name             the bundle ({@code eventdispatcher.server.ssl.bundle})
     * @param clientAuth       whether client certificates are asked for, and checked against the bundle's trust store
     * @param handshakeTimeout a handshake not done in this time closes the connection
     * @throws IllegalStateException naming the property, when the bundle does not exist or does not
     *                               make a server context (no key, say)
     */
    public static ServerTls from(SslBundles bundles, String name, ClientAuth clientAuth, Duration handshakeTimeout) {
        return from(bundles, "eventdispatcher.server.ssl.bundle", name, clientAuth, handshakeTimeout);
    }

    /**
     * As {@link #from(SslBundles, String, ClientAuth, Duration)}, for the bundle a property other
     * than {@code eventdispatcher.server.ssl.bundle} names (a listener's own).
     */
    public static ServerTls from(
            SslBundles bundles, String property, String name, ClientAuth clientAuth, Duration handshakeTimeout) {
        SslBundle bundle = TlsBundles.find(bundles, property, name);
        ServerTls tls = new ServerTls(property, name, clientAuth, handshakeTimeout);
        tls.context = tls.context(bundle);
        bundles.addBundleUpdateHandler(name, tls::reload);
        return tls;
    }

    /** A handler for one new connection, with the current certificate, the handshake bounded in time. */
    public SslHandler newHandler(ByteBufAllocator allocator) {
        SslHandler handler = context.newHandler(allocator);
        handler.setHandshakeTimeout(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        return handler;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    private void reload(SslBundle bundle) {
        try {
            context = context(bundle);
            log.info("SSL bundle {} reloaded: new connections get its new certificate", bundleName);
        } catch (IllegalStateException e) {
            log.error(
                    "SSL bundle {} changed but cannot be used, keeping the previous certificate: {}",
                    bundleName,
                    e.getMessage());
        }
    }

    private SslContext context(SslBundle bundle) {
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(
                            bundle.getManagers().getKeyManagerFactory())
                    .sslProvider(SslProvider.JDK)
                    .clientAuth(clientAuth);
            if (clientAuth != ClientAuth.NONE) {
                builder.trustManager(bundle.getManagers().getTrustManagerFactory());
            }
            SslOptions options = bundle.getOptions();
            if (options.getEnabledProtocols() != null) {
                builder.protocols(options.getEnabledProtocols());
            }
            if (options.getCiphers() != null) {
                builder.ciphers(Arrays.asList(options.getCiphers()));
            }
            return builder.build();
        } catch (SSLException | RuntimeException e) {
            throw new IllegalStateException(
                    property + "=" + bundleName + ": cannot serve TLS with it: " + e.getMessage(), e);
        }
    }
}
