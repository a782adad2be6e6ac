package org.eventdispatcher.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Logs where this instance's HTTP (management) server actually listens: with many clients on one
 * host, only the first gets the configured port.
 */
@Component
class ListeningAddresses {

    private static final Logger log = LoggerFactory.getLogger(ListeningAddresses.class);

    private final Environment environment;
    private volatile int managementPort = -1;

    ListeningAddresses(Environment environment) {
        this.environment = environment;
    }

    @EventListener
    void webServerStarted(WebServerInitializedEvent event) {
        int port = event.getWebServer().getPort();
        if (port <= 0) {
            return; // the application's own web server, turned off (server.port=-1)
        }
        managementPort = port;
        log.info(
                "management (HTTP) listening on {}:{}",
                environment.getProperty("management.server.address", "127.0.0.1"),
                port);
    }

    /** The port management listens on; -1 until it does. */
    int managementPort() {
        return managementPort;
    }
}
