package org.eventdispatcher.tcp.tls;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/** The Spring Boot SSL bundle a property names, or a start-up failure that says where to define it. */
public final class TlsBundles {

    private TlsBundles() {}

    /** @throws IllegalStateException naming {@code property} when there is no bundle {@code name} */
    public static SslBundle find(SslBundles bundles, String property, String name) {
        try {
            return bundles.getBundle(name);
        } catch (NoSuchSslBundleException e) {
            throw new IllegalStateException(
                    property + "=" + name + ": no such SSL bundle; define it under" + " spring.ssl.bundle.pem." + name
                            + " or spring.ssl.bundle.jks." + name,
                    e);
        }
    }
}
