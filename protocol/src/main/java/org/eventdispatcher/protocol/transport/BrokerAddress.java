package org.eventdispatcher.protocol.transport;

import java.util.Objects;
import java.util.Optional;
import org.eventdispatcher.protocol.message.InvalidMessageException;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.message.MessageNames;

/**
 * A daemon's address on the message broker, {@code server:service} (PROTOCOL.md h.1), and the
 * routing rules built on it (h.2, h.3): its queue, the keys its queue is bound with, and the key a
 * message is published with. Names hold only {@code a-z A-Z 0-9 _}, so a {@code .} in a routing key
 * always separates the server from the service.
 */
public record BrokerAddress(String server, String service) {

    /** The server name that addresses every daemon of a service ({@code *:service/...}); no daemon may use it. */
    public static final String ALL = "all";

    /**
     * @throws InvalidMessageException when either name breaks the name rules (a.2), or the server
     *                                 is the reserved {@code all}
     */
    public BrokerAddress {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(service, "service");
        if (server.isEmpty() || !MessageNames.isValidSentFrom(server)) {
            throw new InvalidMessageException(
                    "invalid server name \"" + server + "\": use a-z, A-Z, 0-9 and _, not starting with a digit");
        }
        if (server.equals(ALL)) {
            throw new InvalidMessageException(
                    "the server name \"all\" is reserved: it addresses every daemon of a service");
        }
        if (service.isEmpty() || !MessageNames.isValidSentFrom(service)) {
            throw new InvalidMessageException(
                    "invalid service name \"" + service + "\": use a-z, A-Z, 0-9 and _, not starting with a digit");
        }
    }

    /** Reads {@code server:service}. */
    public static BrokerAddress parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new InvalidMessageException("invalid broker address \"" + text + "\": write it server:service");
        }
        return new BrokerAddress(
                text.substring(0, colon).strip(), text.substring(colon + 1).strip());
    }

    /** The address a message says it was sent from, if it names both a server and a service. */
    public static Optional<BrokerAddress> senderOf(Message message) {
        if (message.sentFromServer().isEmpty() || message.sentFromService().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BrokerAddress(message.sentFromServer(), message.sentFromService()));
        } catch (InvalidMessageException e) {
            return Optional.empty();
        }
    }

    /** The queue this daemon consumes from: {@code ed.<server>.<service>}. */
    public String queue() {
        return "ed." + server + "." + service;
    }

    /** The key that reaches this daemon alone: {@code <server>.<service>}. */
    public String routingKey() {
        return server + "." + service;
    }

    /** The key that reaches every daemon of this one's service: {@code all.<service>}. */
    public String serviceRoutingKey() {
        return ALL + "." + service;
    }

    /**
     * The routing key of a message sent from this daemon (h.3): {@code server:service/...} to that
     * daemon, {@code *:service/...} to every daemon of the service, {@code service/...} to that
     * service on this daemon's own server.
     *
     * @throws InvalidMessageException when the message names no service: on the broker there is
     *                                 no "the daemon at the other end"
     */
    public String routingKeyOf(Message message) {
        String toService = message.service();
        if (toService.isEmpty() || toService.equals("*") || toService.equals(".") || toService.equals("?")) {
            throw new InvalidMessageException(
                    "a message sent through the broker names its service (server:service/" + message.command()
                            + "); this one names " + (toService.isEmpty() ? "none" : "\"" + toService + "\""));
        }
        String toServer = message.server();
        if (toServer.equals("*")) {
            return ALL + "." + toService;
        }
        if (toServer.isEmpty() || toServer.equals(".") || toServer.equals("?")) {
            return server + "." + toService;
        }
        return toServer + "." + toService;
    }

    /** As users write it: {@code server:service}. */
    @Override
    public String toString() {
        return server + ":" + service;
    }
}
