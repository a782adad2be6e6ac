package org.eventdispatcher.tcp.tls;

import java.util.function.Supplier;
import org.eventdispatcher.daemon.DaemonReload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.ssl.PropertiesSslBundle;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ResourceLoader;

/**
 * On a {@link DaemonReload}, every SSL bundle of {@code spring.ssl.bundle.*} is read again from its
 * files and replaces the one in use, as Spring Boot does itself when it watches the files
 * ({@code reload-on-update}); the server's and the client's TLS follow the bundle's updates, so
 * the next connection uses the new one. A bundle that cannot be read is logged and the one in use
 * stays.
 */
public class SslBundlesReload {

    private static final Logger log = LoggerFactory.getLogger(SslBundlesReload.class);

    private final SslProperties properties;
    private final SslBundleRegistry registry;
    private final ResourceLoader resources;

    public SslBundlesReload(SslProperties properties, SslBundleRegistry registry, ResourceLoader resources) {
        this.properties = properties;
        this.registry = registry;
        this.resources = resources;
    }

    @EventListener(DaemonReload.class)
    public void reload() {
        properties
                .getBundle()
                .getPem()
                .forEach((name, pem) -> update(name, () -> PropertiesSslBundle.get(pem, resources)));
        properties
                .getBundle()
                .getJks()
                .forEach((name, jks) -> update(name, () -> PropertiesSslBundle.get(jks, resources)));
    }

    private void update(String name, Supplier<SslBundle> bundle) {
        try {
            registry.updateBundle(name, bundle.get());
        } catch (RuntimeException e) {
            log.error("SSL bundle {} not reloaded, the one in use stays: {}", name, e.getMessage());
        }
    }
}
