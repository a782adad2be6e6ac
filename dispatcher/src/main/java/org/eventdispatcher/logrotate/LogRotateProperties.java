package org.eventdispatcher.logrotate;

import org.eventdispatcher.protocol.transport.DefaultAddresses;
import org.eventdispatcher.protocol.transport.HostPort;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Log rotation on request ({@code eventdispatcher.log-rotate.*}; PROTOCOL.md d).
 *
 * @param enabled            listen for {@code LOG_ROTATE} over UDP and handle it on every transport
 * @param listen             UDP {@code host:port} of the listener; the server uses 127.0.0.1:3002,
 *                           the client 127.0.0.1:3003 (its application.yml says so)
 * @param secret             the {@code secret_code} a {@code LOG_ROTATE} must carry; empty: none
 * @param fallbackToAnyPort  when the port is taken, listen on an ephemeral port of the same host
 *                           instead of failing to start (several clients on one host)
 */
@ConfigurationProperties("eventdispatcher.log-rotate")
public record LogRotateProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue(DefaultAddresses.SERVER_LOG_ROTATE) String listen,
        @DefaultValue("") String secret,
        @DefaultValue("false") boolean fallbackToAnyPort) {

    public LogRotateProperties {
        secret = secret == null ? "" : secret;
        try {
            HostPort.parse(listen);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("eventdispatcher.log-rotate.listen: " + e.getMessage());
        }
    }

    public HostPort listenAddress() {
        return HostPort.parse(listen);
    }

    public boolean hasSecret() {
        return !secret.isEmpty();
    }

    /** Without the secret's value: this record may end up in a log line. */
    @Override
    public String toString() {
        return "LogRotateProperties[enabled=" + enabled + ", listen=" + listen + ", secret="
                + (hasSecret() ? "(set)" : "(none)") + ", fallbackToAnyPort=" + fallbackToAnyPort + "]";
    }
}
