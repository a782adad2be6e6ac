package org.eventdispatcher.broker;

import org.eventdispatcher.protocol.transport.BrokerAddress;
import org.eventdispatcher.protocol.transport.ServerNames;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * This daemon's identity on the broker ({@code eventdispatcher.node.*}, PROTOCOL.md h.1).
 *
 * @param server  the server name; by default the host name made a valid name
 * @param service the service name; by default the application's name with {@code -} as {@code _}
 *                ({@code server-service} is {@code server_service})
 */
@ConfigurationProperties("eventdispatcher.node")
public record NodeProperties(String server, String service) {

    /**
     * The address these settings give, defaults filled in.
     *
     * @throws IllegalArgumentException naming the property whose name breaks the rules
     */
    public BrokerAddress address(String applicationName) {
        String serverName = server == null || server.isBlank() ? ServerNames.local() : server.strip();
        String serviceName = service == null || service.isBlank() ? applicationName.replace('-', '_') : service.strip();
        try {
            return new BrokerAddress(serverName, serviceName);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("eventdispatcher.node.server/service: " + e.getMessage(), e);
        }
    }
}
